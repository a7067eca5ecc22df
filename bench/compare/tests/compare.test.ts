import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ResultsFile } from '../../http/schema.js'
import { fixture } from '../../http/tests/fixture.js'
import { mannWhitneyU, wilcoxonSignedRank } from '../../lib/rank-tests.js'
import type { Pairing } from '../../lib/schema.js'
import type { RouterFile } from '../../router/schema.js'
import { routerFixture } from '../../router/tests/fixture.js'
import { type Comparison, compare, type RowComparison, smallestP } from '../compare.js'
import { parsePair } from '../load.js'
import { count, type HttpRows, httpFile, noisy, routerFile, scaled, source } from './files.js'

const OPTIONS = { alpha: 0.05, force: false }

function compareFiles(
  base: ResultsFile | RouterFile,
  head: ResultsFile | RouterFile,
  options = OPTIONS,
): Comparison {
  return compare(parsePair(source('base.json', base), source('head.json', head)), options)
}

function compareHttp(base: HttpRows, head: HttpRows, pairing?: [Pairing, Pairing]): Comparison {
  return compareFiles(
    httpFile(base, pairing === undefined ? {} : { pairing: pairing[0] }),
    httpFile(head, pairing === undefined ? {} : { pairing: pairing[1] }),
  )
}

function row(c: Comparison, name: string): RowComparison {
  const found = c.rows.find((r) => r.keys.join(' ') === name)
  assert.ok(found !== undefined, `no row ${name}`)
  return found
}

function contains(interval: { low: number; high: number } | null, value: number): boolean {
  return interval !== null && interval.low <= value && value <= interval.high
}

describe('identical files', () => {
  const cases: [string, ResultsFile | RouterFile][] = [
    ['the HTTP fixture', fixture()],
    ['the router fixture', routerFixture()],
    [
      'eight noisy rounds on three rows',
      httpFile({
        'fastify json': noisy(50_000, 8, 1),
        'hono json': noisy(45_000, 8, 2),
        'express json': noisy(20_000, 8, 3),
      }),
    ],
  ]
  for (const [name, file] of cases) {
    test(`${name}: every tested row is ~, with p = 1`, () => {
      const c = compareFiles(file, file)
      const tested = c.rows.filter((r) => r.status === 'tested')
      assert.ok(tested.length > 0)
      assert.equal(c.tested, tested.length)
      for (const r of tested) {
        assert.equal(r.significant, false, r.keys.join(' '))
        assert.equal(r.verdict, null)
        assert.equal(r.p, 1)
        assert.equal(r.ratio?.median, 1)
        assert.ok(contains(r.ratio, 1))
      }
    })
  }
})

describe('a real change is found, in the direction of the metric', () => {
  test('HTTP, 8 unpaired rounds: 20% fewer req/s on one row is worse, about −20%', () => {
    const base = {
      'fastify json': noisy(50_000, 8, 1),
      'hono json': noisy(45_000, 8, 2),
      'express json': noisy(20_000, 8, 3),
    }
    const head = {
      'fastify json': scaled(noisy(50_000, 8, 4), 0.8),
      'hono json': noisy(45_000, 8, 5),
      'express json': base['express json'],
    }
    const c = compareHttp(base, head)
    assert.equal(c.pairing, null)
    assert.equal(c.tested, 3)
    const changed = row(c, 'fastify json')
    assert.equal(changed.significant, true)
    assert.equal(changed.verdict, 'worse')
    // Eight against eight, fully separated: p = 2/C(16, 8), then Holm over 3 rows.
    assert.equal(changed.p, 2 / 12_870)
    assert.ok(contains(changed.change, -20), JSON.stringify(changed.change))
    assert.ok((changed.change?.high ?? 0) < 0)
    for (const name of ['hono json', 'express json']) {
      assert.equal(row(c, name).significant, false, name)
      assert.equal(row(c, name).verdict, null, name)
    }
  })

  test('router, 8 unpaired rounds: 25% more time is worse, 20% less is better', () => {
    const base = {
      'routebench github all': noisy(100, 8, 6),
      'find-my-way github all': noisy(150, 8, 7),
      'hono github all': noisy(80, 8, 8),
    }
    const head = {
      'routebench github all': scaled(noisy(100, 8, 9), 1.25),
      'find-my-way github all': scaled(noisy(150, 8, 10), 0.8),
      'hono github all': base['hono github all'],
    }
    const c = compareFiles(routerFile(base), routerFile(head))
    const slower = row(c, 'routebench github all')
    assert.equal(slower.verdict, 'worse')
    assert.ok(contains(slower.change, 25), JSON.stringify(slower.change))
    const faster = row(c, 'find-my-way github all')
    assert.equal(faster.verdict, 'better')
    assert.ok(contains(faster.change, -20), JSON.stringify(faster.change))
    assert.equal(row(c, 'hono github all').verdict, null)
  })

  test('HTTP, more req/s is better', () => {
    const base = noisy(30_000, 8, 11)
    const c = compareHttp({ 'koa json': base }, { 'koa json': scaled(noisy(30_000, 8, 12), 1.1) })
    assert.equal(row(c, 'koa json').verdict, 'better')
    assert.ok(contains(row(c, 'koa json').change, 10))
  })
})

