import assert from 'node:assert/strict'
import { createServer } from 'node:net'
import { describe, test } from 'node:test'
import { SERVER_NAMES } from '../index.js'
import { availableServers } from './available.js'
import { type Finished, runServe, startServe } from './serve-process.js'
import { unavailable, WITHOUT_UWS } from './without-uws.js'

const LISTENING = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/

/** One line on stderr, no stack trace, the given exit code, nothing on stdout. */
function assertOneLineError(result: Finished, code: number, pattern: RegExp): void {
  assert.equal(result.code, code, result.stderr)
  assert.equal(result.stdout, '')
  assert.match(result.stderr, /^serve: [^\n]+\n$/)
  assert.match(result.stderr, pattern)
}

test('--list prints the names, one per line', async () => {
  const result = await runServe(['--list'])
  assert.equal(result.code, 0)
  assert.equal(result.stdout, `${SERVER_NAMES.join('\n')}\n`)
  assert.equal(result.stderr, '')
})

for (const { name, skip } of await availableServers()) {
  describe(name, { skip }, () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
      test(`prints where it listens first, answers, and exits with 0 on ${signal}`, async () => {
        const { child, firstLine, done } = await startServe([name])
        const port = LISTENING.exec(firstLine)?.[1]
        assert.ok(port !== undefined, `first line: ${firstLine}`)
        const answer = await fetch(`http://127.0.0.1:${port}/`)
        assert.equal(await answer.text(), 'Hello, World!')
        child.kill(signal)
        const result = await done
        assert.deepEqual([result.code, result.signal, result.stderr], [0, null, ''])
        assert.equal(result.stdout, `${firstLine}\n`)
      })
    }

    test('a busy port is a one-line error and exit code 1', async () => {
      const holder = createServer()
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
      const { port } = holder.address() as { port: number }
      try {
        const result = await runServe([name, '--port', String(port)])
        assertOneLineError(result, 1, new RegExp(`cannot listen on 127\\.0\\.0\\.1:${port}: `))
      } finally {
        holder.close()
      }
    })
  })
}

test('--port and --host choose the address', async () => {
  const probe = createServer()
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve))
  const { port } = probe.address() as { port: number }
  await new Promise((resolve) => probe.close(resolve))
  const { child, firstLine, done } = await startServe([
    SERVER_NAMES[0] as string,
    '--port',
    String(port),
    '--host',
    '127.0.0.1',
  ])
  assert.equal(firstLine, `listening on http://127.0.0.1:${port}`)
  child.kill('SIGTERM')
  assert.equal((await done).code, 0)
})

test('an unknown name is a one-line error and exit code 2', async () => {
  assertOneLineError(
    await runServe(['nope']),
    2,
    /unknown server "nope"; the servers are: node-http/,
  )
})

test('--help prints the usage on stdout, exit code 0', async () => {
  const result = await runServe(['--help'])
  assert.deepEqual([result.code, result.stderr], [0, ''])
  assert.match(result.stdout, /^usage: npm run -s serve -- <name> \[options\]\n/)
})

describe('command-line mistakes are one line, then the usage, and exit code 2', () => {
  const cases: [string, string[], RegExp][] = [
    ['no name', [], /give a server name/],
    ['two names', ['node-http', 'express'], /one server at a time/],
    ['a port that is not a number', ['node-http', '--port', 'abc'], /--port must be a number/],
    ['a port out of range', ['node-http', '--port', '65536'], /--port must be a number/],
    ['an unknown option', ['node-http', '--verbose'], /Unknown option '--verbose'/],
    ['--list with a name', ['--list', 'node-http'], /--list takes no other argument/],
  ]
  for (const [what, args, pattern] of cases) {
    test(what, async () => {
      const result = await runServe(args)
      assert.equal(result.code, 2, result.stderr)
      assert.equal(result.stdout, '')
      const [first, ...usage] = result.stderr.split('\n')
      assert.match(first ?? '', /^serve: /)
      assert.match(first ?? '', pattern)
      assert.match(usage.join('\n'), /^usage: npm run -s serve -- <name> \[options\]\n/)
    })
  }
})

describe('where uws-pack cannot load', () => {
  for (const name of ['uws', 'trie-uws']) {
    test(`${name} is a one-line error with the reason, exit code 1`, async () => {
      const result = await runServe([name], [...WITHOUT_UWS])
      assert.deepEqual(
        [result.code, result.stdout, result.stderr],
        [1, '', `serve: ${unavailable(name)}\n`],
      )
    })
  }

  test('--list still lists every server', async () => {
    const result = await runServe(['--list'], [...WITHOUT_UWS])
    assert.equal(result.stdout, `${SERVER_NAMES.join('\n')}\n`)
  })

  test('the other servers still serve', async () => {
    const { child, firstLine, done } = await startServe(['node-http'], [...WITHOUT_UWS])
    assert.match(firstLine, LISTENING)
    child.kill('SIGTERM')
    assert.equal((await done).code, 0)
  })
})
