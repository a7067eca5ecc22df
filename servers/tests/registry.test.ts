import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { createServer, type Server } from 'node:net'
import { after, before, describe, test } from 'node:test'
import {
  loadServer,
  MissingDependencyError,
  OtherRuntimeError,
  runsOn,
  runtimesOf,
  SERVER_NAMES,
  ServerUnavailableError,
  UnknownServerError,
} from '../index.js'
import { ListenError } from '../shared/listen-error.js'
import { availableServers } from './available.js'
import { finish } from './serve-process.js'
import { unavailable, WITHOUT_UWS } from './without-uws.js'

const servers = await availableServers()

test('lists the servers, in the order of the README table, each with the runtimes it runs on', () => {
  const all = ['node', 'bun', 'deno']
  assert.deepEqual(
    SERVER_NAMES.map((name) => [name, runtimesOf(name)]),
    [
      ['node-http', all],
      ['express', all],
      ['koa', all],
      ['fastify', all],
      ['hono', all],
      ['uws', ['node']],
      ['trie', all],
      ['trie-uws', ['node']],
      ['hono-bun', ['bun']],
      ['hono-deno', ['deno']],
      ['trie-bun', ['bun']],
      ['trie-deno', ['deno']],
    ],
  )
})

test('a server of another runtime is an OtherRuntimeError that says where it runs', async () => {
  for (const [name, where] of [
    ['hono-bun', 'Bun'],
    ['trie-deno', 'Deno'],
  ]) {
    await assert.rejects(loadServer(name as string), (error: unknown) => {
      assert.ok(error instanceof OtherRuntimeError)
      assert.equal(error.reason, `server "${name}" runs on ${where} only, and this is Node.js`)
      return true
    })
  }
})

test('an unknown name is an UnknownServerError that names the known ones', async () => {
  await assert.rejects(loadServer('nope'), (error: unknown) => {
    assert.ok(error instanceof UnknownServerError)
    assert.equal(
      error.message,
      `unknown server "nope"; the servers are: ${SERVER_NAMES.join(', ')}`,
    )
    return true
  })
  await assert.rejects(loadServer('toString'), UnknownServerError)
})

test('a missing dependency makes a ServerUnavailableError with a one-line reason', () => {
  const missing = new MissingDependencyError('uws-pack', new Error('no binary here\ndetails'))
  const error = new ServerUnavailableError('uws', missing)
  assert.equal(
    error.reason,
    'server "uws" is unavailable here: uws-pack cannot load: no binary here',
  )
})

test('loading the servers starts none of them', () => {
  assert.deepEqual(
    process.getActiveResourcesInfo().filter((r) => r === 'TCPServerWrap'),
    [],
  )
})

test('where uws-pack cannot load, the uWS servers are skipped with the reason, and only they', async () => {
  const available = new URL('./available.js', import.meta.url).href
  const script = `const { availableServers } = await import(${JSON.stringify(available)})
    console.log(JSON.stringify((await availableServers()).map((s) => [s.name, s.skip])))`
  const child = spawn(process.execPath, [...WITHOUT_UWS, '--input-type=module', '-e', script])
  const result = await finish(child)
  assert.equal(result.stderr, '')
  assert.deepEqual(
    JSON.parse(result.stdout),
    SERVER_NAMES.filter((name) => runsOn(name, 'node')).map((name) => [
      name,
      name.endsWith('uws') ? unavailable(name) : false,
    ]),
  )
})

for (const { name, definition, skip } of servers) {
  describe(name, { skip }, () => {
    if (definition === null) return
    test('is registered under its own name, with a style and installed packages', async () => {
      assert.equal(definition.name, name)
      assert.ok(definition.style.length > 0)
      for (const pkg of definition.packages) {
        await assert.doesNotReject(import(pkg), `${name} names ${pkg}, which must be installed`)
      }
    })

    test('starts on a free port and closes', async () => {
      const running = await definition.start({ host: '127.0.0.1', port: 0 })
      assert.ok(running.port > 0)
      const answer = await fetch(`http://127.0.0.1:${running.port}/json`)
      assert.equal(answer.status, 200)
      await running.close()
      await assert.rejects(fetch(`http://127.0.0.1:${running.port}/json`))
    })

    describe('on a busy port', () => {
      let holder: Server
      let port: number
      before(async () => {
        holder = createServer()
        await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
        port = (holder.address() as { port: number }).port
      })
      after(() => holder.close())

      test('rejects with a ListenError that names the address', async () => {
        await assert.rejects(definition.start({ host: '127.0.0.1', port }), (error: unknown) => {
          assert.ok(error instanceof ListenError)
          assert.match(error.message, new RegExp(`^cannot listen on 127\\.0\\.0\\.1:${port}: `))
          return true
        })
      })
    })
  })
}
