import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { routeName } from '../adapters/build-table.js'
import { loadAdapter } from '../adapters/index.js'
import { wrongAnswers } from '../check.js'
import {
  generatedTableName,
  generatedTableSize,
  generateTable,
  resourceName,
  SCALING_SIZES,
} from '../generate.js'
import { benchTable, SCALING_LOOKUPS } from '../tables.js'

describe('generateTable', () => {
  for (const size of [1, 4, 5, 6, 10, 99, 1_000, ...SCALING_SIZES]) {
    test(`${size} routes`, () => assert.equal(generateTable(size).length, size))
  }

  test('a resource is five routes: two static, two with one param, one with two', () => {
    assert.deepEqual(generateTable(7), [
      { method: 'GET', path: '/v1/baba' },
      { method: 'POST', path: '/v1/baba' },
      { method: 'GET', path: '/v1/baba/:id' },
      { method: 'DELETE', path: '/v1/baba/:id' },
      { method: 'GET', path: '/v1/baba/:id/history/:version' },
      { method: 'GET', path: '/v1/bako' },
      { method: 'POST', path: '/v1/bako' },
    ])
  })

  test('the same size gives the same table, and a smaller table is a prefix of a larger one', () => {
    const large = generateTable(1_000)
    assert.deepEqual(generateTable(1_000), large)
    assert.deepEqual(generateTable(317), large.slice(0, 317))
  })

  test('every method and path is registered once', () => {
    const routes = generateTable(10_000)
    assert.equal(new Set(routes.map(routeName)).size, routes.length)
  })

  test('the mix holds at any size: 2 static, 2 one-param and 1 two-param routes in 5', () => {
    const params = generateTable(10_000).map((r) => (r.path.match(/:/g) ?? []).length)
    assert.deepEqual(
      [0, 1, 2].map((n) => params.filter((p) => p === n).length),
      [4_000, 4_000, 2_000],
    )
  })

  const bad: [number, string][] = [
    [0, 'table size must be ≥ 1: 0'],
    [-5, 'table size must be ≥ 1: -5'],
    [2.5, 'table size must be ≥ 1: 2.5'],
    [Number.NaN, 'table size must be ≥ 1: NaN'],
    [Number.POSITIVE_INFINITY, 'table size must be ≥ 1: Infinity'],
  ]
  for (const [size, message] of bad) {
    test(`refuses a size of ${size}`, () => {
      assert.throws(() => generateTable(size), new RangeError(message))
    })
  }
})

describe('resourceName', () => {
  const cases: [number, string][] = [
    [0, 'baba'],
    [7, 'bane'],
    [10, 'koba'],
    [99, 'dudu'],
    [123, 'koritu'],
    [9_999, 'dudududu'],
  ]
  for (const [index, name] of cases) {
    test(`${index} is ${name}`, () => assert.equal(resourceName(index), name))
  }

  test('names are distinct, lower-case letters only, and share no long prefix', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => resourceName(i))
    assert.equal(new Set(names).size, names.length)
    for (const name of names) assert.match(name, /^[a-z]+$/)
    // the first syllable already takes ten values: no giant shared node at the top of a tree
    assert.equal(new Set(names.map((n) => n.slice(0, 2))).size, 10)
  })
})

describe('generated table names', () => {
  for (const size of [1, 10, 1_000, 10_000, 123_456]) {
    test(`generated-${size} round-trips`, () => {
      assert.equal(generatedTableName(size), `generated-${size}`)
      assert.equal(generatedTableSize(generatedTableName(size)), size)
    })
  }

  for (const name of [
    'github',
    'generated-',
    'generated-0',
    'generated-010',
    'generated-1e3',
    'generated-10x',
    ' generated-10',
    'Generated-10',
  ]) {
    test(`${JSON.stringify(name)} is not a generated table`, () => {
      assert.equal(generatedTableSize(name), null)
    })
  }
})

describe('benchTable', () => {
  test('generated-1000: a sample of 64 lookups spread evenly over the table, and a miss set', () => {
    const table = benchTable('generated-1000')
    assert.ok(table !== null)
    assert.equal(table.name, 'generated-1000')
    assert.deepEqual(table.routes, generateTable(1_000))
    assert.deepEqual(
      table.sets.map((s) => s.name),
      ['sample', 'miss'],
    )
    const [sample, miss] = table.sets
    assert.equal(SCALING_LOOKUPS, 64)
    assert.equal(sample?.lookups.length, 64)
    assert.equal(sample?.description, '64 routes spread evenly over the table')
    // route i × 1000 / 64 for i = 0 … 63: routes 0, 15, 31, 46, … 984
    const picked = new Set(Array.from({ length: 64 }, (_, i) => Math.floor((i * 1_000) / 64)))
    assert.deepEqual(
      sample?.lookups.map((l) => l.expected?.route),
      table.routes.filter((_, i) => picked.has(i)).map(routeName),
    )
    assert.ok(miss !== undefined && miss.lookups.length > 0)
    for (const lookup of miss.lookups) assert.equal(lookup.expected, null)
  })

  test('a table smaller than the sample is looked up whole', () => {
    const table = benchTable('generated-10')
    const sample = table?.sets.find((s) => s.name === 'sample')
    assert.equal(sample?.description, '10 routes spread evenly over the table')
    assert.deepEqual(
      sample?.lookups.map((l) => l.expected?.route),
      generateTable(10).map(routeName),
    )
  })

  test('the reference router answers every lookup of a generated table right', async () => {
    const table = benchTable('generated-1000')
    assert.ok(table !== null)
    const built = (await loadAdapter('routebench')).build(table.routes)
    for (const set of table.sets) assert.deepEqual(wrongAnswers(built, set), [], set.name)
  })

  test('a standard table keeps its own lookup sets', () => {
    const table = benchTable('parse')
    assert.equal(table?.routes.length, 26)
    assert.deepEqual(
      table?.sets.map((s) => s.name),
      ['all', 'static', 'param', 'params2', 'miss', 'trailing-slash'],
    )
  })

  for (const name of ['nope', 'generated-0', 'generated-', 'Parse', 'scaling']) {
    test(`${JSON.stringify(name)} is unknown`, () => assert.equal(benchTable(name), null))
  }
})
