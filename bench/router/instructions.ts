/**
 * The deterministic tier: instructions per lookup, counted by `valgrind --tool=callgrind`.
 * Wall-clock figures on a shared machine move by several percent between runs; an instruction
 * count of the same code on the same input repeats to a few thousandths of a percent, so a 2%
 * change in it is real.
 *
 * Node.js runs with `--predictable` (single-threaded compilation and collection, so that the JIT
 * and the GC do the same thing in the same order every time) and fixed random and hash seeds; the
 * optimising compiler stays on, since optimised code is what production runs. JIT code has no
 * symbols, so the count is taken as a difference: the same process twice, with and without P
 * extra passes over the lookups after the same warm-up; start-up, registration and warm-up cancel
 * out, and what is left is P passes of steady-state lookups, garbage collection included.
 */
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { runChild } from '../lib/child.js'
import type { CountJob } from './measure.js'
import type { InstructionCount } from './schema.js'
import { benchTable } from './tables.js'

const MEASURE = fileURLToPath(new URL('./measure.js', import.meta.url))

/** Lookups before the counted ones: enough for the optimising compiler to have finished. */
export const WARMUP_LOOKUPS = 600_000
/** Lookups counted. */
export const COUNTED_LOOKUPS = 200_000

export const NODE_FLAGS = ['--predictable', '--random-seed=1', '--hash-seed=1'] as const

/** Null when callgrind can run here, else why not, in words. */
export function instructionsAvailable(): string | null {
  const found = spawnSync('valgrind', ['--version'], { encoding: 'utf8' })
  if (found.error !== undefined || found.status !== 0) {
    return 'valgrind not found (on Debian or Ubuntu: apt-get install valgrind)'
  }
  return null
}

/** Instructions of one run of the counting job, from callgrind's summary line. */
async function totalInstructions(job: CountJob, signal?: AbortSignal): Promise<number> {
  const done = await runChild(
    'valgrind',
    [
      '--tool=callgrind',
      '--callgrind-out-file=/dev/null',
      process.execPath,
      ...NODE_FLAGS,
      MEASURE,
      JSON.stringify(job),
    ],
    { timeoutMs: 600_000, ...(signal === undefined ? {} : { signal }) },
  )
  if (done.failure !== null) throw new Error(`callgrind ${done.failure}`)
  const collected = /Collected : (\d+)/.exec(done.stderr)
  if (collected === null) throw new Error('callgrind printed no instruction count')
  return Number(collected[1])
}

export interface CountOptions {
  readonly signal?: AbortSignal
  /** Another build of the router to count (`npm run regress`). */
  readonly routerModule?: string
  /** The seed of the randomized lookup sets, to count one of them. */
  readonly seed?: number
  /** Lookups before the counted ones, and counted: the defaults above. */
  readonly warmupLookups?: number
  readonly countedLookups?: number
}

/** Instructions per lookup of `router` on one lookup set of `table`. */
export async function countInstructions(
  router: string,
  table: string,
  set: string,
  options: CountOptions = {},
): Promise<InstructionCount> {
  const { signal, routerModule, seed } = options
  const lookups =
    benchTable(table, seed ?? null)?.sets.find((s) => s.name === set)?.lookups.length ?? 0
  const per = Math.max(1, lookups)
  const warmupPasses = Math.ceil((options.warmupLookups ?? WARMUP_LOOKUPS) / per)
  const passes = Math.ceil((options.countedLookups ?? COUNTED_LOOKUPS) / per)
  const base = { router, table, set, warmupPasses, passes }
  if (lookups === 0) return { ...base, perLookup: null, totals: [], reason: `no set "${set}"` }
  const job = (p: number): CountJob => ({
    mode: 'count',
    router,
    table,
    set,
    warmup: warmupPasses,
    passes: p,
    ...(routerModule === undefined ? {} : { routerModule }),
    ...(seed === undefined ? {} : { seed }),
  })
  try {
    const without = await totalInstructions(job(0), signal)
    const withPasses = await totalInstructions(job(passes), signal)
    return {
      ...base,
      perLookup: (withPasses - without) / (passes * lookups),
      totals: [without, withPasses],
      reason: null,
    }
  } catch (error) {
    return { ...base, perLookup: null, totals: [], reason: (error as Error).message }
  }
}