describe('paired or unpaired, by meta.pairing', () => {
  // Rounds that drift far more than the change: only pairing sees it.
  const base = [40_000, 61_000, 47_000, 55_000, 35_000, 52_000]
  const head = base.map((v, i) => v * 0.8 * (1 + (i - 2.5) * 0.004))
  const rows = (values: number[]) => ({ 'fastify json': values })
  const arm = (id: string, name: string): Pairing => ({ id, arm: name })

  test('arms of one side-by-side run: rounds paired by number, signed-rank test', () => {
    const c = compareHttp(rows(base), rows(head), [arm('run-1', 'base'), arm('run-1', 'head')])
    assert.deepEqual(c.pairing, { id: 'run-1', base: 'base', head: 'head' })
    const r = row(c, 'fastify json')
    assert.equal(r.pairs, 6)
    // All six pairs lower: the exact two-sided p is 2/2⁶.
    assert.equal(r.p, 2 / 64)
    assert.equal(r.significant, true)
    assert.equal(r.verdict, 'worse')
    assert.ok(contains(r.change, -20), JSON.stringify(r.change))
  })

  const unpaired: [string, [Pairing, Pairing] | undefined][] = [
    ['no pairing', undefined],
    ['different side-by-side runs', [arm('run-1', 'base'), arm('run-2', 'head')]],
    ['the same arm twice', [arm('run-1', 'head'), arm('run-1', 'head')]],
  ]
  for (const [name, pairing] of unpaired) {
    test(`${name}: unpaired, Mann-Whitney U, and the drift hides the change`, () => {
      const c = compareHttp(rows(base), rows(head), pairing)
      assert.equal(c.pairing, null)
      const r = row(c, 'fastify json')
      assert.equal(r.pairs, null)
      assert.equal(r.p, mannWhitneyU(base, head).p)
      assert.equal(r.significant, false)
    })
  }

  test('one side paired, the other not: unpaired', () => {
    const c = compareFiles(
      httpFile(rows(base), { pairing: arm('run-1', 'base') }),
      httpFile(rows(head)),
    )
    assert.equal(c.pairing, null)
  })

  test('only rounds valid on both sides pair up', () => {
    const c = compareHttp(
      { 'fastify json': [100, null, 102, 98, 101] },
      { 'fastify json': [90, 91, 92, null, 93] },
      [arm('run-1', 'base'), arm('run-1', 'head')],
    )
    const r = row(c, 'fastify json')
    assert.equal(r.pairs, 3)
    assert.deepEqual(r.base?.n, 4)
    assert.deepEqual(r.head?.n, 4)
    assert.equal(r.p, wilcoxonSignedRank([90 / 100, 92 / 102, 93 / 101].map(Math.log)).p)
  })

  test('paired with fewer than two pairs: too few rounds', () => {
    const c = compareHttp(
      { 'fastify json': [100, 101, null, null] },
      { 'fastify json': [null, 90, 91, 92] },
      [arm('run-1', 'base'), arm('run-1', 'head')],
    )
    const r = row(c, 'fastify json')
    assert.equal(r.status, 'too-few-rounds')
    assert.equal(r.pairs, 1)
    assert.equal(r.p, null)
    assert.equal(c.tested, 0)
  })
})

