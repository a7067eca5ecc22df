import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { seededRandom } from '@routebench/fixtures'
import {
  EXACT_MAX,
  holm,
  mannWhitneyU,
  pairedRatio,
  percentChange,
  ratioOfMedians,
  SIGNED_RANK_MIN_N,
  wilcoxonSignedRank,
} from '../rank-tests.js'

/** Equal within a relative tolerance, so that tiny p-values are checked as closely as large ones. */
function close(actual: number, expected: number, tolerance = 1e-9): void {
  assert.ok(
    Math.abs(actual - expected) <= tolerance * Math.abs(expected),
    `${actual} is not ${expected}`,
  )
}

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('mannWhitneyU', () => {
  const cases: [string, number[], number[], { u: number; p: number; exact: boolean }][] = [
    // Only 1 of the C(6,3) = 20 orderings puts all of a below b, and 1 all above: p = 2/20.
    ['full separation, 3 and 3', [1, 2, 3], [4, 5, 6], { u: 0, p: 2 / 20, exact: true }],
    // The same, reversed: U of a is now 3·3 = 9, the p-value unchanged.
    ['reversed arguments', [4, 5, 6], [1, 2, 3], { u: 9, p: 2 / 20, exact: true }],
    // C(8,4) = 70 orderings, 2 as extreme as this one: p = 2/70.
    ['full separation, 4 and 4', [1, 2, 3, 4], [5, 6, 7, 8], { u: 0, p: 2 / 70, exact: true }],
    // C(5,2) = 10 orderings: p = 2/10 with unequal sizes.
    ['full separation, 2 and 3', [1, 2], [3, 4, 5], { u: 0, p: 2 / 10, exact: true }],
    // U = 1 (4 > 3). For 3 and 3 the counts of U = 0, 1, 2, … are 1, 1, 2, 3, 3, 3, 3, 2, 1, 1:
    // P(U ≤ 1) = 2/20, so p = 4/20.
    ['one pair out of order', [1, 2, 4], [3, 5, 6], { u: 1, p: 4 / 20, exact: true }],
    // Interleaved: U = 3 (3 > 2, 5 > 2, 5 > 4); P(U ≤ 3) = (1 + 1 + 2 + 3)/20, p = 14/20.
    ['interleaved, 3 and 3', [1, 3, 5], [2, 4, 6], { u: 3, p: 14 / 20, exact: true }],
    // U = 0 + 2 + 2 + 4 = 8 = 4·4/2, the centre of the distribution: p is capped at 1.
    ['interleaved, at the centre', [1, 4, 5, 8], [2, 3, 6, 7], { u: 8, p: 1, exact: true }],
    // Identical samples: every value tied with its twin, U = 8 = 4·4/2, no evidence at all.
    ['identical samples', [1, 2, 3, 4], [1, 2, 3, 4], { u: 8, p: 1, exact: false }],
    // All eight values equal: no variance, so p = 1 rather than NaN.
    ['all tied', [7, 7, 7, 7], [7, 7, 7, 7], { u: 8, p: 1, exact: false }],
    // Ties, so normal. Pooled ranks: 1→1, the three 2s→3, the two 3s→5.5, 4→7, 5→8; a's rank sum
    // 12.5, U = 12.5 − 10 = 2.5 against a mean of 8. Tie term Σ(t³−t) = 24 + 6 = 30, variance
    // 16/12·(9 − 30/56) = 79/7; z = (|2.5 − 8| − ½)/√(79/7) = 1.48835, p = erfc(z/√2) = 0.1366582.
    ['ties: normal', [1, 2, 2, 3], [2, 3, 4, 5], { u: 2.5, p: 0.1366582, exact: false }],
  ]
  for (const [name, a, b, expected] of cases) {
    test(name, () => {
      const result = mannWhitneyU(a, b)
      assert.equal(result.u, expected.u)
      assert.equal(result.exact, expected.exact)
      close(result.p, expected.p, 1e-6)
    })
  }

  // The largest exact case: 2 of C(100,50) = 100891344545564193334812497256 orderings.
  test(`exact up to ${EXACT_MAX} a side`, () => {
    const result = mannWhitneyU(range(1, 50), range(51, 100))
    assert.equal(result.exact, true)
    close(result.p, 2 / 1.008913445455642e29)
  })

  // 51 a side: normal. U = 0, mean 1300.5, variance 51·51·103/12; z = 1300/√22325.25 = 8.70052,
  // p = erfc(z/√2) = 3.30368e-18 (deep in the tail, where a crude normal CDF would give 0).
  test(`normal from ${EXACT_MAX + 1} a side`, () => {
    const result = mannWhitneyU(range(1, 51), range(52, 102))
    assert.equal(result.exact, false)
    close(result.p, 3.30368e-18, 1e-5)
  })

  test('an empty side or NaN is an error', () => {
    assert.throws(() => mannWhitneyU([], [1]), RangeError)
    assert.throws(() => mannWhitneyU([1], []), RangeError)
    assert.throws(() => mannWhitneyU([1, Number.NaN], [2, 3]), RangeError)
  })
})

