/**
 * The statistics of comparing two benchmark results: is head different from base, by how much,
 * and which of many rows changed beyond chance. Rank tests decide significance because rounds are
 * rarely normal (one slow round from a GC pause or a busy neighbour is common, and ranks are
 * unmoved by how slow it was); bootstrap intervals give the size of a change; Holm's correction
 * keeps the chance of any false alarm across a whole table at 5%.
 */
import { seededRandom } from '@routebench/fixtures'
import {
  BOOTSTRAP_SAMPLES,
  BOOTSTRAP_SEED,
  bootstrapMedian,
  type Interval,
  median,
  pairedRatios,
  quantile,
} from './stats.js'

/**
 * Samples up to this size (per side, or pairs) without ties get an exact p-value, as in R's
 * `wilcox.test`; larger ones, or any with ties, get the normal approximation, which is close by
 * then. Exact distributions cost O(n1²·n2²) and O(n³) additions: nothing at this size.
 */
export const EXACT_MAX = 50

/**
 * The fewest nonzero differences with which the signed-rank test can reach p < 0.05: its smallest
 * two-sided p-value is 2/2ⁿ, 0.0625 for 5 and 0.03125 for 6. Fewer pairs are still tested
 * correctly; their p-value simply can never be small.
 */
export const SIGNED_RANK_MIN_N = 6

export interface MannWhitney {
  /** U of `a`: the pairs (a[i], b[j]) with a[i] > b[j], a tie counting ½; 0 to n1·n2. */
  u: number
  /** Two-sided p-value. */
  p: number
  /** Whether p comes from the exact permutation distribution rather than the normal one. */
  exact: boolean
}

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum) of two independent samples, two-sided: do values
 * of one side tend to exceed the other's? U is reported for `a`, so it keeps the direction
 * (U < n1·n2/2: `a` tends lower); the p-value does not depend on the order of the arguments.
 * Exact without ties up to EXACT_MAX per side; otherwise normal with tie and continuity
 * corrections.
 */
export function mannWhitneyU(a: readonly number[], b: readonly number[]): MannWhitney {
  const n1 = a.length
  const n2 = b.length
  if (n1 === 0 || n2 === 0) throw new RangeError('mannWhitneyU needs a value on each side')
  const { ranks, ties } = rank([...a, ...b])
  let rankSum = 0
  for (let i = 0; i < n1; i++) rankSum += ranks[i] as number
  const u = rankSum - (n1 * (n1 + 1)) / 2
  if (ties === 0 && n1 <= EXACT_MAX && n2 <= EXACT_MAX) {
    return { u, p: twoSidedExact(rankSumCounts(n1, n2), Math.min(u, n1 * n2 - u)), exact: true }
  }
  const n = n1 + n2
  const variance = ((n1 * n2) / 12) * (n + 1 - ties / (n * (n - 1)))
  return { u, p: twoSidedNormal(u - (n1 * n2) / 2, variance), exact: false }
}

export interface SignedRank {
  /** W⁺: the sum of the ranks of |d| over the positive differences; 0 to n(n+1)/2. */
  w: number
  /** Two-sided p-value. */
  p: number
  /** Whether p comes from the exact distribution rather than the normal one. */
  exact: boolean
  /** Nonzero differences: the ones the test used. */
  n: number
}

/**
 * The Wilcoxon signed-rank test of paired differences, two-sided: are they centred on zero?
 * Zero differences are dropped (Wilcoxon's rule, as in R), so `n` can be below the input length;
 * tied |d| share their average rank. Exact without ties up to EXACT_MAX; otherwise normal with
 * tie and continuity corrections. Below SIGNED_RANK_MIN_N pairs p is exact but never below 0.05.
 * For ratios pass log(head/base): a halving and a doubling are then equally far from zero.
 */
export function wilcoxonSignedRank(differences: readonly number[]): SignedRank {
  const nonzero = differences.filter((d) => d !== 0)
  const n = nonzero.length
  if (n === 0) return { w: 0, p: 1, exact: true, n }
  const { ranks, ties } = rank(nonzero.map(Math.abs))
  let w = 0
  for (let i = 0; i < n; i++) if ((nonzero[i] as number) > 0) w += ranks[i] as number
  const total = (n * (n + 1)) / 2
  if (ties === 0 && n <= EXACT_MAX) {
    return { w, p: twoSidedExact(signedRankCounts(n), Math.min(w, total - w)), exact: true, n }
  }
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties / 48
  return { w, p: twoSidedNormal(w - total / 2, variance), exact: false, n }
}

