import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { Router } from '@routebench/router'

describe('allowedMethods', () => {
  const router = new Router<number>()
    .add(['GET', 'POST'], '/users', 1)
    .add('DELETE', '/users/:id', 2)
    .add('PATCH', '/users/:id(\\d+)', 3)
    .add('GET', '/files/*', 4)
    .add('PUT', '/users/me', 5)

  const cases: [string, string[]][] = [
    ['/users', ['GET', 'POST']],
    ['/users/7', ['DELETE', 'PATCH']],
    ['/users/ann', ['DELETE']],
    ['/users/me', ['DELETE', 'PUT']],
    ['/users/7?x=1', ['DELETE', 'PATCH']],
    ['/files/', ['GET']],
    ['/users/%E0', ['DELETE', 'PATCH']], // methods for which find() is not null
    ['/nothing', []],
    ['/users/', []],
  ]
  for (const [path, methods] of cases) {
    test(path, () => assert.deepEqual(router.allowedMethods(path), methods))
  }

  test('follows ignoreTrailingSlash', () => {
    const lenient = new Router<number>({ ignoreTrailingSlash: true }).add(['PUT', 'GET'], '/a', 1)
    assert.deepEqual(lenient.allowedMethods('/a/'), ['GET', 'PUT'])
  })
})

describe('routes and prettyPrint', () => {
  const router = new Router<string>()
    .add('GET', '/', 'root')
    .add(['GET', 'POST'], '/users', 'users')
    .add('GET', '/users/:id', 'user')
    .add('DELETE', '/users/:id', 'delete user')
    .add('GET', '/users/:id(\\d+)/posts', 'posts')
    .add('GET', '/users/me', 'me')
    .add('GET', '/files/*', 'files')
    .add('GET', '/r/:from-:to', 'range')
    .add('GET', '/o/:lang?', 'optional')
    .add('GET', '/v1/tasks::run', 'colon')

  test('routes() lists every route in registration order, one per method', () => {
    assert.deepEqual(
      router.routes().map((r) => `${r.method} ${r.path} ${r.value}`),
      [
        'GET / root',
        'GET /users users',
        'POST /users users',
        'GET /users/:id user',
        'DELETE /users/:id delete user',
        'GET /users/:id(\\d+)/posts posts',
        'GET /users/me me',
        'GET /files/* files',
        'GET /r/:from-:to range',
        'GET /o/:lang? optional',
        'GET /v1/tasks::run colon',
      ],
    )
  })

  test('prettyPrint() draws segments in priority order with their methods', () => {
    assert.equal(
      router.prettyPrint(),
      [
        '├── / (GET)',
        '├── /files',
        '│   └── /* (GET)',
        '├── /o',
        '│   └── /:lang? (GET)',
        '├── /r',
        '│   └── /:from-:to (GET)',
        '├── /users (GET, POST)',
        '│   ├── /me (GET)',
        '│   ├── /:id(\\d+)',
        '│   │   └── /posts (GET)',
        '│   └── /:id (DELETE, GET)',
        '└── /v1',
        '    └── /tasks::run (GET)',
      ].join('\n'),
    )
  })

  test('an empty router prints nothing', () => {
    assert.equal(new Router().prettyPrint(), '')
    assert.deepEqual(new Router().routes(), [])
  })
})
