import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadTable, type RouteDef, TABLE_NAMES } from '@routebench/fixtures'
import { routeName } from '../adapters/build-table.js'
import type { LookupSet } from '../lookups.js'
import {
  asReceived,
  ESCAPES,
  MUTATIONS,
  newSeed,
  RANDOM_SET_NAMES,
  RANDOM_SET_SIZE,
  randomSets,
  Semantics,
  VALUE_MAX,
  VALUE_MIN,
} from '../random-sets.js'
import { benchTable } from '../tables.js'

const SEED = 4_242

function byName(sets: readonly LookupSet[], name: string): LookupSet {
  const set = sets.find((s) => s.name === name)
  assert.ok(set, `no set ${name}`)
  return set
}

/** The raw values of a lookup's params, by the route's regular expression. */
function rawValues(routes: readonly RouteDef[], method: string, path: string, route: string) {
  const def = routes.find((r) => routeName(r) === route && r.method === method)
  assert.ok(def, route)
  const source = def.path
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/\/\*$/, '/(.*)')
    .replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '([^/]+)')
  const match = new RegExp(`^${source}$`).exec(path)
  assert.ok(match, `${path} does not match ${route}`)
  return match.slice(1)
}

describe('randomSets', () => {
  for (const table of TABLE_NAMES) {
    const routes = loadTable(table)
    const sets = randomSets(table, routes, SEED)
    const semantics = new Semantics(routes)

    test(`${table}: three sets of ${RANDOM_SET_SIZE} lookups`, () => {
      assert.deepEqual(
        sets.map((s) => [s.name, s.lookups.length]),
        RANDOM_SET_NAMES.map((name) => [name, RANDOM_SET_SIZE]),
      )
    })

    test(`${table}: the same seed draws the same sets, another seed others`, () => {
      assert.deepEqual(randomSets(table, routes, SEED), sets)
      const other = randomSets(table, routes, SEED + 1)
      assert.notDeepEqual(
        other.map((s) => s.lookups),
        sets.map((s) => s.lookups),
      )
    })

    test(`${table}: every answer is the only route of the table that matches`, () => {
      for (const set of sets) {
        for (const { method, path, expected } of set.lookups) {
          const found = semantics.matches(method, path)
          assert.deepEqual(found, expected === null ? [] : [expected], `${method} ${path}`)
        }
      }
    })

    test(`${table}: random-hits are all hits, random-misses all misses, random-mix both`, () => {
      assert.ok(byName(sets, 'random-hits').lookups.every((l) => l.expected !== null))
      assert.ok(byName(sets, 'random-misses').lookups.every((l) => l.expected === null))
      const mix = byName(sets, 'random-mix').lookups
      const misses = mix.filter((l) => l.expected === null).length
      assert.ok(misses > mix.length / 8 && misses < mix.length / 2, `${misses} misses`)
    })

    test(`${table}: every method of the table is looked up, in hits and in misses`, () => {
      const methods = [...new Set(routes.map((r) => r.method))].sort()
      for (const name of ['random-hits', 'random-misses']) {
        const used = new Set(byName(sets, name).lookups.map((l) => l.method))
        assert.deepEqual([...used].sort(), methods, name)
      }
    })

    test(`${table}: paths are flat strings that start with '/' and decode`, () => {
      for (const set of sets) {
        for (const { path } of set.lookups) {
          assert.equal(path[0], '/')
          assert.doesNotThrow(() => decodeURIComponent(path), path)
        }
      }
    })
  }

  test('param values are 1 to 40 characters as sent, some with each escape', () => {
    const lengths = new Set<number>()
    const seen = new Set<string>()
    for (const table of ['github', 'gplus', 'parse', 'router-benchmark'] as const) {
      const routes = loadTable(table)
      for (const set of randomSets(table, routes, SEED)) {
        for (const { method, path, expected } of set.lookups) {
          if (expected === null) continue
          for (const value of rawValues(routes, method, path, expected.route)) {
            assert.ok(value.length >= VALUE_MIN && value.length <= VALUE_MAX, value)
            lengths.add(value.length)
            for (const e of ESCAPES) if (value.includes(e)) seen.add(e)
          }
        }
      }
    }
    assert.equal(lengths.size, VALUE_MAX - VALUE_MIN + 1, 'every length is drawn')
    assert.deepEqual([...seen].sort(), [...ESCAPES].sort(), 'every escape is drawn')
  })

  test('a share of the hits has escapes, and their answers are decoded', () => {
    const routes = loadTable('github')
    const hits = byName(randomSets('github', routes, SEED), 'random-hits').lookups
    const escaped = hits.filter((l) => l.path.includes('%'))
    assert.ok(escaped.length > hits.length / 10 && escaped.length < hits.length / 2)
    for (const { method, path, expected } of escaped) {
      assert.ok(expected)
      const raw = rawValues(routes, method, path, expected.route)
      assert.deepEqual(Object.values(expected.params), raw.map(decodeURIComponent), path)
    }
    const slash = hits.find((l) => l.path.includes('%2F'))
    assert.ok(slash?.expected, 'a value with an escaped slash')
    assert.ok(Object.values(slash.expected.params).some((v) => v.includes('/')))
  })

  test('a wildcard takes 1 to 40 characters, sometimes several segments', () => {
    const hits = byName(
      randomSets('router-benchmark', loadTable('router-benchmark'), SEED),
      'random-hits',
    ).lookups.filter((l) => l.expected?.route === 'GET /static/*')
    assert.ok(hits.length > 10)
    for (const { path } of hits) {
      const rest = path.slice('/static/'.length)
      assert.ok(rest.length >= VALUE_MIN && rest.length <= VALUE_MAX, rest)
    }
    assert.ok(hits.some((l) => l.path.slice('/static/'.length).includes('/')))
  })

  test('misses are made by each mutation: changed letters, segments, trailing slashes', () => {
    const routes = loadTable('gplus')
    const misses = byName(randomSets('gplus', routes, SEED), 'random-misses').lookups
    const segments = (path: string) => path.split('/').length
    const known = new Set(routes.map((r) => segments(r.path)))
    assert.ok(
      misses.some((l) => l.path.endsWith('/')),
      'a trailing slash',
    )
    assert.ok(
      misses.some((l) => !known.has(segments(l.path))),
      'a segment more or less',
    )
    assert.ok(
      misses.some((l) => known.has(segments(l.path)) && !l.path.endsWith('/')),
      'a letter',
    )
    assert.equal(MUTATIONS.length, 4)
  })

  test('a table whose every path matches has no misses to draw', () => {
    assert.throws(
      () => randomSets('catch-all', [{ method: 'GET', path: '/*' }], SEED, 4),
      /no path of the table misses/,
    )
  })

  test('a table without params says so', () => {
    const [hits] = randomSets('static', loadTable('static'), SEED, 8)
    assert.match(hits?.description ?? '', /the table has no params/)
  })

  test('new seeds are unsigned 32-bit integers, and differ', () => {
    const seeds = Array.from({ length: 20 }, newSeed)
    for (const seed of seeds) assert.ok(Number.isInteger(seed) && seed >= 0 && seed < 2 ** 32)
    assert.ok(new Set(seeds).size > 1)
  })
})

describe('asReceived', () => {
  test('keeps the text', () => {
    const built = ['/users/', 'octocat', '/repos'].join('')
    assert.equal(asReceived(built), '/users/octocat/repos')
  })
})

describe('benchTable', () => {
  test('has the randomized sets only when given a seed', () => {
    const names = (seed: number | null) => benchTable('parse', seed)?.sets.map((s) => s.name)
    assert.deepEqual(names(null), ['all', 'static', 'param', 'params2', 'miss', 'trailing-slash'])
    assert.deepEqual(names(SEED)?.slice(-3), [...RANDOM_SET_NAMES])
    assert.deepEqual(
      benchTable('generated-100', SEED)?.sets.map((s) => s.name),
      ['sample', 'miss'],
    )
  })
})
