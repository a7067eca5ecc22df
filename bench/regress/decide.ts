/**
 * The decision of `npm run regress`, row by row (a table of the router, or a server and scenario):
 * is head slower than base, beyond this run's own noise?
 *
 * Each round measures the arms in the order base, head, head again, head again, head, base (ABBA,
 * with an A/A pair of head inside), so that a drift of the machine during the round weighs on
 * every arm alike. Per round:
 *
 * - the slowdown is head's cost over base's (time per lookup, or the inverse of req/s), each the
 *   geometric mean of the arm's two measurements; above 1 is slower;
 * - the A/A ratio is the same figure for head's second pair over its first: the same code, so any
 *   distance from 1 is noise.
 *
 * Over rounds: the median slowdown with a 95% bootstrap interval, and the noise floor, the larger
 * distance from 1 of the A/A interval's ends. Then:
 *
 * - **regression** when the whole slowdown interval is above 1, the median slowdown is at least
 *   the threshold, and it is at least twice the noise floor (a slowdown that the A/A pair could
 *   nearly produce by itself is not believed);
 * - **pass** when a threshold-sized slowdown is ruled out: the interval's upper end is below the
 *   threshold; and, as a check that the run is sound at all, the noise floor is below the
 *   threshold too (identical code measured a threshold apart would make any interval suspect);
 * - **inconclusive** otherwise: the noise floor reaches the threshold, or a slowdown past the
 *   threshold is within twice the noise, or the interval reaches the threshold (too few or too
 *   scattered rounds).
 *
 * A pass asks for noise below the threshold, not below half of it: the slowdown's own interval
 * already carries this run's scatter, and asking the A/A interval to be half as wide again made
 * the router tier's 5% check inconclusive on a shared two-core CI machine whose A/A floor was 3%
 * with seven processes, for a change that touched nothing. A regression still needs twice the
 * noise, so that a noisy run is far more likely to fail to decide than to fail a change that is
 * not slower.
 */

import { EXIT } from '../lib/command.js'
import { wilcoxonSignedRank } from '../lib/rank-tests.js'
import { bootstrapMedian, type Interval } from '../lib/stats.js'

export type Verdict = 'pass' | 'regression' | 'inconclusive'

/** The exit code of each verdict, from every command's table (bench/lib/command.ts). */
export const EXIT_CODES: Readonly<Record<Verdict | 'error', number>> = {
  pass: EXIT.ok,
  regression: EXIT.finding,
  inconclusive: EXIT.inconclusive,
  error: EXIT.cannotRun,
}

/** One round of one row: each arm's two measurements, as costs (bigger is slower). */
export interface ArmCosts {
  readonly base: readonly [number, number]
  readonly head: readonly [number, number]
  readonly again: readonly [number, number]
}

export interface RoundFigures {
  /** head over base; above 1 is slower. */
  readonly slowdown: number
  /** head's second pair over its first: noise. */
  readonly aa: number
}

export interface Decision {
  readonly verdict: Verdict
  readonly slowdown: Interval
  readonly aa: Interval
  /** The larger distance from 1 of the A/A interval's ends, as a fraction (0.03 is 3%). */
  readonly noise: number
  /** Two-sided p of the signed-rank test of log slowdowns against 0, for the record. */
  readonly p: number
  /** Why, in words. */
  readonly reason: string
}

function geometricMean([a, b]: readonly [number, number]): number {
  return Math.sqrt(a * b)
}

export function roundFigures(costs: ArmCosts): RoundFigures {
  const head = geometricMean(costs.head)
  return { slowdown: head / geometricMean(costs.base), aa: geometricMean(costs.again) / head }
}

function percent(fraction: number): string {
  return `${(fraction * 100).toFixed(1)}%`
}

/** The decision over rounds, with `threshold` the smallest slowdown that counts (0.05 is 5%). */
export function decide(rounds: readonly RoundFigures[], threshold: number): Decision {
  if (rounds.length === 0) throw new RangeError('decide needs at least one round')
  const slowdown = bootstrapMedian(rounds.map((r) => r.slowdown))
  const aa = bootstrapMedian(rounds.map((r) => r.aa))
  const noise = Math.max(aa.high - 1, 1 - aa.low, 0)
  const p = wilcoxonSignedRank(rounds.map((r) => Math.log(r.slowdown))).p
  const change = slowdown.median - 1
  const base = { slowdown, aa, noise, p }
  if (slowdown.low > 1 && change >= threshold && change >= 2 * noise) {
    return {
      ...base,
      verdict: 'regression',
      reason: `${percent(change)} slower (95% interval ${percent(slowdown.low - 1)} to ${percent(slowdown.high - 1)}), beyond the ${percent(threshold)} threshold and twice the ${percent(noise)} A/A noise`,
    }
  }
  if (noise >= threshold) {
    return {
      ...base,
      verdict: 'inconclusive',
      reason: `the A/A noise (${percent(noise)}) reaches the ${percent(threshold)} threshold: this run cannot tell such a slowdown from noise; rerun on a quieter machine or with more rounds`,
    }
  }
  if (slowdown.low > 1 && change >= threshold) {
    return {
      ...base,
      verdict: 'inconclusive',
      reason: `${percent(change)} slower, but not twice the ${percent(noise)} A/A noise: rerun on a quieter machine or with more rounds`,
    }
  }
  if (slowdown.high - 1 >= threshold) {
    return {
      ...base,
      verdict: 'inconclusive',
      reason: `a slowdown of ${percent(threshold)} or more is not ruled out (95% interval up to ${percent(slowdown.high - 1)}): more rounds would narrow it`,
    }
  }
  return {
    ...base,
    verdict: 'pass',
    reason:
      change > 0
        ? `${percent(change)} slower at most by the median, below the ${percent(threshold)} threshold (interval up to ${percent(slowdown.high - 1)})`
        : `no slowdown (median change ${percent(change)}, interval up to ${percent(slowdown.high - 1)})`,
  }
}

/** The run's verdict: any regression, else any inconclusive row, else pass. */
export function overall(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('regression')) return 'regression'
  if (verdicts.includes('inconclusive')) return 'inconclusive'
  return 'pass'
}
