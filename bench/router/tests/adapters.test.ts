import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadTable, type RouteDef, TABLE_NAMES } from '@routebench/fixtures'
import { installedVersion } from '../../lib/installed-version.js'
import { type Adapter, type Built, CannotRegisterError } from '../adapters/adapter.js'
import { ADAPTER_NAMES, loadAdapter, UnknownAdapterError } from '../adapters/index.js'
import { wrongAnswers } from '../check.js'
import { KNOWN_GAPS, knownRefusal, knownWrongAnswers } from '../known-gaps.js'
import { lookupSets } from '../lookups.js'
import { randomSets } from '../random-sets.js'

/** The randomized sets of these tests: one seed, so that a gap found is found on every run. */
const SEED = 20_261_203

function allSets(table: (typeof TABLE_NAMES)[number]) {
  return [...lookupSets(table), ...randomSets(table, loadTable(table), SEED)]
}

const adapters = await Promise.all(ADAPTER_NAMES.map(loadAdapter))

/** Builds, or returns what the router refused. */
function tryBuild(adapter: Adapter, routes: readonly RouteDef[]): Built | Error {
  try {
    return adapter.build(routes)
  } catch (error) {
    return error as Error
  }
}

// One suite for every router: each standard table is refused, or every lookup set is answered
// right, unless known-gaps.ts says otherwise; a known gap is asserted to be still there.
for (const adapter of adapters) {
  describe(adapter.name, () => {
    for (const table of TABLE_NAMES) {
      const built = tryBuild(adapter, loadTable(table))
      const refusal = knownRefusal(adapter.name, table)
      if (refusal !== null) {
        test(`refuses ${table}, as known: ${refusal}`, () => {
          assert.ok(built instanceof CannotRegisterError, `${adapter.name} now accepts ${table}`)
        })
        continue
      }
      if (built instanceof Error) {
        test(`builds ${table}`, () => assert.fail(built.message))
        continue
      }
      const decoded = adapter.decodesParams
      for (const set of allSets(table)) {
        const gap = knownWrongAnswers(adapter.name, table, set.name)
        if (gap === null) {
          test(`${table} ${set.name}: every answer is right`, () => {
            assert.deepEqual(wrongAnswers(built, set, { decoded }), [])
          })
        } else {
          test(`${table} ${set.name}: wrong answers, as known: ${gap}`, () => {
            assert.notDeepEqual(
              wrongAnswers(built, set, { decoded }),
              [],
              'the gap is closed: remove it',
            )
          })
        }
      }
    }
  })
}

describe('the routebench adapter', () => {
  test('decodes params, as the tables do', async () => {
    assert.equal((await loadAdapter('routebench')).decodesParams, true)
  })

  test('has no known gap', () => {
    assert.deepEqual(
      KNOWN_GAPS.filter((gap) => gap.adapter === 'routebench'),
      [],
    )
  })
})

describe('known gaps', () => {
  test('each names sets that exist', () => {
    for (const gap of KNOWN_GAPS) {
      if (gap.kind !== 'wrong-answers') continue
      for (const table of gap.tables) {
        const names = allSets(table).map((set) => set.name)
        for (const set of gap.sets)
          assert.ok(names.includes(set), `${gap.adapter}: ${table} has no set ${set}`)
      }
    }
  })
})

describe('the registry', () => {
  test('lists the contenders, each under its own name', () => {
    for (const name of ['routebench', 'find-my-way', 'hono-regexp', 'koa-tree-router', 'medley']) {
      assert.ok((ADAPTER_NAMES as readonly string[]).includes(name), name)
    }
    assert.deepEqual(
      adapters.map((adapter) => adapter.name),
      ADAPTER_NAMES,
    )
  })

  test('names installed packages', () => {
    for (const adapter of adapters) {
      assert.ok(adapter.packages.length > 0, adapter.name)
      for (const name of adapter.packages) assert.match(installedVersion(name), /^\d+\.\d+\.\d+/)
    }
  })

  test('refuses an unknown name', async () => {
    await assert.rejects(loadAdapter('express'), UnknownAdapterError)
    await assert.rejects(loadAdapter('express'), {
      message: `unknown router "express"; the routers are: ${ADAPTER_NAMES.join(', ')}`,
    })
  })
})

// Refusals are rare in the standard tables, so small tables provoke them.
describe('a refused table', () => {
  const refusals: [string, RouteDef[], string][] = [
    [
      'koa-tree-router',
      [
        { method: 'GET', path: '/users/new' },
        { method: 'GET', path: '/users/:id' },
      ],
      "cannot register GET /users/:id next to GET /users/new: wildcard route ':id' conflicts with existing children in path '/users/:id'",
    ],
    [
      'hono-regexp',
      [
        { method: 'GET', path: '/users' },
        { method: 'GET', path: '/users/new' },
        { method: 'GET', path: '/users/:id' },
      ],
      'cannot register GET /users/:id next to GET /users/new: /users/:id',
    ],
    [
      'medley',
      [
        { method: 'GET', path: '/users/:id' },
        { method: 'GET', path: '/users/:userId/posts' },
      ],
      'cannot register GET /users/:userId/posts next to GET /users/:id: Cannot create route "/users/:userId/posts" with parameter "userId" because a route already exists with a different parameter name ("id") in the same location',
    ],
    [
      'routebench',
      [
        { method: 'GET', path: '/a' },
        { method: 'GET', path: '/b/:x' },
        { method: 'GET', path: '/b/:y' },
      ],
      'cannot register GET /b/:y next to GET /b/:x: Route GET /b/:y matches the same paths as GET /b/:x, registered earlier; remove one of them or change its pattern',
    ],
    [
      'find-my-way',
      [{ method: 'GET', path: 'users' }],
      'cannot register GET users: The first character of a path should be `/` or `*`',
    ],
  ]
  for (const [name, routes, message] of refusals) {
    test(`${name}: ${message}`, async () => {
      const adapter = await loadAdapter(name)
      assert.throws(() => adapter.build(routes), { name: 'CannotRegisterError', message })
    })
  }
})