describe("Holm's correction across the rows", () => {
  // Five against five, fully separated: p = 2/C(10, 5) = 0.0079, significant alone at 0.05.
  const base = noisy(50_000, 5, 20)
  const head = scaled(noisy(50_000, 5, 21), 0.9)
  const quiet: Record<string, number[]> = {}
  for (let i = 1; i <= 9; i++) quiet[`server${i} json`] = noisy(40_000, 5, 30 + i)

  test('alone, the row is significant', () => {
    const r = row(compareHttp({ 'fastify json': base }, { 'fastify json': head }), 'fastify json')
    assert.equal(r.p, 2 / 252)
    assert.equal(r.pAdjusted, 2 / 252)
    assert.equal(r.significant, true)
  })

  test('among ten tested rows, it is not', () => {
    const c = compareHttp({ 'fastify json': base, ...quiet }, { 'fastify json': head, ...quiet })
    assert.equal(c.tested, 10)
    const r = row(c, 'fastify json')
    assert.equal(r.p, 2 / 252)
    assert.ok(Math.abs((r.pAdjusted ?? 0) - 10 * (2 / 252)) < 1e-12)
    assert.equal(r.significant, false)
    assert.equal(r.verdict, null)
  })

  test('--alpha 0.1 makes it significant again', () => {
    const c = compareFiles(
      httpFile({ 'fastify json': base, ...quiet }),
      httpFile({ 'fastify json': head, ...quiet }),
      { alpha: 0.1, force: false },
    )
    assert.equal(row(c, 'fastify json').verdict, 'worse')
  })

  test('rows without a test are not counted in the family', () => {
    const c = compareHttp(
      { 'fastify json': base, 'hono json': [40_000], 'koa json': [30_000, 31_000] },
      { 'fastify json': head, 'hono json': [40_000, 41_000], 'express json': [10_000, 11_000] },
    )
    assert.equal(c.tested, 1)
    assert.equal(row(c, 'fastify json').pAdjusted, 2 / 252)
  })
})

describe('rows that cannot be tested', () => {
  const c = compareHttp(
    {
      'fastify json': [50_000, 51_000, 49_000],
      'hono json': [45_000, 46_000, 44_000],
      'koa json': [30_000, 31_000, 29_000],
      'uws json': [90_000, 91_000, 89_000],
    },
    {
      'fastify json': [50_000, null, null],
      'hono json': [null, null, null],
      'express json': [20_000, 21_000, 19_000],
      'uws json': [90_000, 91_000, 89_000],
    },
  )
  const cases: [string, Partial<RowComparison>][] = [
    [
      'fastify json',
      {
        status: 'too-few-rounds',
        head: { n: 1, median: { median: 50_000, low: 50_000, high: 50_000 } },
      },
    ],
    ['hono json', { status: 'too-few-rounds', head: { n: 0, median: null } }],
    ['koa json', { status: 'only-in-base', head: null }],
    ['express json', { status: 'only-in-head', base: null }],
  ]
  for (const [name, expected] of cases) {
    test(`${name}: ${expected.status}, without a test`, () => {
      const r = row(c, name)
      for (const [field, value] of Object.entries(expected)) {
        assert.deepEqual(r[field as keyof RowComparison], value, field)
      }
      assert.equal(r.p, null)
      assert.equal(r.pAdjusted, null)
      assert.equal(r.change, null)
      assert.equal(r.significant, false)
    })
  }

  test("base's rows in order, then head's own", () => {
    assert.deepEqual(
      c.rows.map((r) => r.keys.join(' ')),
      ['fastify json', 'hono json', 'koa json', 'uws json', 'express json'],
    )
    assert.equal(c.tested, 1)
  })

  test('router: a set never timed (wrong answers, a refusal) has no samples', () => {
    const r = compareFiles(routerFixture(), routerFixture())
    assert.deepEqual(row(r, 'medley static all').base, { n: 0, median: null })
    assert.equal(row(r, 'medley parse trailing-slash').status, 'too-few-rounds')
    assert.equal(row(r, 'path-to-regexp parse all').base?.n, 2)
  })
})

