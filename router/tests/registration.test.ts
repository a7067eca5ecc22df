import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import {
  DuplicateRouteError,
  MethodError,
  PatternError,
  Router,
  RouterError,
  UnsafePatternError,
} from '@routebench/router'

type ErrorClass = new (...args: never[]) => RouterError

/** [pattern, error class, exact message or a fragment of it] */
const invalidPatterns: [string, ErrorClass, string | RegExp][] = [
  [
    'users',
    PatternError,
    `Invalid route pattern "users" at index 0: a pattern must start with '/'`,
  ],
  ['', PatternError, /must start with '\/'/],
  [
    '/users/:',
    PatternError,
    `Invalid route pattern "/users/:" at index 7: ':' must be followed by a param name (a letter or '_', then letters, digits or '_'); write '::' for a literal colon`,
  ],
  ['/users/:1st', PatternError, /index 7: ':' must be followed by a param name/],
  ['/users/:-x', PatternError, /index 7: ':' must be followed by a param name/],
  [
    '/:a:b',
    PatternError,
    `Invalid route pattern "/:a:b" at index 3: param ':b' directly follows another param; separate them with static text such as '-' or '.'`,
  ],
  ['/:a(\\d+):b', PatternError, /param ':b' directly follows another param/],
  ['/:id/x/:id', PatternError, /at index 7: the param name 'id' is used twice/],
  ['/files/*/x', PatternError, /index 7: '\*' is only allowed as the whole last segment/],
  ['/files*', PatternError, /index 6: '\*' is only allowed as the whole last segment/],
  ['/*x', PatternError, /'\*' is only allowed as the whole last segment/],
  ['/a?b', PatternError, /index 2: '\?' starts a query string/],
  ['/a#b', PatternError, /index 2: '#' starts a fragment/],
  ['/a b', PatternError, /index 2: contains a space or control character/],
  ['/a\u0000', PatternError, /control character/],
  ['/a\u007f', PatternError, /control character/],
  ['/:id?/x', PatternError, /index 4: only the last param may be optional/],
  ['/v:id?', PatternError, /index 2: an optional param must be a whole segment/],
  ['/:a-:b?', PatternError, /an optional param must be a whole segment/],
  ['/bad\ud800', PatternError, /index 4: contains a lone UTF-16 surrogate/],
  ['/:id(\\d+', PatternError, /index 4: the constraint of ':id' has no closing '\)'/],
  ['/:id([a-z)', PatternError, /has no closing '\)'/],
]

/** [constraint, fragment of the reason it is refused] */
const unsafeConstraints: [string, RegExp][] = [
  ['(a+)+', /uses a capturing group/],
  ['(?:a+)+', /quantifies a group/],
  ['(?:a|b)*', /quantifies a group/],
  ['a+b+', /more than one variable-length quantifier/],
  ['\\d*\\d*', /more than one variable-length quantifier/],
  ['v?\\d+', /more than one variable-length quantifier/],
  ['(?:a+|b)c*', /more than one variable-length quantifier/],
  ['^\\d+', /uses the anchor '\^'/],
  ['\\d+$', /uses the anchor '\$'/],
  ['(?=a)a', /lookaround or named group/],
  ['(?<n>a)', /lookaround or named group/],
  ['(a)\\1', /capturing group/],
  ['\\1', /uses the escape \\1/],
  ['\\p{L}+', /uses the escape \\p/],
  ['\\bword', /uses the escape \\b/],
  ['a{2,1}', /m < n/],
  ['+a', /nothing to repeat/],
  ['a**', /repeated quantifier/],
  ['', /is empty/],
  ['a'.repeat(201), /longer than 200 characters/],
  ['(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)(?:a|b)', /more than 64 alternative branches/],
]

const safeConstraints = [
  '\\d+',
  '\\d{4}-\\d{2}-\\d{2}',
  '[0-9a-f]{24}',
  'v\\d+|\\d+',
  'en|fr|de',
  '(?:json|xml)',
  '(?:v1|v2)\\.\\d+',
  '[^.]+',
  '\\w{1,32}',
  '\\x41\\u0042*',
  '[\\]()]+',
  'a{2,}',
  'a+?',
]

