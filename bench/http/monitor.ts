/**
 * Memory of a process, read from Linux's /proc (its CPU time is in cpu.ts). Every reader returns
 * null where /proc is missing or the process is gone, and the results then say "unknown" rather
 * than guess.
 */
import { readFileSync, writeFileSync } from 'node:fs'

function statusField(pid: number, field: string): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8')
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)
    return match === null ? null : Number(match[1]) * 1024
  } catch {
    return null
  }
}

/** Resident set size now, in bytes. */
export function rssBytes(pid: number): number | null {
  return statusField(pid, 'VmRSS')
}

/** Peak resident set size since the process started or since `resetPeakRss`, in bytes. */
export function peakRssBytes(pid: number): number | null {
  return statusField(pid, 'VmHWM')
}

/** Resets the peak RSS (Linux 4.0+: writing 5 to clear_refs); false where that is not possible. */
export function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5')
    return true
  } catch {
    return false
  }
}
