/**
 * The comparison of two results files: per row, the median of each side, the change from base to
 * head with its 95% interval, a rank test, and Holm's correction across every tested row, so that
 * the chance of any false alarm in the whole comparison stays at alpha.
 *
 * Paired when both files are arms of one side-by-side run (`meta.pairing`, same `id`, different
 * `arm`): round r of one was measured next to round r of the other, so the machine's drift cancels
 * and the rounds pair up by number (Wilcoxon signed-rank on log(head/base), median of per-round
 * ratios). Otherwise the files come from different runs and the samples are independent
 * (Mann-Whitney U, ratio of the medians); drift between the runs is then part of any difference.
 */

import type { ResultsFile } from '../http/schema.js'
import { machineLine } from '../lib/meta.js'
import {
  holm,
  mannWhitneyU,
  pairedRatio,
  percentChange,
  ratioOfMedians,
  wilcoxonSignedRank,
} from '../lib/rank-tests.js'
import type { Pairing } from '../lib/schema.js'
import { BOOTSTRAP_SAMPLES, bootstrapMedian, type Interval } from '../lib/stats.js'
import type { RouterFile } from '../router/schema.js'
import type { Pair } from './load.js'
import { checkMethod, type MethodDifference, warnings } from './methodology.js'
import { type CountRow, httpRows, instructionRows, type RowSamples, routerRows } from './rows.js'

export const DEFAULT_ALPHA = 0.05

/** A side needs this many rounds (pairs when paired) for a test and an interval. */
export const MIN_ROUNDS = 2

export interface CompareOptions {
  /** A row is significant when its Holm-adjusted p-value is below this. */
  readonly alpha: number
  /** Compare even when the methods differ. */
  readonly force: boolean
}

export interface Metric {
  /** `Throughput (req/s)`, `Time per lookup (ns)` */
  readonly title: string
  /** `req/s`, `ns per lookup` */
  readonly unit: string
  readonly better: 'higher' | 'lower'
  /** The names of the keys of a row: `server, scenario` or `router, table, set`. */
  readonly keys: readonly string[]
}

export const METRICS = {
  http: {
    title: 'Throughput (req/s)',
    unit: 'req/s',
    better: 'higher',
    keys: ['server', 'scenario'],
  },
  router: {
    title: 'Time per lookup (ns)',
    unit: 'ns per lookup',
    better: 'lower',
    keys: ['router', 'table', 'set'],
  },
} as const satisfies Record<Pair['kind'], Metric>

export interface FileInfo {
  readonly path: string
  readonly date: string
  readonly gitCommit: string | null
  /** `Test CPU (2 cores), Linux 6.1 x64, Node.js v20.20.2` */
  readonly machine: string
  readonly rounds: number
}

export interface Side {
  /** Rounds with a value (for a tested paired row, the pairs are in `pairs`). */
  readonly n: number
  /** Median over those rounds with its 95% bootstrap interval; null without any. */
  readonly median: Interval | null
}

export type RowStatus = 'tested' | 'too-few-rounds' | 'only-in-base' | 'only-in-head'

export interface RowComparison {
  readonly keys: readonly string[]
  readonly status: RowStatus
  readonly base: Side | null
  readonly head: Side | null
  /** Rounds measured on both sides, when paired. */
  readonly pairs: number | null
  /** head / base: ratio of medians, or median of per-round ratios when paired; 95% interval. */
  readonly ratio: Interval | null
  /** The same as a percent change: −20 is a fifth less. */
  readonly change: Interval | null
  readonly p: number | null
  readonly pAdjusted: number | null
  readonly significant: boolean
  /** Only for a significant change. */
  readonly verdict: 'better' | 'worse' | null
}

export interface CountComparison {
  readonly keys: readonly string[]
  readonly base: number
  readonly head: number
  /** Percent change; exact, since the counts are deterministic. */
  readonly change: number
  readonly verdict: 'better' | 'worse' | 'same'
}

