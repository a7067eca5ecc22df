import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { seededRandom } from '@routebench/fixtures'
import { bootstrapMedian, median, pairedRatios, quantile } from '../stats.js'

describe('median and quantile', () => {
  const medians: [number[], number][] = [
    [[5], 5],
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[10, 10, 10, 1000], 10],
  ]
  for (const [values, expected] of medians) {
    test(`median of ${values.join(', ')} is ${expected}`, () =>
      assert.equal(median(values), expected))
  }
  test('median of nothing is an error, not NaN', () => assert.throws(() => median([]), RangeError))

  const quantiles: [number[], number, number][] = [
    [[1, 2, 3, 4, 5], 0, 1],
    [[1, 2, 3, 4, 5], 1, 5],
    [[1, 2, 3, 4, 5], 0.5, 3],
    [[1, 2, 3, 4, 5], 0.25, 2],
    [[0, 10], 0.3, 3], // linear between ranks
  ]
  for (const [sorted, q, expected] of quantiles) {
    test(`quantile ${q} of ${sorted.join(', ')} is ${expected}`, () =>
      assert.equal(quantile(sorted, q), expected))
  }
})

describe('bootstrapMedian', () => {
  test('is reproducible with a fixed seed and changes with another', () => {
    const values = [101, 97, 110, 95, 103, 99, 120, 88, 131, 105, 92, 117]
    assert.deepEqual(bootstrapMedian(values, 7), bootstrapMedian(values, 7))
    const a = bootstrapMedian(values, 7, 100)
    const b = bootstrapMedian(values, 8, 100)
    assert.notDeepEqual([a.low, a.high], [b.low, b.high])
  })

  test('one value: a zero-width interval', () => {
    assert.deepEqual(bootstrapMedian([42]), { median: 42, low: 42, high: 42 })
  })

  test('identical values: a zero-width interval', () => {
    assert.deepEqual(bootstrapMedian([5, 5, 5, 5]), { median: 5, low: 5, high: 5 })
  })

  // Worked by hand: a resample of [10, 20] is {10,10}, {10,20}, {20,10} or {20,20}, so its median
  // is 10 with probability 1/4, 15 with 1/2 and 20 with 1/4; the 2.5th and 97.5th percentiles of
  // that distribution are 10 and 20.
  test('[10, 20] gives the interval [10, 20] around 15', () => {
    assert.deepEqual(bootstrapMedian([10, 20]), { median: 15, low: 10, high: 20 })
  })

  // Worked by hand: for [1, 2, 3] the resampled median is 1 when at least two draws are 1,
  // probability 7/27, far above 2.5%; likewise 3. So the interval is [1, 3].
  test('[1, 2, 3] gives [1, 3]', () => {
    assert.deepEqual(bootstrapMedian([3, 1, 2]), { median: 2, low: 1, high: 3 })
  })

  test('the interval holds the median and lies within the data', () => {
    const random = seededRandom(1)
    for (let t = 0; t < 50; t++) {
      const values = Array.from({ length: 2 + Math.floor(random() * 9) }, () =>
        Math.round(random() * 1000),
      )
      const i = bootstrapMedian(values, t)
      assert.ok(i.low <= i.median && i.median <= i.high, JSON.stringify({ values, i }))
      assert.ok(i.low >= Math.min(...values) && i.high <= Math.max(...values))
    }
  })

  test('more rounds narrow the interval of the same spread', () => {
    const few = bootstrapMedian([90, 95, 100, 105, 110])
    const many = bootstrapMedian(Array.from({ length: 25 }, (_, i) => 90 + (i % 5) * 5))
    assert.ok(many.high - many.low < few.high - few.low, JSON.stringify({ few, many }))
  })
})

describe('pairedRatios', () => {
  test('pairs round r with round r', () => {
    assert.deepEqual(pairedRatios([200, 300, 100], [100, 100, 100]), [2, 3, 1])
  })
  test('skips rounds missing on either side, and a zero baseline', () => {
    assert.deepEqual(pairedRatios([200, null, 150, 80], [100, 100, null, 0]), [2])
  })
  test('never pairs by sorted order', () => {
    // Medians of each side would give 1; paired rounds show the server twice as fast each time.
    assert.deepEqual(pairedRatios([20, 40, 10], [10, 20, 5]), [2, 2, 2])
  })
})
