/**
 * CPU time and memory of a process, read from Linux's /proc. Every reader returns null where
 * /proc is missing or the process is gone, and the results then say "unknown" rather than guess.
 */
import { execFileSync } from 'node:child_process'
import { readFileSync, writeFileSync } from 'node:fs'

let ticksPerSecond: number | undefined

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond =
        Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100
    } catch {
      ticksPerSecond = 100
    }
  }
  return ticksPerSecond
}

/** User plus system CPU seconds the process has used, all threads. */
export function cpuSeconds(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces; the fields after its ')' are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return (Number(fields[11]) + Number(fields[12])) / clockTicks() // utime, stime
  } catch {
    return null
  }
}

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
