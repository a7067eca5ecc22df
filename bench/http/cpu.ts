/**
 * CPU time of a process, every thread of it, read from Linux's /proc: the cost figure of the
 * benchmark is a server's CPU time over the responses it sent, so it must count the garbage
 * collector's and the runtime's helper threads as well as the main one.
 *
 * `/proc/PID/task/TID/schedstat` gives each thread's time on a CPU in nanoseconds, as the
 * scheduler accounts it; `/proc/PID/stat` gives the whole process's user and system time in clock
 * ticks (10 ms), too coarse for a measurement of one second, and is used only where schedstat is
 * missing (a kernel without CONFIG_SCHEDSTATS), with the results saying so. A thread that ends
 * during a measurement takes its time with it; the runtimes measured here keep their threads.
 */
import { execFileSync } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'

export type CpuClock = 'schedstat' | 'stat'

export interface CpuTime {
  readonly ns: number
  readonly clock: CpuClock
}

/** CPU time of every thread of `pid` so far, or null where /proc cannot tell (no /proc, gone). */
export function processCpuNs(pid: number): CpuTime | null {
  return schedstatNs(pid) ?? statNs(pid)
}

function schedstatNs(pid: number): CpuTime | null {
  let tasks: string[]
  try {
    tasks = readdirSync(`/proc/${pid}/task`)
  } catch {
    return null
  }
  let ns = 0
  let read = 0
  for (const task of tasks) {
    try {
      // "<time on CPU, ns> <time waiting, ns> <timeslices>"
      ns += Number(readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[0])
      read++
    } catch {
      // the thread ended meanwhile
    }
  }
  return read === 0 || !Number.isFinite(ns) ? null : { ns, clock: 'schedstat' }
}

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

function statNs(pid: number): CpuTime | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
    // The command name (field 2) may hold spaces; the fields after its ')' are plain.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    const ticks = Number(fields[11]) + Number(fields[12]) // utime, stime: every thread
    return { ns: (ticks / clockTicks()) * 1e9, clock: 'stat' }
  } catch {
    return null
  }
}