/**
 * Holm–Bonferroni adjusted p-values, in the order given: the k-th smallest of m is multiplied by
 * m − k + 1, then made non-decreasing along that order and capped at 1. A row is significant at
 * 5% across the whole family when its adjusted p is below 0.05; uniformly more powerful than
 * Bonferroni and valid under any dependence between rows.
 */
export function holm(pValues: readonly number[]): number[] {
  for (const p of pValues) {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`holm: p-value ${p} is not within [0, 1]`)
  }
  const m = pValues.length
  const order = pValues
    .map((_, i) => i)
    .sort((i, j) => (pValues[i] as number) - (pValues[j] as number))
  const adjusted = new Array<number>(m)
  let running = 0
  order.forEach((index, k) => {
    running = Math.max(running, Math.min(1, (m - k) * (pValues[index] as number)))
    adjusted[index] = running
  })
  return adjusted
}

/**
 * Median of head over median of base, for unpaired samples, with a 95% percentile-bootstrap
 * interval: each side is resampled independently, and the ratio of the resamples' medians taken.
 * Seeded, so the same data always gives the same interval. Base values must be positive.
 */
export function ratioOfMedians(
  base: readonly number[],
  head: readonly number[],
  seed = BOOTSTRAP_SEED,
  samples = BOOTSTRAP_SAMPLES,
): Interval {
  if (base.length === 0 || head.length === 0) {
    throw new RangeError('ratioOfMedians needs a value on each side')
  }
  requirePositive('ratioOfMedians', base)
  const random = seededRandom(seed)
  const ratios = new Array<number>(samples)
  const baseResample = new Array<number>(base.length)
  const headResample = new Array<number>(head.length)
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < base.length; i++) {
      baseResample[i] = base[Math.floor(random() * base.length)] as number
    }
    for (let i = 0; i < head.length; i++) {
      headResample[i] = head[Math.floor(random() * head.length)] as number
    }
    ratios[s] = median(headResample) / median(baseResample)
  }
  ratios.sort((x, y) => x - y)
  return {
    median: median(head) / median(base),
    low: quantile(ratios, 0.025),
    high: quantile(ratios, 0.975),
  }
}

/**
 * The median of head[i] / base[i], paired by index (round i of each, so slow drifts of the
 * machine cancel), with a 95% bootstrap interval over the pairs. Base values must be positive.
 */
export function pairedRatio(
  base: readonly number[],
  head: readonly number[],
  seed = BOOTSTRAP_SEED,
  samples = BOOTSTRAP_SAMPLES,
): Interval {
  if (base.length !== head.length) {
    throw new RangeError(
      `pairedRatio needs one head value per base value: ${base.length} base, ${head.length} head`,
    )
  }
  if (base.length === 0) throw new RangeError('pairedRatio of no pairs')
  requirePositive('pairedRatio', base)
  return bootstrapMedian(pairedRatios(head, base), seed, samples)
}

/** A ratio interval as percent change: 1.05 is +5, 0.9 is −10. */
export function percentChange(ratio: Interval): Interval {
  return {
    median: (ratio.median - 1) * 100,
    low: (ratio.low - 1) * 100,
    high: (ratio.high - 1) * 100,
  }
}

function requirePositive(name: string, base: readonly number[]): void {
  const i = base.findIndex((v) => !(v > 0))
  if (i >= 0) throw new RangeError(`${name} needs positive base values; base[${i}] is ${base[i]}`)
}

/**
 * Average ranks (1-based) of `values`, and Σ(t³ − t) over each group of t equal values: the
 * term both tests subtract from their variance, and zero exactly when nothing is tied.
 */
function rank(values: readonly number[]): { ranks: number[]; ties: number } {
  if (values.some(Number.isNaN)) throw new RangeError('cannot rank NaN')
  const order = values
    .map((_, i) => i)
    .sort((i, j) => (values[i] as number) - (values[j] as number))
  const ranks = new Array<number>(values.length)
  let ties = 0
  let start = 0
  while (start < order.length) {
    let end = start + 1
    while (end < order.length && values[order[end] as number] === values[order[start] as number]) {
      end++
    }
    // Positions start..end-1 hold ranks start+1..end; each gets their average.
    for (let k = start; k < end; k++) ranks[order[k] as number] = (start + 1 + end) / 2
    const t = end - start
    ties += t * t * t - t
    start = end
  }
  return { ranks, ties }
}

