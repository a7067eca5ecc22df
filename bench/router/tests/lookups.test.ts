import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { loadTable, TABLE_NAMES, type TableName } from '@routebench/fixtures'
import type { Answer } from '../adapters/adapter.js'
import { type LookupSet, lookupSets, lookupSetsFor } from '../lookups.js'

function lookupsOf(sets: readonly LookupSet[], name: string) {
  const set = sets.find((s) => s.name === name)
  assert.ok(set, `no set ${name}`)
  return set.lookups
}

const GO_SETS = ['all', 'static', 'param', 'params2', 'miss', 'trailing-slash']

describe('lookupSets', () => {
  const names: [TableName, string[]][] = [
    ['static', ['all', 'static', 'miss', 'trailing-slash']],
    ['github', GO_SETS],
    ['parse', GO_SETS],
    ['gplus', GO_SETS],
    [
      'router-benchmark',
      [
        'all',
        'short static',
        'static with same radix',
        'dynamic route',
        'mixed static dynamic',
        'post',
        'long static',
        'wildcard',
      ],
    ],
  ]
  for (const [table, expected] of names) {
    test(`${table}: ${expected.join(', ')}`, () => {
      assert.deepEqual(
        lookupSets(table).map((set) => set.name),
        expected,
      )
    })
  }

  // Checked by hand against the tables and go-http-routing-benchmark's paths.
  const single = (route: string, params: Record<string, string> = {}): Answer => ({ route, params })
  const cases: [TableName, string, string, string, Answer | null][] = [
    ['github', 'static', 'GET', '/user/repos', single('GET /user/repos')],
    ['github', 'param', 'GET', '/users/octocat', single('GET /users/:user', { user: 'octocat' })],
    [
      'github',
      'params2',
      'GET',
      '/repos/julienschmidt/httprouter/stargazers',
      single('GET /repos/:owner/:repo/stargazers', { owner: 'julienschmidt', repo: 'httprouter' }),
    ],
    ['parse', 'static', 'GET', '/1/users', single('GET /1/users')],
    [
      'parse',
      'param',
      'GET',
      '/1/classes/go',
      single('GET /1/classes/:className', { className: 'go' }),
    ],
    [
      'parse',
      'params2',
      'GET',
      '/1/classes/go/123456789',
      single('GET /1/classes/:className/:objectId', { className: 'go', objectId: '123456789' }),
    ],
    ['gplus', 'static', 'GET', '/people', single('GET /people')],
    [
      'gplus',
      'param',
      'GET',
      '/people/118051310819094153327',
      single('GET /people/:userId', { userId: '118051310819094153327' }),
    ],
    [
      'gplus',
      'params2',
      'GET',
      '/people/118051310819094153327/activities/123456789',
      single('GET /people/:userId/activities/:collection', {
        userId: '118051310819094153327',
        collection: '123456789',
      }),
    ],
    ['github', 'trailing-slash', 'GET', '/user/repos/', null],
    ['github', 'trailing-slash', 'GET', '/users/octocat/', null],
    ['github', 'miss', 'GET', '/favicon.ico', null],
    ['github', 'miss', 'GET', '/repos/julienschmidt/httprouter/issues/1347/comment', null],
    ['static', 'miss', 'GET', '/articles/wiki/edit.htm', null],
    ['static', 'trailing-slash', 'GET', '/articles/wiki/index.html/', null],
    [
      'router-benchmark',
      'dynamic route',
      'GET',
      '/user/lookup/username/hey',
      single('GET /user/lookup/username/:username', { username: 'hey' }),
    ],
    [
      'router-benchmark',
      'post',
      'POST',
      '/event/abcd1234/comment',
      single('POST /event/:id/comment', { id: 'abcd1234' }),
    ],
    [
      'router-benchmark',
      'wildcard',
      'GET',
      '/static/index.html',
      single('GET /static/*', { '*': 'index.html' }),
    ],
    [
      'router-benchmark',
      'all',
      'GET',
      '/static/images/logo.png',
      single('GET /static/*', { '*': 'images/logo.png' }),
    ],
    [
      'github',
      'all',
      'GET',
      '/legacy/issues/search/julienschmidt/httprouter/open/router',
      single('GET /legacy/issues/search/:owner/:repository/:state/:keyword', {
        owner: 'julienschmidt',
        repository: 'httprouter',
        state: 'open',
        keyword: 'router',
      }),
    ],
  ]
  for (const [table, set, method, path, expected] of cases) {
    test(`${table} ${set}: ${method} ${path}`, () => {
      assert.deepEqual(
        lookupsOf(lookupSets(table), set).filter((l) => l.method === method && l.path === path),
        [{ method, path, expected }],
      )
    })
  }

  test("'all' has one lookup per route, in table order", () => {
    for (const table of TABLE_NAMES) {
      const routes = loadTable(table)
      const all = lookupsOf(lookupSets(table), 'all')
      assert.deepEqual(
        all.map((l) => [l.method, l.expected?.route]),
        routes.map((r) => [r.method, `${r.method} ${r.path}`]),
      )
    }
  })
})

describe('lookupSetsFor', () => {
  test('a param value never equals a static segment of the table', () => {
    const sets = lookupSetsFor([
      { method: 'GET', path: '/users/octocat' },
      { method: 'GET', path: '/users/:user' },
    ])
    assert.deepEqual(lookupsOf(sets, 'param'), [
      {
        method: 'GET',
        path: '/users/octocat1',
        expected: { route: 'GET /users/:user', params: { user: 'octocat1' } },
      },
    ])
  })

  test('names unknown to the tables get values built from the name', () => {
    const sets = lookupSetsFor([{ method: 'PUT', path: '/a/:p0/b/:p1' }])
    assert.deepEqual(lookupsOf(sets, 'params2'), [
      {
        method: 'PUT',
        path: '/a/p01/b/p12',
        expected: { route: 'PUT /a/:p0/b/:p1', params: { p0: 'p01', p1: 'p12' } },
      },
    ])
  })

  test('a set with no route of its kind is left out', () => {
    const sets = lookupSetsFor([
      { method: 'GET', path: '/' },
      { method: 'GET', path: '/about' },
    ])
    assert.deepEqual(
      sets.map((set) => set.name),
      ['all', 'static', 'miss', 'trailing-slash'],
    )
  })

  test('a miss is a path no route matches', () => {
    const sets = lookupSetsFor([
      { method: 'GET', path: '/favicon.ico' },
      { method: 'GET', path: '/users/:id/posts' },
    ])
    assert.deepEqual(lookupsOf(sets, 'miss'), [
      { method: 'GET', path: '/robots.txt', expected: null },
      { method: 'GET', path: '/users/1296269/post', expected: null },
    ])
    const catchAll = lookupSetsFor([
      { method: 'GET', path: '/:page' },
      { method: 'GET', path: '/files/*' },
    ])
    assert.ok(!catchAll.some((set) => set.name === 'miss'))
  })
})
