/**
 * Sequential sampling for `npm run regress`: measure a first batch, decide, and measure more only
 * while the decision is inconclusive.
 */
import type { Decision, RoundFigures } from './decide.js'

export interface Sequence {
  readonly first: number
  readonly step: number
  readonly max: number
  /** Filled in place, so that the caller keeps what was measured if it stops early. */
  readonly samples: RoundFigures[]
  /** One more sample, or null to stop (a failure, or an abort). */
  readonly measure: () => Promise<RoundFigures | null>
  readonly decide: (samples: readonly RoundFigures[]) => Decision
  readonly onMore: (taken: number, more: number) => void
}

/**
 * Samples `first`, decides, and while the answer is inconclusive adds `step` more at a time up to
 * `max`. A regression or a pass ends it at once. Returns the last decision, or null whenever
 * `measure` stops.
 *
 * Each look is the same decision, not a corrected one: three looks (8, 12, 16) give a slowdown
 * near the threshold, and noise, a few more chances to come out either way than one look would.
 * For a false regression that stays unlikely, since every look asks for the whole interval on the
 * slow side, a median slowdown of the threshold or more, and twice the A/A noise; the growth
 * mostly turns runs that would have been inconclusive into passes.
 */
export async function sampleUntilDecided(sequence: Sequence): Promise<Decision | null> {
  const { first, step, max, samples, measure } = sequence
  let target = Math.min(first, max)
  for (;;) {
    while (samples.length < target) {
      const sample = await measure()
      if (sample === null) return null
      samples.push(sample)
    }
    const decision = sequence.decide(samples)
    if (decision.verdict !== 'inconclusive' || samples.length >= max) return decision
    const more = Math.min(step, max - samples.length)
    sequence.onMore(samples.length, more)
    target = samples.length + more
  }
}
