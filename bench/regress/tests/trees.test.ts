import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { affectedServers } from '../trees.js'

describe('affectedServers: which servers a change can make slower', () => {
  const all = ['node-http', 'express', 'koa', 'fastify', 'hono', 'uws', 'trie', 'trie-uws']
  const cases: [string, string[], string[]][] = [
    ['a server file names that server', ['servers/fastify.ts'], ['fastify']],
    ['the router names the servers built on it', ['router/src/compile.ts'], ['trie', 'trie-uws']],
    ['shared server code names them all', ['servers/shared/read-body.ts'], all],
    ['the contract names them all', ['servers/spec.ts'], all],
    ['the lockfile names them all', ['package-lock.json'], all],
    [
      'tests and the conformance suite name none',
      ['servers/tests/serve.test.ts', 'servers/conformance/check.ts'],
      [],
    ],
    ['the router tests and docs name none', ['router/tests/api.test.ts', 'router/README.md'], []],
    ['the harness names none', ['bench/http/run.ts', 'README.md'], []],
    [
      'several files, in registry order',
      ['servers/koa.ts', 'servers/express.ts'],
      ['express', 'koa'],
    ],
  ]
  for (const [name, files, expected] of cases) {
    test(name, () => {
      assert.deepEqual(affectedServers(files, all), expected)
    })
  }
})