/**
 * How many of the C(n1+n2, n1) orderings of two samples give each U of the first, 0..n1·n2.
 * The largest value belongs either to the first sample, where it exceeds all j of the other, or
 * to the second, where it adds nothing: count(i, j, u) = count(i−1, j, u−j) + count(i, j−1, u).
 * Two rows are kept: `previous[j]` holds the counts for (i−1, j), `current[j]` those for (i, j).
 */
function rankSumCounts(n1: number, n2: number): Float64Array {
  let previous = Array.from({ length: n2 + 1 }, () => Float64Array.of(1))
  for (let i = 1; i <= n1; i++) {
    const current = [Float64Array.of(1)]
    for (let j = 1; j <= n2; j++) {
      const counts = new Float64Array(i * j + 1)
      const fromFirst = previous[j] as Float64Array
      const fromSecond = current[j - 1] as Float64Array
      for (let u = 0; u < fromFirst.length; u++) counts[u + j] = fromFirst[u] as number
      for (let u = 0; u < fromSecond.length; u++) {
        counts[u] = (counts[u] as number) + (fromSecond[u] as number)
      }
      current.push(counts)
    }
    previous = current
  }
  return previous[n2] as Float64Array
}

/** How many of the 2ⁿ sign assignments to ranks 1..n give each W⁺, 0..n(n+1)/2. */
function signedRankCounts(n: number): Float64Array {
  const counts = new Float64Array((n * (n + 1)) / 2 + 1)
  counts[0] = 1
  for (let r = 1; r <= n; r++) {
    for (let w = (r * (r + 1)) / 2; w >= r; w--) {
      counts[w] = (counts[w] as number) + (counts[w - r] as number)
    }
  }
  return counts
}

/** 2·P(S ≤ lower) under a distribution symmetric about its centre, given as counts; at most 1. */
function twoSidedExact(counts: Float64Array, lower: number): number {
  let below = 0
  let total = 0
  for (let s = 0; s < counts.length; s++) {
    total += counts[s] as number
    if (s <= lower) below += counts[s] as number
  }
  return Math.min(1, (2 * below) / total)
}

/**
 * 2·P(Z ≥ z) for the deviation of a statistic from its mean, less ½ for continuity (a discrete
 * statistic moves in steps; without it p is too small). No variance (all values tied): p = 1.
 */
function twoSidedNormal(deviation: number, variance: number): number {
  if (!(variance > 0)) return 1
  const z = Math.max(0, Math.abs(deviation) - 0.5) / Math.sqrt(variance)
  return Math.min(1, 2 * normalUpperTail(z))
}

// Hart's coefficients, highest power first.
const TAIL_NUMERATOR = [
  0.0352624965998911, 0.700383064443688, 6.37396220353165, 33.912866078383, 112.079291497871,
  221.213596169931, 220.206867912376,
]
const TAIL_DENOMINATOR = [
  0.0883883476483184, 1.75566716318264, 16.064177579207, 86.7807322029461, 296.564248779674,
  637.333633378831, 793.826512519948, 440.413735824752,
]

/**
 * P(Z ≥ z) for z ≥ 0: Hart's rational approximation (1968) as given by West, "Better
 * approximations to cumulative normal functions" (2005), and a continued fraction from z = 5√2
 * on. Absolute error under 1e-14, relative under 1e-8 even deep in the tail, where 1 − Φ(z)
 * computed directly would round to 0.
 */
function normalUpperTail(z: number): number {
  if (z > 37) return 0
  const e = Math.exp((-z * z) / 2)
  if (z < 7.07106781186547) {
    return (e * polynomial(TAIL_NUMERATOR, z)) / polynomial(TAIL_DENOMINATOR, z)
  }
  return e / (z + 1 / (z + 2 / (z + 3 / (z + 4 / (z + 0.65))))) / 2.506628274631
}

function polynomial(coefficients: readonly number[], z: number): number {
  return coefficients.reduce((sum, c) => sum * z + c, 0)
}