export interface Comparison {
  readonly kind: Pair['kind']
  readonly base: FileInfo
  readonly head: FileInfo
  /** The side-by-side run both files belong to, when paired. */
  readonly pairing: { readonly id: string; readonly base: string; readonly head: string } | null
  readonly alpha: number
  readonly bootstrapSamples: number
  /** Rows that had a test: the size of the family Holm corrects over. */
  readonly tested: number
  /** Differences of method compared over with --force. */
  readonly forced: readonly MethodDifference[]
  readonly warnings: readonly string[]
  readonly metric: Metric
  readonly rows: readonly RowComparison[]
  /** Callgrind counts (router files only; empty when the files have none in common). */
  readonly instructions: readonly CountComparison[]
  /** Why instruction counts are missing on one side, or null. */
  readonly instructionsNote: string | null
}

/** Throws CompareError when the methods differ (unless forced). */
export function compare(pair: Pair, options: CompareOptions): Comparison {
  const forced = checkMethod(pair, options.force)
  const pairing = pairingOf(pair.base.file.meta.pairing, pair.head.file.meta.pairing)
  const paired = pairing !== null
  const metric: Metric = METRICS[pair.kind]
  const measured = (
    pair.kind === 'http'
      ? httpRows(pair.base.file, pair.head.file)
      : routerRows(pair.base.file, pair.head.file)
  ).map((row) => measure(row, paired))

  const testedAt = measured.flatMap((row, i) => (row.p === null ? [] : [i]))
  const adjusted = holm(testedAt.map((i) => measured[i]?.p as number))
  const adjustedAt = new Map(testedAt.map((i, k) => [i, adjusted[k] as number]))
  const rows = measured.map((row, i): RowComparison => {
    const pAdjusted = adjustedAt.get(i) ?? null
    const significant = pAdjusted !== null && pAdjusted < options.alpha
    const verdict = significant && row.ratio !== null ? direction(row.ratio, metric.better) : null
    return { ...row, pAdjusted, significant, verdict }
  })

  let instructions: CountComparison[] = []
  let instructionsNote: string | null = null
  if (pair.kind === 'router') {
    instructions = instructionRows(pair.base.file, pair.head.file).map(countComparison)
    const counted = (file: RouterFile) => file.instructions.some((c) => c.perLookup !== null)
    const inBase = counted(pair.base.file)
    if (inBase !== counted(pair.head.file)) {
      const [side, path] = inBase ? ['base', pair.base.path] : ['head', pair.head.path]
      instructionsNote = `Instruction counts: only the ${side} file (${path}) has them; not compared.`
    } else if (inBase && instructions.length === 0) {
      instructionsNote =
        'Instruction counts: the files counted no (router, table, set) in common; not compared.'
    }
  }

  return {
    kind: pair.kind,
    base: info(pair.base.path, pair.base.file.meta),
    head: info(pair.head.path, pair.head.file.meta),
    pairing,
    alpha: options.alpha,
    bootstrapSamples: BOOTSTRAP_SAMPLES,
    tested: testedAt.length,
    forced,
    warnings: [...warnings(pair), ...powerWarning(measured, paired, options.alpha)],
    metric,
    rows,
    instructions,
    instructionsNote,
  }
}

/** Both files are arms of one side-by-side run: the same `id`, different `arm`s. */
function pairingOf(base: Pairing | null, head: Pairing | null): Comparison['pairing'] {
  if (base === null || head === null || base.id !== head.id || base.arm === head.arm) return null
  return { id: base.id, base: base.arm, head: head.arm }
}

/** A row's figures before Holm's correction, which needs every row's p-value. */
type Measured = Omit<RowComparison, 'pAdjusted' | 'significant' | 'verdict'>

