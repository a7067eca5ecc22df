import assert from 'node:assert/strict'
import { test } from 'node:test'
import { fillPattern, loadTable, seededRandom } from '@routebench/fixtures'
import { Router } from '@routebench/router'
import FindMyWay from 'find-my-way'

/**
 * Differential test against find-my-way (fastify's router) on the GitHub API table: many request
 * paths per route, with random param values, percent-encoded characters and queries. Where the two
 * routers' documented rules agree (non-empty params, strict trailing slash, case-sensitive), their
 * answers must be identical: same route, same decoded params, same misses.
 */

const routes = loadTable('github')
const random = seededRandom(0x5eed)

/** Param values as they appear on the wire. */
const pieces = [
  'a',
  'octocat',
  'hello-world',
  '42',
  'v1.2.3',
  'a_b',
  '%20',
  'caf%C3%A9',
  '%E2%9C%93',
  'a%2Fb',
  '%25',
  'x%3Fy',
  'semi;colon',
  'comma,s',
  'tilde~',
  "quote'",
  'plus+sign',
  '(paren)',
  '%F0%9F%98%80',
]

function value(): string {
  let out = ''
  const n = 1 + Math.floor(random() * 3)
  for (let i = 0; i < n; i++) out += pieces[Math.floor(random() * pieces.length)]
  return out
}

function decoded(raw: string): string {
  return decodeURIComponent(raw)
}

test('agrees with find-my-way on the GitHub API table', () => {
  const ours = new Router<string>()
  const theirs = FindMyWay()
  for (const { method, path } of routes) {
    ours.add(method, path, `${method} ${path}`)
    theirs.on(method as 'GET', path, () => {}, { route: `${method} ${path}` })
  }

  let compared = 0
  let skipped = 0
  const mismatches: string[] = []
  const compare = (method: string, path: string) => {
    const a = ours.find(method, path)
    const b = theirs.find(method as 'GET', path)
    const left =
      a === null || a.error !== undefined ? null : { route: a.value, params: { ...a.params } }
    const right =
      b === null ? null : { route: (b.store as { route: string }).route, params: { ...b.params } }
    // find-my-way lets a param be empty ('/users/' matches '/users/:id'); ours never does.
    if (left === null && right !== null && Object.values(right.params).includes('')) {
      skipped++
      return
    }
    compared++
    try {
      assert.deepEqual(left, right)
    } catch {
      mismatches.push(
        `${method} ${path}: ours ${JSON.stringify(left)}, find-my-way ${JSON.stringify(right)}`,
      )
    }
  }

  for (const { method, path } of routes) {
    for (let i = 0; i < 40; i++) {
      const values: string[] = []
      const request = fillPattern(path, () => {
        const v = value()
        values.push(v)
        return v
      })
      compare(method, request)
      compare(method, `${request}?page=${i}&q=a/b`)
      // The path answers with the route and the decoded values we put in.
      const found = ours.find(method, request)
      assert.ok(found?.params, `${method} ${request}`)
      assert.deepEqual(Object.values(found.params), values.map(decoded), request)
      // Near misses: an extra segment, a missing last character, a trailing slash, other methods.
      compare(method, `${request}/extra`)
      compare(method, request.slice(0, -1))
      compare(method, `${request}/`)
      compare(method === 'GET' ? 'PUT' : 'GET', request)
    }
  }
  assert.deepEqual(
    mismatches.slice(0, 10),
    [],
    `${mismatches.length} of ${compared} lookups differ`,
  )
  assert.ok(compared > 40_000)
  assert.ok(skipped < compared / 20, `${skipped} lookups skipped`)
})
