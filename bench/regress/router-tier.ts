/**
 * The router tier of `npm run regress`: per route table, base and head side by side in several
 * processes (router-arms.ts), then the decision; and, where valgrind is present and asked for, instructions
 * per lookup of both, which repeat exactly, so that a small change in them is real.
 */
import { fileURLToPath } from 'node:url'
import { runChild } from '../lib/child.js'
import { median } from '../lib/stats.js'
import { countInstructions } from '../router/instructions.js'
import { decide, type RoundFigures, roundFigures } from './decide.js'
import type { RegressRow } from './result.js'
import type { ArmsJob, ArmsResult } from './router-arms.js'
import { sampleUntilDecided } from './sequential.js'

const ARMS_SCRIPT = fileURLToPath(new URL('./router-arms.js', import.meta.url))

export interface RouterTierOptions {
  readonly tables: readonly string[]
  /** Processes per table: each is one sample of the decision. */
  readonly rounds: number
  /** While a table is inconclusive, more processes are added, up to this many in all. */
  readonly maxRounds: number
  /** ABCCBA rounds of windows inside each process. */
  readonly windows: number
  readonly windowMs: number
  readonly warmupMs: number
  /** Smallest slowdown that counts, as a fraction. */
  readonly threshold: number
  /** The base's router module, and head's (this checkout's, or a test fixture). */
  readonly baseModule: string
  readonly headModule: string
  readonly cores: string | null
  readonly signal?: AbortSignal
  readonly log: (line: string) => void
}

/** Processes added at a time while a table is inconclusive. */
const ROUNDS_STEP = 4

/**
 * Per table, `rounds` processes, each timing base, head and head again in windows (router-arms.ts)
 * and giving one sample: the median over its windows of the slowdown and of the A/A ratio; more
 * processes, `ROUNDS_STEP` at a time up to `maxRounds`, while the table is inconclusive. One
 * process is not enough however many windows it times: the same code in two isolates of one
 * process differs by a few percent (now and then 10%) from where its compiled code and data happen
 * to lie in memory, a bias fixed for the process's life. Across processes it is random, so the
 * median over several cancels it, and the A/A pair shows how large it was.
 */
export async function routerTier(options: RouterTierOptions): Promise<{
  rows: RegressRow[]
  errors: string[]
}> {
  const rows: RegressRow[] = []
  const errors: string[] = []
  for (const table of options.tables) {
    options.log(
      `router: ${table}, ${options.rounds} processes of base, head and head again side by side`,
    )
    const samples: RoundFigures[] = []
    const costs = { base: [] as number[], head: [] as number[] }
    let failure: string | null = null
    const measureOne = async (): Promise<RoundFigures | null> => {
      const job: ArmsJob = {
        table,
        modules: { base: options.baseModule, head: options.headModule, again: options.headModule },
        rounds: options.windows,
        windowMs: options.windowMs,
        warmupMs: options.warmupMs,
      }
      const done = await runChild(process.execPath, [ARMS_SCRIPT, JSON.stringify(job)], {
        timeoutMs: 10 * 60_000,
        cores: options.cores,
        exitWithParent: true,
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      })
      if (done.failure !== null) {
        failure = `router ${table}: the measuring process ${done.failure}`
        return null
      }
      const result = JSON.parse(done.stdout) as ArmsResult
      const figures = result.rounds.map((r) => roundFigures(r))
      for (const arm of ['base', 'head'] as const)
        costs[arm].push(median(result.rounds.map((r) => Math.sqrt(r[arm][0] * r[arm][1]))))
      return {
        slowdown: median(figures.map((f) => f.slowdown)),
        aa: median(figures.map((f) => f.aa)),
      }
    }
    const decision = await sampleUntilDecided({
      first: options.rounds,
      step: ROUNDS_STEP,
      max: options.maxRounds,
      samples,
      measure: async () => (options.signal?.aborted ? null : measureOne()),
      decide: (taken) => decide(taken, options.threshold),
      onMore: (taken, more) =>
        options.log(
          `router: ${table} inconclusive after ${taken} processes; ${more} more (up to ${options.maxRounds})`,
        ),
    })
    if (failure !== null) {
      errors.push(failure)
      continue
    }
    if (decision === null) return { rows, errors }
    rows.push({
      tier: 'router',
      name: table,
      metric: 'ns per lookup',
      base: median(costs.base),
      head: median(costs.head),
      rounds: samples,
      threshold: options.threshold,
      ...decision,
      reason:
        decision.verdict === 'inconclusive'
          ? `${decision.reason} (after ${samples.length} processes, as many as --max-rounds allows)`
          : decision.reason,
    })
  }
  return { rows, errors }
}

export interface InstructionTierOptions {
  readonly tables: readonly string[]
  readonly threshold: number
  readonly baseModule: string
  readonly headModule: string
  readonly signal?: AbortSignal
  readonly log: (line: string) => void
}

/**
 * Instructions per lookup of base and head on each table's `all` set. Deterministic: the same
 * code and lookups give the same count to a few thousandths of a percent, so there is no A/A pair
 * and no interval; a change of the threshold or more is a regression.
 */
export async function instructionTier(options: InstructionTierOptions): Promise<{
  rows: RegressRow[]
  errors: string[]
}> {
  const rows: RegressRow[] = []
  const errors: string[] = []
  for (const table of options.tables) {
    if (options.signal?.aborted) break
    options.log(`instructions: ${table}, base and head under callgrind`)
    const [base, head] = await Promise.all(
      [options.baseModule, options.headModule].map((routerModule) =>
        countInstructions('routebench', table, 'all', {
          routerModule,
          ...(options.signal === undefined ? {} : { signal: options.signal }),
        }),
      ),
    )
    if (base?.perLookup == null || head?.perLookup == null) {
      errors.push(`instructions ${table}: ${base?.reason ?? head?.reason ?? 'not counted'}`)
      continue
    }
    const slowdown = head.perLookup / base.perLookup
    const change = slowdown - 1
    const pct = (x: number) => `${(x * 100).toFixed(2)}%`
    const regression = change >= options.threshold
    rows.push({
      tier: 'instructions',
      name: table,
      metric: 'instructions per lookup',
      base: base.perLookup,
      head: head.perLookup,
      rounds: [],
      threshold: options.threshold,
      verdict: regression ? 'regression' : 'pass',
      slowdown: { median: slowdown, low: slowdown, high: slowdown },
      aa: null,
      noise: null,
      p: null,
      reason: regression
        ? `${pct(change)} more instructions per lookup, at or beyond the ${pct(options.threshold)} threshold (counts repeat exactly)`
        : `${change >= 0 ? `${pct(change)} more` : `${pct(-change)} fewer`} instructions per lookup, below the ${pct(options.threshold)} threshold`,
    })
  }
  return { rows, errors }
}
