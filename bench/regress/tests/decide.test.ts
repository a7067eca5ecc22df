import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { decide, EXIT_CODES, overall, type RoundFigures, roundFigures } from '../decide.js'

/** Rounds whose slowdowns and A/A ratios are the given values, paired by position. */
function rounds(slowdowns: readonly number[], aa: readonly number[]): RoundFigures[] {
  return slowdowns.map((slowdown, i) => ({ slowdown, aa: aa[i % aa.length] as number }))
}

const QUIET = [0.995, 1.005, 0.998, 1.002, 1.0, 0.997, 1.003, 1.001]

describe('roundFigures', () => {
  test('geometric means of each arm: head over base, again over head', () => {
    const f = roundFigures({ base: [100, 100], head: [120, 120], again: [120, 120] })
    assert.equal(f.slowdown, 1.2)
    assert.equal(f.aa, 1)
    // a drift that doubles the machine's cost across the ABBA round cancels: sqrt(1·4) = sqrt(2·2)
    const drift = roundFigures({ base: [1, 4], head: [2, 2], again: [2, 2] })
    assert.equal(drift.slowdown, 1)
  })
})

describe('decide', () => {
  const cases: {
    name: string
    slowdowns: number[]
    aa: number[]
    threshold: number
    verdict: string
    reason: RegExp
  }[] = [
    {
      name: 'a clear 15% slowdown with quiet A/A is a regression',
      slowdowns: [1.14, 1.15, 1.16, 1.15, 1.14, 1.16, 1.15, 1.15],
      aa: QUIET,
      threshold: 0.05,
      verdict: 'regression',
      reason:
        /^15\.0% slower \(95% interval 14\.\d% to 1[56]\.\d%\), beyond the 5\.0% threshold and twice the 0\.\d% A\/A noise$/,
    },
    {
      name: 'no change with quiet A/A passes',
      slowdowns: [0.99, 1.0, 1.01, 1.0, 0.995, 1.005, 1.0, 1.0],
      aa: QUIET,
      threshold: 0.05,
      verdict: 'pass',
      reason: /^no slowdown|below the 5\.0% threshold/,
    },
    {
      name: 'a real 3% slowdown below a 5% threshold passes',
      slowdowns: [1.03, 1.03, 1.02, 1.04, 1.03, 1.03, 1.02, 1.03],
      aa: QUIET,
      threshold: 0.05,
      verdict: 'pass',
      reason: /^3\.0% slower at most by the median, below the 5\.0% threshold/,
    },
    {
      name: 'an interval that reaches 1 is never a regression, however large the median',
      slowdowns: [0.99, 1.3, 1.3, 1.3, 0.98, 1.3, 0.99, 1.3],
      aa: QUIET,
      threshold: 0.05,
      verdict: 'inconclusive',
      reason: /not ruled out/,
    },
    {
      name: 'a slowdown past the threshold but within twice the A/A noise is inconclusive',
      slowdowns: [1.06, 1.07, 1.06, 1.07, 1.06, 1.07, 1.06, 1.07],
      aa: [0.96, 1.04, 0.97, 1.03, 0.96, 1.04, 0.97, 1.03],
      threshold: 0.05,
      verdict: 'inconclusive',
      reason: /^6\.\d% slower, but not twice the 4\.0% A\/A noise/,
    },
    {
      name: 'A/A noise that reaches the threshold makes even no change inconclusive',
      slowdowns: [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0],
      aa: [0.9, 1.1, 0.92, 1.08, 0.9, 1.1, 0.95, 1.05],
      threshold: 0.05,
      verdict: 'inconclusive',
      reason: /^the A\/A noise \(\d+\.\d%\) reaches the 5\.0% threshold/,
    },
    {
      name: 'A/A noise past half the threshold but below it still lets no change pass',
      slowdowns: [0.99, 1.0, 1.01, 1.0, 0.995, 1.005, 1.0, 1.0],
      aa: [0.97, 1.03, 0.97, 1.03, 0.97, 1.03, 0.97, 1.03],
      threshold: 0.05,
      verdict: 'pass',
      reason: /^no slowdown|below the 5\.0% threshold/,
    },
    {
      name: 'a large slowdown is confirmed even when the noise is too large for small ones',
      slowdowns: [1.5, 1.52, 1.49, 1.51, 1.5, 1.5, 1.48, 1.52],
      aa: [0.95, 1.05, 0.96, 1.04, 0.95, 1.05, 0.96, 1.04],
      threshold: 0.05,
      verdict: 'regression',
      reason: /^50\.0% slower/,
    },
    {
      name: 'a speed-up passes',
      slowdowns: [0.8, 0.81, 0.79, 0.8, 0.8, 0.82, 0.8, 0.79],
      aa: QUIET,
      threshold: 0.05,
      verdict: 'pass',
      reason: /^no slowdown \(median change −?-?20\.0%/,
    },
  ]
  for (const c of cases) {
    test(c.name, () => {
      const d = decide(rounds(c.slowdowns, c.aa), c.threshold)
      assert.equal(d.verdict, c.verdict, d.reason)
      assert.match(d.reason, c.reason)
    })
  }

  test('the noise floor is the farther end of the A/A interval from 1', () => {
    const d = decide(rounds([1, 1, 1, 1, 1], [0.97, 1.01, 1.01, 1.01, 1.01]), 0.05)
    assert.ok(
      Math.abs(d.noise - (1 - d.aa.low)) < 1e-12 || Math.abs(d.noise - (d.aa.high - 1)) < 1e-12,
    )
    assert.ok(d.noise >= 1 - d.aa.low && d.noise >= d.aa.high - 1)
  })

  test('no rounds is an error, not a pass', () => {
    assert.throws(() => decide([], 0.05), RangeError)
  })
})

describe('overall', () => {
  const cases: [string[], string][] = [
    [['pass', 'pass'], 'pass'],
    [['pass', 'inconclusive'], 'inconclusive'],
    [['inconclusive', 'regression', 'pass'], 'regression'],
    [[], 'pass'],
  ]
  for (const [verdicts, expected] of cases) {
    test(`${verdicts.join(', ') || 'nothing'} → ${expected}`, () => {
      assert.equal(overall(verdicts as never[]), expected)
    })
  }
})

describe('exit codes', () => {
  const cases: [keyof typeof EXIT_CODES, number][] = [
    ['pass', 0],
    ['regression', 1],
    ['error', 2],
    ['inconclusive', 3],
  ]
  for (const [verdict, code] of cases) {
    test(`${verdict} exits with ${code}, as every command's table says`, () => {
      assert.equal(EXIT_CODES[verdict], code)
    })
  }
})
