import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type FindResult, MALFORMED_URI, PARAM_TOO_LONG, Router } from '@routebench/router'
import { checkOnRuntime, checkWithoutCodegen, otherRuntimes } from './without-codegen.js'

/** A route is `pattern` (GET) or `[method, pattern]`; its value is `method pattern`. */
type RouteSpec = string | [string, string]
type Expected =
  | null
  | 'malformed-uri'
  | 'param-too-long'
  | [route: string, params: Record<string, string>]

interface Case {
  name: string
  routes: RouteSpec[]
  /** `path` (GET) or `[method, path]`, and the expected answer. */
  finds: [string | [string, string], Expected][]
}

const cases: Case[] = [
  {
    name: 'static segments',
    routes: ['/', '/users', '/users/all', '/about/team'],
    finds: [
      ['/', ['GET /', {}]],
      ['/users', ['GET /users', {}]],
      ['/users/all', ['GET /users/all', {}]],
      ['/about/team', ['GET /about/team', {}]],
      ['/about', null],
      ['/users/', null], // trailing slash is strict by default
      ['/Users', null], // case-sensitive by default
      ['/users/all/x', null],
      ['', null],
    ],
  },
  {
    name: 'query and fragment are ignored',
    routes: ['/a', '/users/:id', '/files/*'],
    finds: [
      ['/a?x=1', ['GET /a', {}]],
      ['/a#frag', ['GET /a', {}]],
      ['/a?x=1#frag', ['GET /a', {}]],
      ['/a#frag?x=1', ['GET /a', {}]],
      ['/a?', ['GET /a', {}]],
      ['/users/7?tab=posts/x', ['GET /users/:id', { id: '7' }]],
      ['/users/7#top', ['GET /users/:id', { id: '7' }]],
      ['/users/?id=7', null],
      ['/files/a/b?c/d', ['GET /files/*', { '*': 'a/b' }]],
      ['/a/?x', null],
    ],
  },
  {
    // The tree is first searched up to the end of the path; only the values of a match tell
    // whether the path had a query or a fragment, and then the search is redone up to it. Values
    // up to 16 characters in all are read one by one, longer ones with indexOf.
    name: 'a query or a fragment found in the values of a first match',
    routes: ['/a/:x', '/a/:x/b/:y', '/a/:x/b/:y/*', '/long/:v'],
    finds: [
      ['/a/1?q=/b/2', ['GET /a/:x', { x: '1' }]],
      ['/a/1#f/b/2', ['GET /a/:x', { x: '1' }]],
      ['/a/1/b/2?q=/c', ['GET /a/:x/b/:y', { x: '1', y: '2' }]],
      [
        '/a/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx?q=/b/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        ['GET /a/:x', { x: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }],
      ],
      [
        '/a/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/b/2#/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        ['GET /a/:x/b/:y', { x: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', y: '2' }],
      ],
      [
        '/a/1/b/2/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx?/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        ['GET /a/:x/b/:y/*', { x: '1', y: '2', '*': 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }],
      ],
      ['/a/1/b/?q=2', null],
      [
        '/long/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx?xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        ['GET /long/:v', { v: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }],
      ],
      [
        '/long/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx%41?x',
        ['GET /long/:v', { v: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxA' }],
      ],
      [
        '/long/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx?x=%ZZ',
        ['GET /long/:v', { v: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }],
      ],
      ['/long/a?x=%ZZ', ['GET /long/:v', { v: 'a' }]],
      ['/long/%ZZ?x', 'malformed-uri'],
      ['/long/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx%ZZ#x', 'malformed-uri'],
      [
        '/a/1/b/%E2%82%ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        ['GET /a/:x/b/:y', { x: '1', y: '€xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' }],
      ],
      ['/a/%41/b/%ZZ', 'malformed-uri'],
    ],
  },
  {
    // Non-ASCII static text is matched percent-encoded, so a '%' after the first value may be
    // static text: only the values that hold one are decoded.
    name: "a '%' in static text after a value",
    routes: ['/:a/café/:b'],
    finds: [
      [
        '/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/caf%C3%A9/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
        [
          'GET /:a/café/:b',
          { a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', b: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx' },
        ],
      ],
      ['/1/caf%C3%A9/2', ['GET /:a/café/:b', { a: '1', b: '2' }]],
      [
        '/xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx/caf%C3%A9/%41',
        ['GET /:a/café/:b', { a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', b: 'A' }],
      ],
    ],
  },
  {
    // Static paths are looked up only when a static path has the request's length.
    name: 'static paths of any length next to params',
    routes: [
      '/s/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy',
      '/s/:p',
      '/t/ab',
      '/t/:p',
    ],
    finds: [
      [
        '/s/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy',
        [
          'GET /s/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy',
          {},
        ],
      ],
      [
        '/s/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyz',
        [
          'GET /s/:p',
          {
            p: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyz',
          },
        ],
      ],
      [
        '/s/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy?q',
        [
          'GET /s/yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy',
          {},
        ],
      ],
      ['/t/ab', ['GET /t/ab', {}]],
      ['/t/ac', ['GET /t/:p', { p: 'ac' }]],
      ['/t/ab?x', ['GET /t/ab', {}]],
      ['/t/abc', ['GET /t/:p', { p: 'abc' }]],
    ],
  },
  {
    name: 'each method has its own routes',
    routes: [
      ['GET', '/r/:id'],
      ['POST', '/r/:id'],
      ['PUT', '/r/:id/x'],
      ['DELETE', '/r'],
      ['PATCH', '/r/:id'],
      ['PROPFIND', '/r/:id'],
    ],
    finds: [
      [
        ['GET', '/r/1'],
        ['GET /r/:id', { id: '1' }],
      ],
      [
        ['POST', '/r/1'],
        ['POST /r/:id', { id: '1' }],
      ],
      [
        ['PUT', '/r/1/x'],
        ['PUT /r/:id/x', { id: '1' }],
      ],
      [['PUT', '/r/1'], null],
      [
        ['DELETE', '/r'],
        ['DELETE /r', {}],
      ],
      [
        ['PATCH', '/r/1'],
        ['PATCH /r/:id', { id: '1' }],
      ],
      [
        ['PROPFIND', '/r/1'],
        ['PROPFIND /r/:id', { id: '1' }],
      ],
      [['HEAD', '/r/1'], null],
      [['get', '/r/1'], null],
    ],
  },
  {
    name: 'a param is one whole, non-empty segment',
    routes: ['/users/:id', '/users/:id/posts/:postId'],
    finds: [
      ['/users/42', ['GET /users/:id', { id: '42' }]],
      ['/users/42/posts/7', ['GET /users/:id/posts/:postId', { id: '42', postId: '7' }]],
      ['/users/', null],
      ['/users//posts/7', null],
      ['/users/42/posts/', null],
      ['/users/a/b', null],
      ['/users/a.b-c;d,e', ['GET /users/:id', { id: 'a.b-c;d,e' }]],
    ],
  },
  {
    name: 'param values are percent-decoded, and %2F never splits a segment',
    routes: ['/users/:id', '/users/:id/posts/:postId'],
    finds: [
      ['/users/caf%C3%A9', ['GET /users/:id', { id: 'café' }]],
      ['/users/caf%c3%a9', ['GET /users/:id', { id: 'café' }]],
      ['/users/a%2Fb', ['GET /users/:id', { id: 'a/b' }]],
      ['/users/a%2Fb/posts/c%2F', ['GET /users/:id/posts/:postId', { id: 'a/b', postId: 'c/' }]],
      ['/users/a%20b', ['GET /users/:id', { id: 'a b' }]],
      ['/users/a+b', ['GET /users/:id', { id: 'a+b' }]], // '+' is only a space in query strings
      ['/users/%25', ['GET /users/:id', { id: '%' }]],
      ['/users/%3F%23', ['GET /users/:id', { id: '?#' }]],
      ['/users/%E0%A4%A', 'malformed-uri'],
      ['/users/%', 'malformed-uri'],
      ['/users/%zz', 'malformed-uri'],
      ['/users/%C3', 'malformed-uri'],
      ['/users/ok/posts/%E0%A4%A', 'malformed-uri'],
      ['/users/%E0%A4%A/x', null], // no route has that shape: a miss, not a bad request
    ],
  },
  {
    name: 'a param after a static prefix in its segment',
    routes: ['/v:version', '/api/v:version/users'],
    finds: [
      ['/v1', ['GET /v:version', { version: '1' }]],
      ['/v2.1', ['GET /v:version', { version: '2.1' }]],
      ['/vv', ['GET /v:version', { version: 'v' }]],
      ['/v', null],
      ['/x1', null],
      ['/api/v3/users', ['GET /api/v:version/users', { version: '3' }]],
      ['/api/v/users', null],
    ],
  },
  {
    name: 'several params in one segment, split by - or .',
    routes: ['/flights/:from-:to', '/files/:file.:ext', '/dates/:y-:m-:d', '/pkg/:name@:version'],
    finds: [
      ['/flights/LAX-JFK', ['GET /flights/:from-:to', { from: 'LAX', to: 'JFK' }]],
      // A param ends at the first occurrence of the text after it; the last takes the rest.
      ['/flights/a-b-c', ['GET /flights/:from-:to', { from: 'a', to: 'b-c' }]],
      ['/flights/-b', null],
      ['/flights/a-', null],
      ['/flights/ab', null],
      ['/files/report.pdf', ['GET /files/:file.:ext', { file: 'report', ext: 'pdf' }]],
      ['/files/archive.tar.gz', ['GET /files/:file.:ext', { file: 'archive', ext: 'tar.gz' }]],
      ['/files/.htaccess', null],
      ['/dates/2024-01-31', ['GET /dates/:y-:m-:d', { y: '2024', m: '01', d: '31' }]],
      ['/dates/2024-01', null],
      ['/pkg/hono@4.1.0', ['GET /pkg/:name@:version', { name: 'hono', version: '4.1.0' }]],
      ['/files/a%2Eb.c', ['GET /files/:file.:ext', { file: 'a.b', ext: 'c' }]],
    ],
  },
  {
    name: 'a literal suffix after a param',
    routes: ['/users/:id.json', '/users/:id', '/items/:id.json/meta'],
    finds: [
      ['/users/7.json', ['GET /users/:id.json', { id: '7' }]],
      ['/users/7.xml', ['GET /users/:id', { id: '7.xml' }]],
      ['/users/.json', ['GET /users/:id', { id: '.json' }]],
      ['/items/7.json/meta', ['GET /items/:id.json/meta', { id: '7' }]],
      ['/items/7.json', null],
    ],
  },
  {
    name: 'an optional last param',
    routes: ['/users/:id?', '/:lang?'],
    finds: [
      ['/users', ['GET /users/:id?', {}]],
      ['/users/7', ['GET /users/:id?', { id: '7' }]],
      ['/users/', null],
      ['/users/7/x', null],
      ['/', ['GET /:lang?', {}]],
      ['/en', ['GET /:lang?', { lang: 'en' }]],
    ],
  },
  {
    name: 'constrained params',
    routes: ['/users/:id(\\d+)', '/orders/:date(\\d{4}-\\d{2}-\\d{2})', '/api/:ver(v1|v2)/ping'],
    finds: [
      ['/users/123', ['GET /users/:id(\\d+)', { id: '123' }]],
      ['/users/12a', null],
      ['/users/%31%32', ['GET /users/:id(\\d+)', { id: '12' }]], // tested after decoding
      ['/users/%E0%A4%A', 'malformed-uri'],
      ['/orders/2024-02-29', ['GET /orders/:date(\\d{4}-\\d{2}-\\d{2})', { date: '2024-02-29' }]],
      ['/orders/2024-2-29', null],
      ['/api/v2/ping', ['GET /api/:ver(v1|v2)/ping', { ver: 'v2' }]],
      ['/api/v3/ping', null],
      ['/api/v1x/ping', null], // anchored: the whole value must match
    ],
  },
  {
    name: 'wildcard takes the rest of the path, possibly empty',
    routes: ['/files/*', '/*'],
    finds: [
      ['/files/', ['GET /files/*', { '*': '' }]],
      ['/files/a', ['GET /files/*', { '*': 'a' }]],
      ['/files/a/b/c.txt', ['GET /files/*', { '*': 'a/b/c.txt' }]],
      ['/files/a%20b/c%2Fd', ['GET /files/*', { '*': 'a b/c/d' }]],
      ['/files', ['GET /*', { '*': 'files' }]],
      ['/', ['GET /*', { '*': '' }]],
      ['/x/y', ['GET /*', { '*': 'x/y' }]],
      ['/files/%E0%A4%A', 'malformed-uri'],
    ],
  },
  {
    name: 'priority at a segment: static, constrained, plain param, wildcard',
    routes: ['/u/me', '/u/:id(\\d+)', '/u/:name', '/u/*'],
    finds: [
      ['/u/me', ['GET /u/me', {}]],
      ['/u/42', ['GET /u/:id(\\d+)', { id: '42' }]],
      ['/u/mee', ['GET /u/:name', { name: 'mee' }]],
      ['/u/m', ['GET /u/:name', { name: 'm' }]],
      ['/u/me/x', ['GET /u/*', { '*': 'me/x' }]],
      ['/u/', ['GET /u/*', { '*': '' }]],
    ],
  },
  {
    name: 'constrained params at one position are tried in order of their source text',
    routes: ['/x/:hex([0-9a-f]+)', '/x/:num(\\d+)'],
    finds: [
      ['/x/ff', ['GET /x/:hex([0-9a-f]+)', { hex: 'ff' }]],
      // Both match '12'; '[0-9a-f]+' sorts before '\d+' whatever the registration order.
      ['/x/12', ['GET /x/:hex([0-9a-f]+)', { hex: '12' }]],
    ],
  },
  {
    name: 'full backtracking',
    routes: ['/a/b', '/a/:p/c', '/:p/d'],
    finds: [
      ['/a/d', ['GET /:p/d', { p: 'a' }]],
      ['/a/b', ['GET /a/b', {}]],
      ['/a/x/c', ['GET /a/:p/c', { p: 'x' }]],
      ['/a/b/c', ['GET /a/:p/c', { p: 'b' }]],
      ['/z/d', ['GET /:p/d', { p: 'z' }]],
      ['/a/x/d', null],
    ],
  },
  {
    name: 'backtracking out of deep static, constrained and param branches',
    routes: [
      '/a/b/c/d',
      '/a/:x/c/e',
      '/:y(\\d+)/k',
      '/:z/k/m',
      '/s/:p/t',
      '/s/*',
      '/q/:p.json',
      '/q/:p',
    ],
    finds: [
      ['/a/b/c/e', ['GET /a/:x/c/e', { x: 'b' }]],
      ['/1/k', ['GET /:y(\\d+)/k', { y: '1' }]],
      ['/1/k/m', ['GET /:z/k/m', { z: '1' }]],
      ['/s/x/u', ['GET /s/*', { '*': 'x/u' }]],
      ['/s/x/t', ['GET /s/:p/t', { p: 'x' }]],
      ['/q/a.json', ['GET /q/:p.json', { p: 'a' }]],
      ['/q/a.jsonx', ['GET /q/:p', { p: 'a.jsonx' }]],
    ],
  },
  {
    name: 'static text shared by a static and a param route',
    routes: ['/user', '/users/:id', '/user:name', '/us'],
    finds: [
      ['/user', ['GET /user', {}]],
      ['/us', ['GET /us', {}]],
      ['/users/1', ['GET /users/:id', { id: '1' }]],
      ['/users', ['GET /user:name', { name: 's' }]],
      ['/userx', ['GET /user:name', { name: 'x' }]],
      ['/use', null],
    ],
  },
  {
    name: 'each route keeps its own param names at a shared position',
    routes: ['/users/:id', '/users/:name/posts', '/users/:uid/posts/:pid'],
    finds: [
      ['/users/1', ['GET /users/:id', { id: '1' }]],
      ['/users/ann/posts', ['GET /users/:name/posts', { name: 'ann' }]],
      ['/users/1/posts/2', ['GET /users/:uid/posts/:pid', { uid: '1', pid: '2' }]],
    ],
  },
  {
    name: 'the method takes part in matching',
    routes: ['/a/b', ['POST', '/a/:p'], ['DELETE', '/a/*']],
    finds: [
      ['/a/b', ['GET /a/b', {}]],
      [
        ['POST', '/a/b'],
        ['POST /a/:p', { p: 'b' }],
      ],
      [
        ['DELETE', '/a/b'],
        ['DELETE /a/*', { '*': 'b' }],
      ],
      [['PUT', '/a/b'], null],
      [['HEAD', '/a/b'], null], // no implicit HEAD
      [['get', '/a/b'], null], // methods are case-sensitive
    ],
  },
  {
    name: 'unusual param names are own properties',
    routes: [
      '/p/:__proto__',
      '/c/:constructor',
      '/t/:toString/:hasOwnProperty',
      '/v/:valueOf(\\d+)',
    ],
    finds: [
      ['/p/x', ['GET /p/:__proto__', { ['__proto__']: 'x' }]],
      ['/c/x', ['GET /c/:constructor', { constructor: 'x' }]],
      ['/t/a/b', ['GET /t/:toString/:hasOwnProperty', { toString: 'a', hasOwnProperty: 'b' }]],
      ['/v/1', ['GET /v/:valueOf(\\d+)', { valueOf: '1' }]],
    ],
  },
  {
    name: 'static text that needs escaping in generated code',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: '${' is the point of this route
    routes: ['/a"b/:id', '/c\\d/:id', "/e'f/:id", '/g`h${x}/:id'],
    finds: [
      ['/a"b/1', ['GET /a"b/:id', { id: '1' }]],
      ['/c\\d/1', ['GET /c\\d/:id', { id: '1' }]],
      ["/e'f/1", ["GET /e'f/:id", { id: '1' }]],
      // biome-ignore lint/suspicious/noTemplateCurlyInString: '${' is the point of this route
      ['/g`h${x}/1', ['GET /g`h${x}/:id', { id: '1' }]],
    ],
  },
  {
    name: 'literal colons and non-ASCII static text',
    routes: ['/v1/tasks::run', '/café', '/emoji/😀/:id'],
    finds: [
      ['/v1/tasks:run', ['GET /v1/tasks::run', {}]],
      ['/v1/tasks', null],
      ['/caf%C3%A9', ['GET /café', {}]],
      ['/emoji/%F0%9F%98%80/1', ['GET /emoji/😀/:id', { id: '1' }]],
    ],
  },
]

function register(router: Router<string>, routes: RouteSpec[]): void {
  for (const spec of routes) {
    const [method, pattern] = typeof spec === 'string' ? ['GET', spec] : spec
    router.add(method, pattern, `${method} ${pattern}`)
  }
}

/** Plain-object view of a result, for deepEqual with good diffs. */
function view(result: FindResult<string>): unknown {
  if (result === null) return null
  if (result.error !== undefined) return result.error
  return [result.value, { ...result.params }]
}

/** Registration order never changes a result: every case runs with its routes in four orders. */
function orders<T>(items: T[]): T[][] {
  const rotated = items.length > 1 ? [...items.slice(1), items[0] as T] : items
  const interleaved = [
    ...items.filter((_, i) => i % 2 === 1),
    ...items.filter((_, i) => i % 2 === 0),
  ]
  return [items, [...items].reverse(), rotated, interleaved]
}

/** Every case runs on the generated matcher and on the interpreter: both must agree. */
const MODES = [
  { name: 'compiled', compile: true },
  { name: 'interpreted', compile: false },
]

describe('matching', () => {
  for (const c of cases) {
    test(c.name, () => {
      for (const mode of MODES)
        for (const routes of orders(c.routes)) {
          const router = new Router<string>({ compile: mode.compile })
          register(router, routes)
          for (const [request, expected] of c.finds) {
            const [method, path] = typeof request === 'string' ? ['GET', request] : request
            assert.deepEqual(
              view(router.find(method, path)),
              expected,
              `${mode.name}: ${method} ${path} with routes in order ${routes.join(' ')}`,
            )
          }
        }
    })
  }

  test('where code generation is forbidden, every case answers the same', () => {
    checkWithoutCodegen(cases, (method, pattern) => `${method} ${pattern}`)
  })

  for (const { label, runtime, skip } of otherRuntimes()) {
    test(`on ${label}, every case answers the same`, { skip }, () => {
      if (runtime !== null)
        checkOnRuntime(runtime, cases, (method, pattern) => `${method} ${pattern}`)
    })
  }

  test('errors are the exported frozen constants', () => {
    const router = new Router<string>({ maxParamLength: 3 })
    register(router, ['/u/:id'])
    assert.equal(router.find('GET', '/u/%E0'), MALFORMED_URI)
    assert.equal(router.find('GET', '/u/abcd'), PARAM_TOO_LONG)
    assert.deepEqual({ ...MALFORMED_URI }, { error: 'malformed-uri', status: 400 })
    assert.deepEqual({ ...PARAM_TOO_LONG }, { error: 'param-too-long', status: 414 })
    assert.ok(Object.isFrozen(MALFORMED_URI) && Object.isFrozen(PARAM_TOO_LONG))
  })

  test('params objects have no prototype and pollute nothing', () => {
    const router = new Router<string>()
    register(router, ['/p/:__proto__', '/s'])
    const hit = router.find('GET', '/p/polluted')
    assert.ok(hit?.params)
    assert.equal(Object.getPrototypeOf(Object.getPrototypeOf(hit.params)), null)
    assert.ok(Object.hasOwn(hit.params, '__proto__'))
    assert.equal(Object.getOwnPropertyDescriptor(hit.params, '__proto__')?.value, 'polluted')
    assert.equal(({} as Record<string, unknown>).polluted, undefined)
    assert.equal(Object.getPrototypeOf({}), Object.prototype)
    assert.equal(JSON.stringify(hit.params), '{"__proto__":"polluted"}')
    const miss = router.find('GET', '/s')
    assert.ok(miss?.params && Object.isFrozen(miss.params))
    assert.equal(Object.keys(miss.params).length, 0)
  })

  test('a static hit returns the same object every time (no allocation)', () => {
    const router = new Router<string>()
    register(router, ['/static/path', '/u/:id'])
    assert.equal(router.find('GET', '/static/path'), router.find('GET', '/static/path'))
    assert.notEqual(router.find('GET', '/u/1'), router.find('GET', '/u/1'))
  })

  test('a table too large to compile is interpreted, with the same answers', () => {
    const routes: string[] = []
    for (let i = 0; i < 1500; i++) routes.push(`/r${i}/:id`, `/r${i}/:id/x${i % 7}/:sub`)
    const compiled = new Router<string>()
    const interpreted = new Router<string>({ compile: false })
    register(compiled, routes)
    register(interpreted, routes)
    for (const path of [
      '/r0/a',
      '/r1499/b/x1/c',
      '/r12/a/x5/b',
      '/r12/a/x6/b',
      '/r9999/a',
      '/r7/',
    ]) {
      assert.deepEqual(view(compiled.find('GET', path)), view(interpreted.find('GET', path)), path)
    }
    assert.deepEqual(view(compiled.find('GET', '/r1499/b/x1/c')), [
      'GET /r1499/:id/x1/:sub',
      { id: 'b', sub: 'c' },
    ])
  })

  test('params keep pattern order', () => {
    const router = new Router<string>()
    register(router, ['/repos/:owner/:repo/issues/:number', '/files/:dir/*'])
    assert.deepEqual(Object.keys(router.find('GET', '/repos/a/b/issues/3')?.params ?? {}), [
      'owner',
      'repo',
      'number',
    ])
    assert.deepEqual(Object.keys(router.find('GET', '/files/d/x/y')?.params ?? {}), ['dir', '*'])
  })
})