describe('wilcoxonSignedRank', () => {
  const cases: [string, number[], { w: number; p: number; exact: boolean; n: number }][] = [
    // All 6 positive: W⁺ = 21, the maximum; 1 of 2⁶ sign patterns, 1 more at the other end.
    ['6 positive', [1, 2, 3, 4, 5, 6], { w: 21, p: 2 / 64, exact: true, n: 6 }],
    ['6 negative', [-1, -2, -3, -4, -5, -6], { w: 0, p: 2 / 64, exact: true, n: 6 }],
    // The smallest p with 5 pairs: 2/2⁵ = 0.0625, never significant at 5%.
    ['5 positive', [1, 2, 3, 4, 5], { w: 15, p: 2 / 32, exact: true, n: 5 }],
    // Ranks are of |d|, not of d: the magnitudes differ from the first case, the result does not.
    ['ranks, not values', [0.1, 20, 3, 400, 5, 60], { w: 21, p: 2 / 64, exact: true, n: 6 }],
    // W⁺ = 1 + 3 + 4 + 5 = 13, W⁻ = 2. Subsets of {1..5} summing to ≤ 2: {}, {1}, {2}, so
    // P(W ≤ 2) = 3/32 and p = 6/32.
    ['mixed signs, 5', [1, -2, 3, 4, 5], { w: 13, p: 6 / 32, exact: true, n: 5 }],
    // W⁺ = 2 + 3 + 5 + 6 = 16, W⁻ = 5. Subsets of {1..6} summing to ≤ 5: {}, 1, 2, 3, 4, 5,
    // 1+2, 1+3, 1+4, 2+3, so P(W ≤ 5) = 10/64 and p = 20/64.
    ['mixed signs, 6', [-1, 2, 3, -4, 5, 6], { w: 16, p: 20 / 64, exact: true, n: 6 }],
    // Zeros are dropped: the 6-positive case again, n = 6 of 8.
    ['zeros dropped', [0, 1, 2, 0, 3, 4, 5, 6], { w: 21, p: 2 / 64, exact: true, n: 6 }],
    ['only zeros', [0, 0, -0], { w: 0, p: 1, exact: true, n: 0 }],
    ['nothing', [], { w: 0, p: 1, exact: true, n: 0 }],
    // Ties, so normal. |d| ranks: the 1s→1.5, the 2s→4, 3→6; W⁺ = 1.5 + 3·4 + 6 = 19.5 against a
    // mean of 21/2. Variance 6·7·13/24 − (6 + 24)/48 = 22.125; z = (9 − ½)/√22.125 = 1.80708,
    // p = erfc(z/√2) = 0.0707499.
    ['ties: normal', [1, -1, 2, 2, 2, 3], { w: 19.5, p: 0.0707499, exact: false, n: 6 }],
  ]
  for (const [name, differences, expected] of cases) {
    test(name, () => {
      const result = wilcoxonSignedRank(differences)
      assert.equal(result.w, expected.w)
      assert.equal(result.exact, expected.exact)
      assert.equal(result.n, expected.n)
      close(result.p, expected.p, 1e-6)
    })
  }

  test(`p < 0.05 needs ${SIGNED_RANK_MIN_N} nonzero differences`, () => {
    assert.ok(wilcoxonSignedRank(range(1, SIGNED_RANK_MIN_N - 1)).p >= 0.05)
    assert.ok(wilcoxonSignedRank(range(1, SIGNED_RANK_MIN_N)).p < 0.05)
  })

  // The largest exact case, all positive: 2/2⁵⁰. One more pair and it is normal.
  test(`exact up to ${EXACT_MAX} pairs`, () => {
    const exact = wilcoxonSignedRank(range(1, EXACT_MAX))
    assert.equal(exact.exact, true)
    close(exact.p, 2 / 2 ** 50)
    assert.equal(wilcoxonSignedRank(range(1, EXACT_MAX + 1)).exact, false)
  })
})

