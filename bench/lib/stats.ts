/**
 * The statistics every table of the project reports: medians over rounds with a 95% bootstrap
 * interval, and ratios paired round by round. A round is one sample; requests within a round are
 * not independent samples of anything, so they never enter a confidence computation.
 */
import { seededRandom } from '@routebench/fixtures'

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2
}

/** The q-quantile (0..1) of sorted values, interpolating linearly between ranks. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) throw new RangeError('quantile of no values')
  const position = (sorted.length - 1) * q
  const below = Math.floor(position)
  const above = Math.ceil(position)
  const low = sorted[below] as number
  return low + ((sorted[above] as number) - low) * (position - below)
}

export interface Interval {
  median: number
  low: number
  high: number
}

export const BOOTSTRAP_SAMPLES = 10_000
export const BOOTSTRAP_SEED = 0x5eed

/**
 * The median of `values` with a 95% percentile-bootstrap interval: resample the values with
 * replacement, take each resample's median, and report the 2.5th and 97.5th percentiles of those.
 * With few rounds the interval is coarse (it can only take values near the observed ones), which
 * is honest: few rounds cannot pin a median down. One value gives a zero-width interval.
 */
export function bootstrapMedian(
  values: readonly number[],
  seed = BOOTSTRAP_SEED,
  samples = BOOTSTRAP_SAMPLES,
): Interval {
  const m = median(values)
  if (values.length < 2) return { median: m, low: m, high: m }
  const random = seededRandom(seed)
  const medians = new Float64Array(samples)
  const resample = new Array<number>(values.length)
  for (let s = 0; s < samples; s++) {
    for (let i = 0; i < values.length; i++) {
      resample[i] = values[Math.floor(random() * values.length)] as number
    }
    medians[s] = median(resample)
  }
  const sorted = [...medians].sort((a, b) => a - b)
  return { median: m, low: quantile(sorted, 0.025), high: quantile(sorted, 0.975) }
}

/**
 * Ratios of `values` to `baseline`, paired by round: round r of the server against round r of the
 * baseline, measured minutes apart at most, so that the machine's slow drifts cancel. Rounds
 * where either side is missing are skipped.
 */
export function pairedRatios(
  values: readonly (number | null)[],
  baseline: readonly (number | null)[],
): number[] {
  const ratios: number[] = []
  for (let i = 0; i < values.length; i++) {
    const v = values[i]
    const b = baseline[i]
    if (v !== null && v !== undefined && b !== null && b !== undefined && b > 0) ratios.push(v / b)
  }
  return ratios
}
