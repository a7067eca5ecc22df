import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { Answer, Built } from '../adapters/adapter.js'
import { wrongAnswers } from '../check.js'
import type { LookupSet } from '../lookups.js'

/** A router that gives the same answer to every lookup. */
function always(answer: Answer | null): Built {
  return { find: () => answer, answer: (result) => result as Answer | null }
}

const set: LookupSet = {
  name: 'test',
  description: 'a few lookups',
  lookups: [
    { method: 'GET', path: '/user/repos', expected: { route: 'GET /user/repos', params: {} } },
    { method: 'GET', path: '/user/repos/', expected: null },
    {
      method: 'GET',
      path: '/repos/a/b',
      expected: { route: 'GET /repos/:owner/:repo', params: { owner: 'a', repo: 'b' } },
    },
  ],
}

describe('wrongAnswers', () => {
  const cases: [string, Built, string[]][] = [
    [
      'a router that always answers one route',
      always({ route: 'GET /user/repos', params: {} }),
      [
        'GET /user/repos/: expected no match, got GET /user/repos {}',
        'GET /repos/a/b: expected GET /repos/:owner/:repo {"owner":"a","repo":"b"}, got GET /user/repos {}',
      ],
    ],
    [
      'a router that never matches',
      always(null),
      [
        'GET /user/repos: expected GET /user/repos {}, got no match',
        'GET /repos/a/b: expected GET /repos/:owner/:repo {"owner":"a","repo":"b"}, got no match',
      ],
    ],
    [
      'a router that throws',
      {
        find: (_method, path) => {
          if (path === '/user/repos/') throw new TypeError('boom')
          return null
        },
        answer: () => null,
      },
      [
        'GET /user/repos: expected GET /user/repos {}, got no match',
        'GET /user/repos/: expected no match, threw TypeError: boom',
        'GET /repos/a/b: expected GET /repos/:owner/:repo {"owner":"a","repo":"b"}, got no match',
      ],
    ],
  ]
  for (const [name, built, expected] of cases) {
    test(name, () => assert.deepEqual(wrongAnswers(built, set), expected))
  }

  const right = (params: Record<string, string>): Built => ({
    find: (_method, path) => path,
    answer: (path) =>
      path === '/user/repos'
        ? { route: 'GET /user/repos', params: {} }
        : path === '/repos/a/b'
          ? { route: 'GET /repos/:owner/:repo', params }
          : null,
  })

  test('params compare by name, in any order', () => {
    assert.deepEqual(wrongAnswers(right({ repo: 'b', owner: 'a' }), set), [])
  })

  const wrongParams: [string, Record<string, string>][] = [
    ['a value differs', { owner: 'a', repo: 'c' }],
    ['a param is missing', { owner: 'a' }],
    ['a param is extra', { owner: 'a', repo: 'b', '*': '' }],
  ]
  for (const [name, params] of wrongParams) {
    test(`params are wrong when ${name}`, () => {
      assert.equal(wrongAnswers(right(params), set).length, 1)
    })
  }
})
