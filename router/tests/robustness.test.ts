import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { MAX_PARAMS, PatternError, Router } from '@routebench/router'

/** A router with every kind of route, so that odd input walks every branch of the search. */
function everyKind(options = {}): Router<string> {
  const router = new Router<string>(options)
  for (const pattern of [
    '/',
    '/a',
    '/a/b',
    '/users/:id',
    '/users/:id/posts/:postId',
    '/v:version',
    '/f/:file.:ext',
    '/r/:from-:to',
    '/n/:id(\\d+)',
    '/o/:opt?',
    '/files/*',
    '/:any/deep/:x',
  ]) {
    router.add(['GET', 'POST'], pattern, pattern)
  }
  return router
}

const inputs: [string, string][] = [
  ['empty string', ''],
  ['no leading slash', 'users/1'],
  ['only a query', '?a=1'],
  ['only a fragment', '#x'],
  ['asterisk form', '*'],
  ['absolute form', 'http://example.com/users/1'],
  ['double slashes', '//users//1//'],
  ['100,000 characters', `/${'a'.repeat(100_000)}`],
  ['100,000 slashes', '/'.repeat(100_000)],
  ['a long param', `/users/${'x'.repeat(100_000)}`],
  ['a long suffix search', `/f/${'a'.repeat(50_000)}`],
  ['a long dash search', `/r/${'-'.repeat(50_000)}`],
  ['a long constrained value', `/n/${'1'.repeat(50_000)}x`],
  ['lone high surrogate', '/users/\ud800'],
  ['lone low surrogate', '/\udc00/deep/x'],
  ['NUL', '/users/\u0000'],
  ['control characters', '/a\r\n\t'],
  ['a lone percent', '/users/%'],
  ['percent at the end', '/files/x%'],
  ['encoded NUL', '/users/%00'],
  ['encoded surrogate', '/users/%ED%A0%80'],
  ['overlong UTF-8', '/users/%C0%AF'],
  ['non-ASCII', '/users/ünïcödé'],
  ['emoji', '/😀/deep/😀'],
  ['many params deep', '/x/deep/y?z#w'],
]

describe('find never throws', () => {
  for (const options of [
    {},
    { ignoreTrailingSlash: true, caseSensitive: false, maxParamLength: 10 },
  ]) {
    test(`on odd input, options ${JSON.stringify(options)}`, () => {
      const router = everyKind(options)
      for (const [name, path] of inputs) {
        for (const method of ['GET', 'POST', 'PUT', '', 'get', '\u0000']) {
          assert.doesNotThrow(() => router.find(method, path), `${name}, ${method}`)
        }
        assert.doesNotThrow(() => router.allowedMethods(path), name)
      }
    })
  }

  test('on values that are not strings', () => {
    const router = everyKind()
    for (const value of [undefined, null, 42, {}, [], Symbol('x')]) {
      assert.equal(router.find('GET', value as unknown as string), null)
      assert.equal(router.find(value as unknown as string, '/a'), null)
      assert.deepEqual(router.allowedMethods(value as unknown as string), [])
    }
  })

  test('a malformed or odd path still answers the routes it matches', () => {
    const router = everyKind()
    assert.equal(router.find('GET', '/users/%ED%A0%80')?.error, 'malformed-uri')
    assert.equal(router.find('GET', '/users/%C0%AF')?.error, 'malformed-uri')
    assert.deepEqual({ ...router.find('GET', '/users/%00')?.params }, { id: '\u0000' })
    assert.deepEqual({ ...router.find('GET', '/users/\ud800')?.params }, { id: '\ud800' })
    assert.equal(router.find('GET', '//users//1//'), null)
    assert.equal(router.find('GET', 'http://example.com/users/1'), null)
  })
})

describe('a route with too many params', () => {
  // With code generation on, a route of 190 params made every matching lookup overflow the stack
  // (RangeError: Maximum call stack size exceeded); interpreted, one of a few thousand did. Such a
  // route is refused when it is added, so that no lookup can meet it.
  for (const count of [MAX_PARAMS + 1, 190, 5000]) {
    for (const compile of [true, false]) {
      test(`${count} params: refused at registration, never a throw at lookup (${compile ? 'compiled' : 'interpreted'})`, () => {
        const router = new Router<number>({ compile })
        const pattern = Array.from({ length: count }, (_, i) => `/:p${i}`).join('')
        assert.throws(() => router.add('GET', pattern, 1), PatternError)
        const path = Array.from({ length: count }, (_, i) => `/${i}`).join('')
        assert.equal(router.find('GET', path), null)
      })
    }
  }
})