function measure(row: RowSamples, paired: boolean): Measured {
  const side = (samples: RowSamples['base']): Side | null =>
    samples === null
      ? null
      : {
          n: samples.length,
          median: samples.length === 0 ? null : bootstrapMedian(samples.map((s) => s.value)),
        }
  const untested: Measured = {
    keys: row.keys,
    status: row.base === null ? 'only-in-head' : row.head === null ? 'only-in-base' : 'tested',
    base: side(row.base),
    head: side(row.head),
    pairs: null,
    ratio: null,
    change: null,
    p: null,
  }
  if (row.base === null || row.head === null) return untested

  let base: number[]
  let head: number[]
  let pairs: number | null = null
  if (paired) {
    // Round r of base with round r of head; a round valid on one side only has no partner.
    const headByRound = new Map(row.head.map((s) => [s.round, s.value]))
    base = []
    head = []
    for (const s of row.base) {
      const h = headByRound.get(s.round)
      if (h === undefined) continue
      base.push(s.value)
      head.push(h)
    }
    pairs = base.length
  } else {
    base = row.base.map((s) => s.value)
    head = row.head.map((s) => s.value)
  }
  if (base.length < MIN_ROUNDS || head.length < MIN_ROUNDS) {
    return { ...untested, status: 'too-few-rounds', pairs }
  }

  const ratio = paired ? pairedRatio(base, head) : ratioOfMedians(base, head)
  const p = paired
    ? wilcoxonSignedRank(head.map((h, i) => Math.log(h / (base[i] as number)))).p
    : mannWhitneyU(base, head).p
  return { ...untested, pairs, ratio, change: percentChange(ratio), p }
}

/**
 * The smallest p-value a rank test can give with these sample sizes, exact and without ties:
 * every pair on the same side (paired, 2/2ⁿ), or every value of one side below every value of the
 * other (unpaired, 2/C(n₁ + n₂, n₁)).
 */
export function smallestP(sizes: { pairs: number } | { base: number; head: number }): number {
  if ('pairs' in sizes) return Math.min(1, 2 / 2 ** sizes.pairs)
  let orderings = 1
  for (let k = 1; k <= sizes.base; k++) orderings = (orderings * (sizes.head + k)) / k
  return Math.min(1, 2 / orderings)
}

/**
 * Says so when no row can be significant whatever the data: Holm's first step needs a p-value
 * below alpha / m, and few rounds cannot give one. More rounds are then the fix; the line says
 * how many.
 */
function powerWarning(rows: readonly Measured[], paired: boolean, alpha: number): string[] {
  const sizes = rows
    .filter((r) => r.p !== null)
    .map((r) => (paired ? { pairs: r.pairs ?? 0 } : { base: r.base?.n ?? 0, head: r.head?.n ?? 0 }))
  const m = sizes.length
  if (m === 0) return []
  const best = Math.min(...sizes.map(smallestP))
  if (best * m < alpha) return []
  const most = Math.max(...sizes.map((s) => ('pairs' in s ? s.pairs : Math.min(s.base, s.head))))
  let needed = most + 1
  while (smallestP(paired ? { pairs: needed } : { base: needed, head: needed }) * m >= alpha) {
    needed++
  }
  const unit = paired ? 'pairs of rounds' : 'rounds a side'
  return [
    `No row can be significant here: with at most ${most} ${unit}, the smallest p-value a rank test can give is ${best.toPrecision(2)}, which Holm's correction over ${m} row${m === 1 ? '' : 's'} makes ${Math.min(1, best * m).toPrecision(2)}, not below ${alpha}. Measure at least ${needed} ${unit} (--rounds ${needed}).`,
  ]
}

function direction(ratio: Interval, better: Metric['better']): 'better' | 'worse' | null {
  if (ratio.median === 1) return null
  return ratio.median > 1 === (better === 'higher') ? 'better' : 'worse'
}

function countComparison(row: CountRow): CountComparison {
  const change = (row.head / row.base - 1) * 100
  return {
    keys: row.keys,
    base: row.base,
    head: row.head,
    change,
    // Fewer instructions is better.
    verdict: row.head === row.base ? 'same' : row.head < row.base ? 'better' : 'worse',
  }
}

function info(path: string, meta: ResultsFile['meta'] | RouterFile['meta']): FileInfo {
  return {
    path,
    date: meta.date,
    gitCommit: meta.gitCommit,
    machine: machineLine(meta),
    rounds: meta.options.rounds,
  }
}
