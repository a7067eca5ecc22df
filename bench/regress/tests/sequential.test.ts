import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Decision, RoundFigures, Verdict } from '../decide.js'
import { sampleUntilDecided } from '../sequential.js'

const SAMPLE: RoundFigures = { slowdown: 1, aa: 1 }

/** A decision that depends only on how many samples there are: `verdicts[n]`, else the last. */
function decider(verdicts: Readonly<Record<number, Verdict>>, otherwise: Verdict) {
  return (samples: readonly RoundFigures[]): Decision => {
    const verdict = verdicts[samples.length] ?? otherwise
    const point = { median: 1, low: 1, high: 1 }
    return { verdict, slowdown: point, aa: point, noise: 0, p: 1, reason: verdict }
  }
}

describe('sampleUntilDecided: more processes only while undecided', () => {
  const cases: {
    name: string
    first: number
    max: number
    verdicts: Record<number, Verdict>
    otherwise: Verdict
    /** Measuring fails at this sample (1-based), or never. */
    failAt?: number
    measured: number
    more: [number, number][]
    verdict: Verdict | null
  }[] = [
    {
      name: 'a pass at the first look stops there',
      first: 8,
      max: 16,
      verdicts: {},
      otherwise: 'pass',
      measured: 8,
      more: [],
      verdict: 'pass',
    },
    {
      name: 'a regression at the first look is final',
      first: 8,
      max: 16,
      verdicts: { 8: 'regression' },
      otherwise: 'pass',
      measured: 8,
      more: [],
      verdict: 'regression',
    },
    {
      name: 'inconclusive, then decided: grows by the step until it decides',
      first: 8,
      max: 16,
      verdicts: { 8: 'inconclusive' },
      otherwise: 'pass',
      measured: 12,
      more: [[8, 4]],
      verdict: 'pass',
    },
    {
      name: 'never decided: stops at the maximum and says inconclusive',
      first: 8,
      max: 16,
      verdicts: {},
      otherwise: 'inconclusive',
      measured: 16,
      more: [
        [8, 4],
        [12, 4],
      ],
      verdict: 'inconclusive',
    },
    {
      name: 'the last step is cut to the maximum',
      first: 8,
      max: 10,
      verdicts: {},
      otherwise: 'inconclusive',
      measured: 10,
      more: [[8, 2]],
      verdict: 'inconclusive',
    },
    {
      name: 'a maximum equal to the first count never grows',
      first: 8,
      max: 8,
      verdicts: {},
      otherwise: 'inconclusive',
      measured: 8,
      more: [],
      verdict: 'inconclusive',
    },
    {
      name: 'a failed measurement stops at once and keeps what was measured',
      first: 8,
      max: 16,
      verdicts: {},
      otherwise: 'inconclusive',
      failAt: 10,
      measured: 9,
      more: [[8, 4]],
      verdict: null,
    },
  ]
  for (const c of cases) {
    test(c.name, async () => {
      const samples: RoundFigures[] = []
      const more: [number, number][] = []
      let calls = 0
      const decision = await sampleUntilDecided({
        first: c.first,
        step: 4,
        max: c.max,
        samples,
        measure: async () => (++calls === c.failAt ? null : SAMPLE),
        decide: decider(c.verdicts, c.otherwise),
        onMore: (taken, n) => more.push([taken, n]),
      })
      assert.equal(samples.length, c.measured)
      assert.deepEqual(more, c.more)
      assert.equal(decision?.verdict ?? null, c.verdict)
    })
  }
})
