/**
 * Where the server and the load generator run. On a machine with two or more cores and `taskset`
 * (util-linux), the server gets core 0 and the load generator (this process, all its threads) the
 * others, so that neither steals the other's CPU. The placement is recorded with the results.
 */
import { spawnSync } from 'node:child_process'
import { availableParallelism } from 'node:os'

export interface Placement {
  readonly pinned: boolean
  /** taskset core list for the server, or null when not pinned. */
  readonly serverCores: string | null
  readonly clientCores: string | null
  /** Load-generator cores: the capacity against which the client's CPU use is judged. */
  readonly clientCoreCount: number
  /** autocannon worker threads, should autocannon be the load generator: 0 on two cores (one
   * thread is all one core can run). */
  readonly workers: number
  readonly note: string
}

export function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0
}

export function planPlacement(
  pin: boolean,
  cores = availableParallelism(),
  taskset = hasTaskset(),
): Placement {
  const workersFor = (clientCores: number) => (clientCores >= 2 ? Math.min(clientCores, 8) : 0)
  if (!pin) {
    return {
      pinned: false,
      serverCores: null,
      clientCores: null,
      clientCoreCount: Math.max(1, cores - 1),
      workers: 0,
      note: 'not pinned (--no-pin)',
    }
  }
  if (cores < 2) {
    return {
      pinned: false,
      serverCores: null,
      clientCores: null,
      clientCoreCount: 1,
      workers: 0,
      note: 'not pinned: one core, shared by server and load generator',
    }
  }
  if (!taskset) {
    return {
      pinned: false,
      serverCores: null,
      clientCores: null,
      clientCoreCount: cores - 1,
      workers: 0,
      note: 'not pinned: taskset not found (install util-linux)',
    }
  }
  const clientCores = cores === 2 ? '1' : `1-${cores - 1}`
  const clientCoreCount = cores - 1
  const workers = workersFor(clientCoreCount)
  return {
    pinned: true,
    serverCores: '0',
    clientCores,
    clientCoreCount,
    workers,
    note: `server on core 0, load generator on core${clientCoreCount > 1 ? 's' : ''} ${clientCores} (taskset)`,
  }
}

/** Pins this process, every thread of it, to `cores`. Returns an error message, or null. */
export function pinSelf(cores: string): string | null {
  const done = spawnSync('taskset', ['-a', '-p', '-c', cores, String(process.pid)], {
    encoding: 'utf8',
  })
  return done.status === 0 ? null : `taskset failed: ${(done.stderr || done.stdout).trim()}`
}