describe('holm', () => {
  const cases: [string, number[], number[]][] = [
    // Sorted: 0.005·4 = 0.02, 0.01·3 = 0.03, 0.03·2 = 0.06, 0.04·1 = 0.04 → raised to 0.06.
    ['the textbook steps', [0.01, 0.04, 0.03, 0.005], [0.03, 0.06, 0.06, 0.02]],
    // 0.01·3 = 0.03, 0.02·2 = 0.04, 0.03·1 = 0.03: the last must not fall below the one before.
    ['monotone in the raw order', [0.03, 0.01, 0.02], [0.04, 0.03, 0.04]],
    // 0.6·2 = 1.2 is capped at 1, and 0.7 raised to it.
    ['capped at 1', [0.7, 0.6], [1, 1]],
    ['one test: unchanged', [0.04], [0.04]],
    ['none', [], []],
  ]
  for (const [name, pValues, expected] of cases) {
    test(name, () => {
      const adjusted = holm(pValues)
      assert.equal(adjusted.length, expected.length)
      for (const [i, p] of adjusted.entries()) close(p, expected[i] as number, 1e-12)
    })
  }

  test('adjusted p-values keep the order of the raw ones and never fall below them', () => {
    const random = seededRandom(11)
    for (let t = 0; t < 20; t++) {
      const raw = Array.from({ length: 1 + Math.floor(random() * 12) }, () => random() ** 3)
      const adjusted = holm(raw)
      raw.forEach((p, i) => {
        const a = adjusted[i] as number
        assert.ok(a >= p && a <= 1)
        raw.forEach((q, j) => {
          if (p <= q) assert.ok(a <= (adjusted[j] as number), JSON.stringify({ raw, adjusted }))
        })
      })
    }
  })

  test('a p-value outside [0, 1] is an error', () => {
    for (const p of [-0.1, 1.5, Number.NaN]) assert.throws(() => holm([0.01, p]), RangeError)
  })
})

