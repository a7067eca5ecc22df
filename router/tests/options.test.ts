import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type FindResult, Router, type RouterOptions } from '@routebench/router'
import { checkOnRuntime, checkWithoutCodegen, otherRuntimes } from './without-codegen.js'

interface Case {
  name: string
  options: RouterOptions
  routes: string[]
  finds: [path: string, expected: unknown][]
}

const cases: Case[] = [
  {
    name: 'ignoreTrailingSlash: a miss is retried with the slash removed or added',
    options: { ignoreTrailingSlash: true },
    routes: ['/a', '/b/', '/users/:id', '/files/*', '/both', '/both/'],
    finds: [
      ['/a', ['/a', {}]],
      ['/a/', ['/a', {}]],
      ['/a/?x=1', ['/a', {}]],
      ['/b', ['/b/', {}]],
      ['/b?x=/', ['/b/', {}]],
      ['/users/7/', ['/users/:id', { id: '7' }]],
      ['/files', ['/files/*', { '*': '' }]],
      ['/both', ['/both', {}]], // an exact match wins
      ['/both/', ['/both/', {}]],
      ['/a//', null],
      ['', null],
    ],
  },
  {
    name: 'trailing slash is strict by default',
    options: {},
    routes: ['/a', '/b/'],
    finds: [
      ['/a/', null],
      ['/b', null],
    ],
  },
  {
    name: 'caseSensitive: false folds static text and keeps the case of values',
    options: { caseSensitive: false },
    routes: ['/Users/:id', '/About', '/files/*', '/v:Version'],
    finds: [
      ['/users/AbC', ['/Users/:id', { id: 'AbC' }]],
      ['/USERS/AbC', ['/Users/:id', { id: 'AbC' }]],
      ['/about', ['/About', {}]],
      ['/ABOUT?X=Y', ['/About', {}]],
      ['/FILES/Read.ME', ['/files/*', { '*': 'Read.ME' }]],
      ['/V2B', ['/v:Version', { Version: '2B' }]],
      // 'İ' lower-cases to two code units; values must still line up with the request.
      ['/USERS/İx', ['/Users/:id', { id: 'İx' }]],
      ['/İ/USERS', null],
    ],
  },
  {
    name: 'case-sensitive by default',
    options: {},
    routes: ['/About'],
    finds: [
      ['/About', ['/About', {}]],
      ['/about', null],
    ],
  },
  {
    name: 'maxParamLength: a longer named param is PARAM_TOO_LONG, measured before decoding',
    options: { maxParamLength: 5 },
    routes: ['/u/:id', '/c/:id(\\d+)', '/files/*', '/d/:a-:b'],
    finds: [
      ['/u/12345', ['/u/:id', { id: '12345' }]],
      ['/u/123456', 'param-too-long'],
      ['/u/%41%42', 'param-too-long'], // 6 raw characters
      ['/c/123456', 'param-too-long'],
      [
        '/files/a-very-long/rest/of/the/path',
        ['/files/*', { '*': 'a-very-long/rest/of/the/path' }],
      ],
      ['/d/12345-123456', 'param-too-long'],
      ['/d/12345-12345', ['/d/:a-:b', { a: '12345', b: '12345' }]],
    ],
  },
]

function view(result: FindResult<string>): unknown {
  if (result === null) return null
  if (result.error !== undefined) return result.error
  return [result.value, { ...result.params }]
}

describe('options', () => {
  for (const c of cases) {
    test(c.name, () => {
      for (const compile of [true, false]) {
        const router = new Router<string>({ ...c.options, compile })
        for (const route of c.routes) router.add('GET', route, route)
        for (const [path, expected] of c.finds) {
          assert.deepEqual(view(router.find('GET', path)), expected, `${path}, compile: ${compile}`)
        }
      }
    })
  }

  test('caseSensitive: false makes patterns differing in case duplicates', () => {
    const router = new Router<number>({ caseSensitive: false }).add('GET', '/About', 1)
    assert.throws(() => router.add('GET', '/about', 2), { name: 'DuplicateRouteError' })
  })

  test('where code generation is forbidden, every case answers the same', () => {
    checkWithoutCodegen(cases, (_, pattern) => pattern)
  })

  for (const { label, runtime, skip } of otherRuntimes()) {
    test(`on ${label}, every case answers the same`, { skip }, () => {
      if (runtime !== null) checkOnRuntime(runtime, cases, (_, pattern) => pattern)
    })
  }

  test('the default maxParamLength is 500', () => {
    const router = new Router<number>().add('GET', '/u/:id', 1)
    assert.equal(router.find('GET', `/u/${'x'.repeat(500)}`)?.value, 1)
    assert.equal(router.find('GET', `/u/${'x'.repeat(501)}`)?.error, 'param-too-long')
  })
})