describe('instruction counts', () => {
  const timed = {
    'routebench github all': noisy(100, 3, 1),
    'find-my-way github all': noisy(150, 3, 2),
  }

  test('compared where both files counted the same row, as a deterministic change', () => {
    const c = compareFiles(
      routerFile(timed, {}, [
        count('routebench github all', 1000),
        count('find-my-way github all', 1500),
        count('hono github all', null),
        count('medley github all', 700),
      ]),
      routerFile(timed, {}, [
        count('routebench github all', 1100),
        count('find-my-way github all', 1500),
        count('hono github all', 900),
        count('koa github all', 800),
      ]),
    )
    assert.deepEqual(c.instructions, [
      {
        keys: ['routebench', 'github', 'all'],
        base: 1000,
        head: 1100,
        change: (1100 / 1000 - 1) * 100,
        verdict: 'worse',
      },
      {
        keys: ['find-my-way', 'github', 'all'],
        base: 1500,
        head: 1500,
        change: 0,
        verdict: 'same',
      },
    ])
    assert.equal(c.instructionsNote, null)
  })

  test('counted on one side only: a note, no rows', () => {
    const c = compareFiles(
      routerFile(timed),
      routerFile(timed, {}, [count('routebench github all', 1000)]),
    )
    assert.deepEqual(c.instructions, [])
    assert.equal(
      c.instructionsNote,
      'Instruction counts: only the head file (head.json) has them; not compared.',
    )
  })

  test('none on either side: nothing to say', () => {
    const c = compareFiles(routerFile(timed), routerFile(timed))
    assert.deepEqual(c.instructions, [])
    assert.equal(c.instructionsNote, null)
  })
})

describe('--force', () => {
  test('a different method is compared and the differences kept for the output', () => {
    const head = fixture()
    head.meta.options.connections = 50
    const c = compareFiles(fixture(), head, { alpha: 0.05, force: true })
    assert.deepEqual(c.forced, [{ setting: 'connections', base: '100', head: '50' }])
  })

  test('without it, the same pair is refused', () => {
    const head = fixture()
    head.meta.options.connections = 50
    assert.throws(
      () => compareFiles(fixture(), head),
      /measured differently \(base vs head: connections 100 vs 50\)/,
    )
  })
})

describe('rounds too few for any row to be significant', () => {
  const cases: [string, { pairs: number } | { base: number; head: number }, number][] = [
    // C(6, 3) = 20 orderings, 2 of them extreme.
    ['3 and 3 rounds', { base: 3, head: 3 }, 2 / 20],
    ['5 and 5 rounds', { base: 5, head: 5 }, 2 / 252],
    ['8 and 8 rounds', { base: 8, head: 8 }, 2 / 12_870],
    ['2 and 6 rounds', { base: 2, head: 6 }, 2 / 28],
    ['6 pairs', { pairs: 6 }, 2 / 64],
    ['1 pair', { pairs: 1 }, 1],
  ]
  for (const [name, sizes, p] of cases) {
    test(`the smallest p-value of ${name} is ${p}`, () => {
      assert.ok(Math.abs(smallestP(sizes) - p) < 1e-15)
    })
  }

  test('the smallest p-value is the one the tests give on fully separated samples', () => {
    assert.equal(smallestP({ base: 4, head: 5 }), mannWhitneyU([1, 2, 3, 4], [5, 6, 7, 8, 9]).p)
    assert.equal(smallestP({ pairs: 7 }), wilcoxonSignedRank([1, 2, 3, 4, 5, 6, 7]).p)
  })

  test('5 pairs of rounds on one row: a warning naming the rounds needed', () => {
    const arms: [Pairing, Pairing] = [
      { id: 'r', arm: 'base' },
      { id: 'r', arm: 'head' },
    ]
    const c = compareHttp(
      { 'fastify json': [100, 101, 102, 103, 104] },
      { 'fastify json': [90, 91, 92, 93, 94] },
      arms,
    )
    assert.deepEqual(c.warnings, [
      "No row can be significant here: with at most 5 pairs of rounds, the smallest p-value a rank test can give is 0.063, which Holm's correction over 1 row makes 0.063, not below 0.05. Measure at least 6 pairs of rounds (--rounds 6).",
    ])
  })

  test('on 20 rows, 6 rounds a side can be significant; 5 cannot', () => {
    const rows = (n: number, seed: number) => {
      const out: Record<string, number[]> = {}
      for (let i = 0; i < 20; i++) out[`server${i} json`] = noisy(10_000, n, seed + i)
      return out
    }
    assert.deepEqual(compareHttp(rows(6, 0), rows(6, 100)).warnings, [])
    assert.deepEqual(compareHttp(rows(5, 0), rows(5, 100)).warnings, [
      "No row can be significant here: with at most 5 rounds a side, the smallest p-value a rank test can give is 0.0079, which Holm's correction over 20 rows makes 0.16, not below 0.05. Measure at least 6 rounds a side (--rounds 6).",
    ])
  })
})