describe('registration errors', () => {
  for (const [pattern, ErrorType, message] of invalidPatterns) {
    test(`refuses ${JSON.stringify(pattern)}`, () => {
      const router = new Router<number>()
      assert.throws(
        () => router.add('GET', pattern, 1),
        (error: unknown) => {
          assert.ok(error instanceof ErrorType, `expected ${ErrorType.name}, got ${String(error)}`)
          assert.ok(error instanceof RouterError)
          if (typeof message === 'string') assert.equal(error.message, message)
          else assert.match(error.message, message)
          return true
        },
      )
      assert.equal(router.routes().length, 0)
    })
  }

  for (const [constraint, reason] of unsafeConstraints) {
    test(`refuses the constraint ${JSON.stringify(constraint)}`, () => {
      const pattern = `/x/:id(${constraint})`
      assert.throws(
        () => new Router().add('GET', pattern, 1),
        (error: unknown) => {
          assert.ok(error instanceof UnsafePatternError, String(error))
          assert.ok(error instanceof PatternError)
          assert.equal(error.code, 'ERR_UNSAFE_PATTERN')
          assert.equal(error.constraint, constraint)
          assert.equal(error.index, 6)
          assert.match(error.message, reason)
          return true
        },
      )
    })
  }

  test('accepts safe constraints', () => {
    for (const constraint of safeConstraints) {
      assert.doesNotThrow(() => new Router().add('GET', `/x/:id(${constraint})`, 1), constraint)
    }
  })

  test('pins the message of an unsafe constraint', () => {
    assert.throws(() => new Router().add('GET', '/x/:id(a+b+)', 1), {
      message:
        'Invalid route pattern "/x/:id(a+b+)" at index 6: constraint (a+b+) has more than one variable-length quantifier (?, *, +, {n,m}) in one alternative; split it into two routes or two alternatives',
    })
  })

  test('refuses the same method and pattern twice', () => {
    const router = new Router<number>().add('GET', '/users/:id', 1)
    assert.throws(() => router.add('GET', '/users/:id', 2), {
      name: 'DuplicateRouteError',
      code: 'ERR_DUPLICATE_ROUTE',
      message:
        'Route GET /users/:id is already registered; remove one of them or change its pattern',
    })
    assert.doesNotThrow(() => router.add('POST', '/users/:id', 3))
  })

  test('refuses a pattern of the same shape with other param names', () => {
    const router = new Router<number>().add('GET', '/users/:id', 1)
    assert.throws(() => router.add('GET', '/users/:uid', 2), {
      message:
        'Route GET /users/:uid matches the same paths as GET /users/:id, registered earlier; remove one of them or change its pattern',
    })
    // Different constraints are different shapes.
    router.add('GET', '/users/:id(\\d+)', 3).add('GET', '/users/:slug([a-z]+)', 4)
  })

  const duplicates: [string, string, string][] = [
    ['static', '/about', '/about'],
    ['wildcard', '/files/*', '/files/*'],
    ['optional, short form', '/users', '/users/:id?'],
    ['optional, long form', '/users/:name', '/users/:id?'],
    ['suffix', '/f/:a.:b', '/f/:x.:y'],
  ]
  for (const [name, first, second] of duplicates) {
    test(`refuses a duplicate: ${name}`, () => {
      const router = new Router<number>().add('GET', first, 1)
      assert.throws(() => router.add('GET', second, 2), DuplicateRouteError)
      assert.equal(router.routes().length, 1)
    })
  }

  test('a failing call registers nothing', () => {
    const router = new Router<number>().add('POST', '/x', 1)
    assert.throws(() => router.add(['GET', 'POST'], '/x', 2), DuplicateRouteError)
    assert.equal(router.find('GET', '/x'), null)
    assert.equal(router.routes().length, 1)
  })

  const badMethods: [unknown, RegExp][] = [
    ['get', /HTTP methods are case-sensitive and node:http reports them in upper case; use "GET"/],
    ['', /a method must be a non-empty string/],
    ['GE T', /an HTTP token in upper case/],
    [[], /give at least one method/],
    [123, /^Invalid method "123": give a method as a string such as "GET", or an array of them$/],
    [null, /give a method as a string such as "GET", or an array of them/],
    [{ GET: true }, /give a method as a string such as "GET", or an array of them/],
    [['GET', 7], /^Invalid method "7": a method must be a non-empty string such as "GET"$/],
    [['GET', 'GET'], /a method is listed twice/],
  ]
  for (const [method, message] of badMethods) {
    test(`refuses the method ${JSON.stringify(method)}`, () => {
      assert.throws(
        () => new Router().add(method as string, '/x', 1),
        (error: unknown) => {
          assert.ok(error instanceof MethodError)
          assert.match(error.message, message)
          return true
        },
      )
    })
  }

  test('accepts any upper-case HTTP token as a method', () => {
    const router = new Router<number>().add(['PROPFIND', 'M-SEARCH', 'PURGE'], '/x', 1)
    assert.equal(router.find('M-SEARCH', '/x')?.value, 1)
  })

  test('refuses a bad maxParamLength', () => {
    assert.throws(() => new Router({ maxParamLength: 0 }), RangeError)
    assert.throws(() => new Router({ maxParamLength: Number.NaN }), RangeError)
  })
})

describe('registration after lookups', () => {
  // The generated search and params builder are made on the first lookup after a change: a route
  // added later, with a new params shape or under another method, must be found like the others.
  const steps: [method: string, pattern: string, path: string, params: Record<string, string>][] = [
    ['GET', '/a/:x', '/a/1', { x: '1' }],
    ['POST', '/b/:y/:z', '/b/2/3', { y: '2', z: '3' }],
    ['GET', '/c/*', '/c/d/e', { '*': 'd/e' }],
    ['PUT', '/a/:x', '/a/4', { x: '4' }],
    ['GET', '/f/:x/g/:w?', '/f/5/g/6', { x: '5', w: '6' }],
  ]
  for (const compile of [true, false]) {
    test(`every route answers after each addition (${compile ? 'compiled' : 'interpreted'})`, () => {
      const router = new Router<string>({ compile })
      for (let i = 0; i < steps.length; i++) {
        const [method, pattern] = steps[i] as (typeof steps)[number]
        router.add(method, pattern, `${method} ${pattern}`)
        for (const [m, p, path, params] of steps.slice(0, i + 1)) {
          const found = router.find(m, path)
          assert.equal(found?.value, `${m} ${p}`, `${m} ${path} after adding ${pattern}`)
          assert.deepEqual({ ...found?.params }, params, `${m} ${path} after adding ${pattern}`)
        }
      }
    })
  }
})
