/**
 * One router on one table, in a process of its own (`node --expose-gc measure.js '<job>'`), so
 * that the JIT has seen no other router's code and no other table: the router is built, its
 * retained heap and registration time are taken, every answer of every lookup set is checked, and
 * only then are the sets with right answers timed with mitata. Prints one JSON `JobResult` line on
 * stdout.
 *
 * In `count` mode it does the same lookups a fixed number of times and nothing else, for
 * `valgrind --tool=callgrind` to count instructions (see instructions.ts).
 */
import { do_not_optimize, measure } from 'mitata'
import { watchParentFromThread } from '../lib/parent-pipe.js'
import type { Built } from './adapters/adapter.js'
import { CannotRegisterError } from './adapters/adapter.js'
import { loadAdapter } from './adapters/index.js'
import { routerModuleAdapter } from './adapters/routebench.js'
import { wrongAnswers } from './check.js'
import { build, pass, warmUp } from './lookup-loop.js'
import { benchTable } from './tables.js'

export interface TimeJob {
  readonly mode: 'time'
  readonly router: string
  readonly table: string
  /** The seed of the randomized lookup sets (random-sets.ts). */
  readonly seed: number
  /** mitata's minimum CPU time per lookup set, in milliseconds. */
  readonly timeMs: number
  /** Warm-up bounds, in milliseconds: see `warmUp`. */
  readonly warmupMinMs: number
  readonly warmupMaxMs: number
  /** How many times the table is built to time registration. */
  readonly builds: number
  /** A full garbage collection before each set, so that no set pays for the previous one's
   * garbage (off in the quick profile, where each costs more than the measurement). */
  readonly collect: boolean
  /** Another build of `@routebench/router` to time instead of the adapter (an older commit's). */
  readonly routerModule?: string
}

export interface CountJob {
  readonly mode: 'count'
  readonly router: string
  readonly table: string
  readonly set: string
  /** The seed of the randomized lookup sets, to count one of them. */
  readonly seed?: number
  /** Passes over the set before the counted ones: the same in every run, so they cancel out. */
  readonly warmup: number
  readonly passes: number
  /** Another build of `@routebench/router` to count instead of the adapter (`npm run regress`). */
  readonly routerModule?: string
}

export type Job = TimeJob | CountJob

/** Timings of one lookup set, per lookup, in nanoseconds, over mitata's samples. */
export interface SetTiming {
  readonly avg: number
  readonly p50: number
  readonly p99: number
  readonly min: number
  readonly samples: number
}

export interface SetResult {
  readonly name: string
  readonly lookups: number
  /** Wrong answers; a set with any is not timed. */
  readonly wrong: readonly string[]
  readonly timing: SetTiming | null
}

export interface JobResult {
  readonly router: string
  readonly table: string
  readonly status: 'measured' | 'cannot-register' | 'failed'
  readonly reason: string | null
  /** Each build's time (registration plus the first lookup of each method), the first cold. */
  readonly registrationMs: readonly number[]
  /** Heap retained by the built router, after full collections. */
  readonly heapBytes: number | null
  /** How long the warm-up took to reach a steady time per lookup (or its maximum). */
  readonly warmupMs: number | null
  readonly sets: readonly SetResult[]
}

const gc = (globalThis as { gc?: () => void }).gc

/**
 * mitata times a call shorter than this in batches of 4,096 per sample, so that the clock's own
 * cost disappears. Its default threshold, 65 µs, would make one sample of a linear router's 20 µs
 * lookup last 80 ms and one lookup set several seconds; above 2 µs the clock's ~40 ns are at
 * most 2% of a single call, and those routers are ten times slower than that anyway.
 */
const BATCH_THRESHOLD_NS = 2_000

/** Kept reachable so that neither the heap figure nor the JIT can drop the built router. */
let keep: unknown

function heapUsed(): number {
  gc?.()
  return process.memoryUsage().heapUsed
}

async function time(job: TimeJob): Promise<JobResult> {
  const table = benchTable(job.table, job.seed)
  if (table === null) throw new Error(`unknown table "${job.table}"`)
  const adapter =
    job.routerModule === undefined
      ? await loadAdapter(job.router)
      : await routerModuleAdapter(job.routerModule)
  const base = { router: job.router, table: job.table }

  // Registration: the first build is also the one whose heap is measured.
  const registrationMs: number[] = []
  const before = heapUsed()
  let built: Built
  const t0 = performance.now()
  try {
    built = build(adapter, table)
  } catch (error) {
    const status = error instanceof CannotRegisterError ? 'cannot-register' : 'failed'
    const reason = error instanceof Error ? error.message : String(error)
    return { ...base, status, reason, registrationMs, heapBytes: null, warmupMs: null, sets: [] }
  }
  registrationMs.push(performance.now() - t0)
  keep = built
  const heapBytes = Math.max(0, heapUsed() - before)
  for (let i = 1; i < job.builds; i++) {
    const t = performance.now()
    keep = build(adapter, table)
    registrationMs.push(performance.now() - t)
    keep = built
  }

  // Answers first: a set with one wrong answer is never timed.
  const decoded = adapter.decodesParams
  const checked = table.sets.map((set) => ({ set, wrong: wrongAnswers(built, set, { decoded }) }))
  const right = checked.filter((c) => c.wrong.length === 0).map((c) => c.set)
  const warmupMs =
    right.length === 0 ? null : warmUp(built, right, job.warmupMinMs, job.warmupMaxMs)
  const sets: SetResult[] = []
  for (const { set, wrong } of checked) {
    let timing: SetTiming | null = null
    if (wrong.length === 0) {
      const fn = pass(built, set)
      const stats = await measure(fn, {
        min_cpu_time: job.timeMs * 1e6,
        gc: job.collect && gc !== undefined ? gc : false,
        batch_threshold: BATCH_THRESHOLD_NS,
      })
      const n = set.lookups.length
      timing = {
        avg: stats.avg / n,
        p50: stats.p50 / n,
        p99: stats.p99 / n,
        min: stats.min / n,
        samples: stats.samples.length,
      }
    }
    sets.push({ name: set.name, lookups: set.lookups.length, wrong, timing })
  }
  return { ...base, status: 'measured', reason: null, registrationMs, heapBytes, warmupMs, sets }
}

async function count(job: CountJob): Promise<void> {
  const table = benchTable(job.table, job.seed ?? null)
  const set = table?.sets.find((s) => s.name === job.set)
  if (table === null || set === undefined)
    throw new Error(`unknown table or set: ${job.table} ${job.set}`)
  const adapter =
    job.routerModule === undefined
      ? await loadAdapter(job.router)
      : await routerModuleAdapter(job.routerModule)
  const built = build(adapter, table)
  const fn = pass(built, set)
  for (let i = 0; i < job.warmup; i++) fn()
  for (let i = 0; i < job.passes; i++) fn()
}

async function main(): Promise<void> {
  // A harness killed outright leaves no one to read the result: stop with it. The main thread times
  // lookups for seconds at a stretch, so a thread of its own watches.
  await watchParentFromThread()
  const job = JSON.parse(process.argv[2] ?? '') as Job
  if (job.mode === 'count') return count(job)
  if (gc === undefined) throw new Error('run with node --expose-gc')
  const result = await time(job)
  process.stdout.write(`${JSON.stringify(result)}\n`)
  do_not_optimize(keep)
}

main().catch((error: unknown) => {
  process.stderr.write(
    `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
})