describe('ratioOfMedians', () => {
  test('is reproducible with a fixed seed and changes with another', () => {
    const base = [100, 104, 97, 110, 95, 101, 99]
    const head = [92, 95, 90, 99, 88, 94, 101]
    assert.deepEqual(ratioOfMedians(base, head), ratioOfMedians(base, head))
    const a = ratioOfMedians(base, head, 7, 200)
    const b = ratioOfMedians(base, head, 8, 200)
    assert.notDeepEqual([a.low, a.high], [b.low, b.high])
  })

  test('the interval holds the ratio of the medians', () => {
    const random = seededRandom(5)
    for (let t = 0; t < 10; t++) {
      const side = () =>
        Array.from({ length: 3 + Math.floor(random() * 8) }, () => 50 + random() * 100)
      const base = side()
      const head = side()
      const r = ratioOfMedians(base, head, t, 1000)
      assert.ok(r.low <= r.median && r.median <= r.high, JSON.stringify({ base, head, r }))
    }
  })

  // Worked by hand: the base median is always 10; a resample of [20, 40] has median 20, 30 or 40
  // with probability ¼, ½, ¼, so the ratio is 2, 3 or 4 and its 2.5th and 97.5th percentiles 2, 4.
  test('[10, 10] against [20, 40] gives 3 in [2, 4]', () => {
    assert.deepEqual(ratioOfMedians([10, 10], [20, 40]), { median: 3, low: 2, high: 4 })
  })

  test('equal values on each side: a zero-width interval', () => {
    assert.deepEqual(ratioOfMedians([100, 100, 100], [90, 90, 90, 90]), {
      median: 0.9,
      low: 0.9,
      high: 0.9,
    })
  })

  test('an empty side or a non-positive base is an error', () => {
    assert.throws(() => ratioOfMedians([], [1]), RangeError)
    assert.throws(() => ratioOfMedians([1], []), RangeError)
    assert.throws(() => ratioOfMedians([1, 0], [1, 1]), /base\[1\] is 0/)
  })
})

describe('pairedRatio', () => {
  test('identical rounds: exactly 1 in [1, 1]', () => {
    const rounds = [101.3, 97.2, 110.9, 95.5, 103.1]
    assert.deepEqual(pairedRatio(rounds, [...rounds]), { median: 1, low: 1, high: 1 })
  })

  // Every round twice its base round: 2 in [2, 2]. Unpaired, the spread between rounds
  // (10 to 40) hides the same change in a wide interval.
  test('pairs by index, so the spread between rounds cancels', () => {
    const base = [10, 20, 40, 15, 30]
    const head = base.map((v) => v * 2)
    assert.deepEqual(pairedRatio(base, head), { median: 2, low: 2, high: 2 })
    const unpaired = ratioOfMedians(base, head)
    assert.equal(unpaired.median, 2)
    assert.ok(unpaired.high - unpaired.low > 1, JSON.stringify(unpaired))
  })

  // Worked by hand: ratios 1 and 3, so as for bootstrapMedian of [1, 3]: 2 in [1, 3].
  test('[10, 10] against [10, 30] gives 2 in [1, 3]', () => {
    assert.deepEqual(pairedRatio([10, 10], [10, 30]), { median: 2, low: 1, high: 3 })
  })

  test('is reproducible with a fixed seed', () => {
    const base = [100, 104, 97, 110, 95, 101, 99]
    const head = [92, 95, 90, 99, 88, 94, 101]
    assert.deepEqual(pairedRatio(base, head, 3), pairedRatio(base, head, 3))
  })

  test('lengths that differ, no pairs, or a non-positive base are errors', () => {
    assert.throws(
      () => pairedRatio([1, 2, 3], [1, 2]),
      new RangeError('pairedRatio needs one head value per base value: 3 base, 2 head'),
    )
    assert.throws(() => pairedRatio([], []), RangeError)
    assert.throws(() => pairedRatio([1, -1], [1, 1]), /base\[1\] is -1/)
  })
})

describe('percentChange', () => {
  const cases: [number, number][] = [
    [1, 0],
    [1.05, 5],
    [0.9, -10],
    [2, 100],
  ]
  for (const [ratio, percent] of cases) {
    test(`${ratio}× is ${percent}%`, () => {
      const change = percentChange({ median: ratio, low: ratio, high: ratio })
      for (const v of [change.median, change.low, change.high]) close(v, percent, 1e-12)
    })
  }
  test('maps each bound on its own', () => {
    const change = percentChange({ median: 1.1, low: 0.95, high: 1.25 })
    close(change.median, 10, 1e-12)
    close(change.low, -5, 1e-12)
    close(change.high, 25, 1e-12)
  })
})
