import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { RouterResult } from '../schema.js'
import { summarizeRouters } from '../summarize.js'
import { result, round, unmeasured } from './fixture.js'

function summarized(results: RouterResult[], reference: string | null = 'routebench') {
  summarizeRouters(results, reference)
  return results
}

function set(r: RouterResult | undefined, name: string) {
  const found = r?.sets.find((s) => s.name === name)
  assert.ok(found, `no set ${name}`)
  return found
}

describe('summarizeRouters', () => {
  test('figures are medians over rounds, with the bootstrap interval', () => {
    const [r] = summarized([
      result('rou3', 'github', [
        round(1, { all: 100 }, { registrationMs: 2, heapBytes: 1000, warmupMs: 200 }),
        round(2, { all: 120 }, { registrationMs: 3, heapBytes: 3001, warmupMs: 300 }),
        round(3, { all: 110 }, { registrationMs: 1, heapBytes: 2000, warmupMs: 250 }),
      ]),
    ])
    assert.equal(r?.status, 'measured')
    assert.equal(r?.reason, null)
    const all = set(r, 'all')
    assert.deepEqual(all.nsPerLookup, { median: 110, low: 100, high: 120 })
    assert.equal(all.p99NsPerLookup, 220)
    assert.equal(all.opsPerSec, 1e9 / 110)
    assert.equal(all.valid, true)
    assert.deepEqual(all.wrong, [])
    assert.deepEqual(r?.registrationMs, { median: 2, low: 1, high: 3 })
    assert.equal(r?.heapBytes, 2000)
    assert.equal(r?.warmupMs, 250)
  })

  test('with an even number of rounds, heap is a whole number of bytes, warm-up is not rounded', () => {
    const [r] = summarized([
      result('rou3', 'github', [
        round(1, { all: 100 }, { heapBytes: 1000, warmupMs: 200 }),
        round(2, { all: 100 }, { heapBytes: 1001, warmupMs: 251 }),
      ]),
    ])
    assert.equal(r?.heapBytes, 1001)
    assert.equal(r?.warmupMs, 225.5)
  })

  // The router is measured in rounds 1, 2 and 3 at 200, 300 and 330 ns; the reference misses
  // round 2. Pairing by position would divide 300 by round 3's 110.
  const gaps: [string, ReturnType<typeof round>[]][] = [
    ['missing', [round(1, { all: 100 }), round(3, { all: 110 })]],
    [
      'failed',
      [
        round(1, { all: 100 }),
        unmeasured(2, 'failed', 'the measuring process was killed by SIGKILL'),
        round(3, { all: 110 }),
      ],
    ],
  ]
  for (const [what, referenceRounds] of gaps) {
    test(`ratios pair rounds by number: a reference round ${what} pairs rounds 1 and 3 only`, () => {
      const [, r] = summarized([
        result('routebench', 'github', referenceRounds),
        result('rou3', 'github', [
          round(1, { all: 200 }),
          round(2, { all: 300 }),
          round(3, { all: 330 }),
        ]),
      ])
      assert.deepEqual(set(r, 'all').ratio, { median: 2.5, low: 2, high: 3 })
      assert.equal(set(r, 'all').nsPerLookup?.median, 300)
    })
  }

  test('ratios are taken on the same table only', () => {
    const [, , r] = summarized([
      result('routebench', 'github', [round(1, { all: 100 })]),
      result('routebench', 'parse', [round(1, { all: 50 })]),
      result('rou3', 'parse', [round(1, { all: 75 })]),
    ])
    assert.deepEqual(set(r, 'all').ratio, { median: 1.5, low: 1.5, high: 1.5 })
  })

  test("the reference's own ratio is exactly 1, whatever its figures", () => {
    const [r] = summarized([
      result('routebench', 'github', [
        round(1, { all: 100, miss: 7 }),
        round(2, { all: 130, miss: 9 }),
        round(3, { all: 90, miss: 8 }),
      ]),
    ])
    assert.deepEqual(set(r, 'all').ratio, { median: 1, low: 1, high: 1 })
    assert.deepEqual(set(r, 'miss').ratio, { median: 1, low: 1, high: 1 })
  })

  const noRatio: [string, RouterResult[], string | null][] = [
    ['without a reference', [result('rou3', 'github', [round(1, { all: 100 })])], null],
    [
      'when the reference refused the table',
      [
        result('routebench', 'github', [unmeasured(1, 'cannot-register', 'cannot register x')]),
        result('rou3', 'github', [round(1, { all: 100 })]),
      ],
      'routebench',
    ],
    [
      'when the reference answered the set wrongly',
      [
        result('routebench', 'github', [
          round(1, {}, { wrong: [{ set: 'all', answers: ['GET /: expected no match'] }] }),
        ]),
        result('rou3', 'github', [round(1, { all: 100 })]),
      ],
      'routebench',
    ],
  ]
  for (const [when, results, reference] of noRatio) {
    test(`no ratio ${when}`, () => {
      const r = summarized(results, reference).find((x) => x.router === 'rou3')
      assert.equal(set(r, 'all').ratio, null)
      assert.equal(set(r, 'all').nsPerLookup?.median, 100)
    })
  }

  test('a set with wrong answers is invalid, has no figures, and keeps three distinct answers', () => {
    const [, r] = summarized([
      result('routebench', 'github', [round(1, { all: 100, miss: 5 }), round(2, { all: 100 })]),
      result('rou3', 'github', [
        round(1, { all: 90 }, { wrong: [{ set: 'miss', answers: ['a', 'b'] }] }),
        round(2, { all: 90 }, { wrong: [{ set: 'miss', answers: ['a', 'c', 'd'] }] }),
      ]),
    ])
    assert.equal(r?.status, 'measured')
    assert.deepEqual(set(r, 'miss'), {
      name: 'miss',
      valid: false,
      wrong: ['a', 'b', 'c'],
      nsPerLookup: null,
      p99NsPerLookup: null,
      opsPerSec: null,
      ratio: null,
    })
    assert.equal(set(r, 'all').valid, true)
    assert.equal(set(r, 'all').ratio?.median, 0.9)
  })

  test('a failed round makes the result failed, with its reason', () => {
    const [r] = summarized([
      result('rou3', 'github', [
        round(1, { all: 100 }),
        unmeasured(2, 'failed', 'the measuring process took longer than 180 s'),
        round(3, { all: 120 }),
      ]),
    ])
    assert.equal(r?.status, 'failed')
    assert.equal(r?.reason, 'the measuring process took longer than 180 s')
    // the rounds that did measure are still summarized
    assert.equal(set(r, 'all').nsPerLookup?.median, 110)
  })

  test('a refusal gives status cannot-register, its reason and no figures', () => {
    const reason = 'cannot register GET /a/:x next to GET /a/:y: conflicting param names'
    const [r] = summarized([result('medley', 'github', [unmeasured(1, 'cannot-register', reason)])])
    assert.deepEqual(
      { ...r, rounds: undefined },
      {
        router: 'medley',
        table: 'github',
        status: 'cannot-register',
        reason,
        rounds: undefined,
        registrationMs: null,
        heapBytes: null,
        warmupMs: null,
        sets: [],
      },
    )
  })

  test('a result with no rounds yet stays pending', () => {
    const [r] = summarized([result('rou3', 'github')])
    assert.deepEqual(r, result('rou3', 'github'))
  })

  test('summarizing again gives the same figures', () => {
    const results = [
      result('routebench', 'github', [round(1, { all: 100 }), round(2, { all: 120 })]),
      result('rou3', 'github', [round(1, { all: 150 }), round(2, { all: 130 })]),
    ]
    summarizeRouters(results, 'routebench')
    const once = structuredClone(results)
    summarizeRouters(results, 'routebench')
    assert.deepEqual(results, once)
  })
})
