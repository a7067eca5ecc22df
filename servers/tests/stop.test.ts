import assert from 'node:assert/strict'
import { connect, type Socket } from 'node:net'
import { describe, test } from 'node:test'
import { availableServers } from './available.js'
import { startServe } from './serve-process.js'

/**
 * A signal stops every server with exit code 0, whatever its connections are doing. fastify did
 * not: with any connection mid-request (a bare connect, a half-sent head, a stalled upload) it
 * stopped listening and then waited for ever, still alive 150 s later. Each server is stopped here
 * with one connection in each state, and must be gone well within the bound: the servers close
 * idle connections at once and force-close the others after a short grace.
 */

const LISTENING = /^listening on http:\/\/127\.0\.0\.1:(\d+)$/
/** Generous: a stop takes the grace (1 s) at most, and milliseconds otherwise. */
const BOUND_MS = 10_000

const UPLOAD = 'POST /echo HTTP/1.1\r\nhost: stop\r\ncontent-type: application/json\r\n'

/** What a connection has sent when the signal comes, and the signal sent. */
const STATES: [state: string, bytes: string | null, signal: NodeJS.Signals][] = [
  ['a bare connection that sent nothing', null, 'SIGTERM'],
  ['a half-sent request head', 'GET /json HTTP/1.1\r\nhost: stop\r\nx-half: ', 'SIGINT'],
  ['a stalled upload', `${UPLOAD}content-length: 1000\r\n\r\n{"a":"${'x'.repeat(100)}`, 'SIGHUP'],
  [
    'a stalled chunked upload',
    `${UPLOAD}transfer-encoding: chunked\r\n\r\n3e8\r\n{"a":"`,
    'SIGTERM',
  ],
  ['an idle keep-alive connection', 'GET /json HTTP/1.1\r\nhost: stop\r\n\r\n', 'SIGINT'],
]

/** Opens a connection and writes `bytes`; resolves once they are written. */
function open(port: number, bytes: string | null): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      if (bytes === null) resolve(socket)
      else socket.write(bytes, () => resolve(socket))
    })
    socket.on('error', reject)
  })
}

/** An answer on a connection of its own: by then the server has taken the other connections in. */
async function answers(port: number): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${port}/json`, {
    headers: { connection: 'close' },
  })
  assert.equal(response.status, 200)
  await response.text()
}

for (const { name, skip } of await availableServers()) {
  // The tests of one server side by side: most of their time is a grace spent waiting.
  describe(`${name} stops on a signal whatever its connections are doing`, {
    skip,
    concurrency: true,
  }, () => {
    for (const [state, bytes, signal] of STATES) {
      test(`${signal} with ${state}: exit code 0`, async () => {
        const { child, firstLine, done } = await startServe([name])
        const port = Number(LISTENING.exec(firstLine)?.[1])
        const socket = await open(port, bytes)
        socket.on('error', () => {}) // reset by the server as it closes
        try {
          await answers(port)
          await new Promise((resolve) => setTimeout(resolve, 50)) // the bytes reach the server
          child.kill(signal)
          const timer = setTimeout(() => child.kill('SIGKILL'), BOUND_MS)
          const result = await done
          clearTimeout(timer)
          assert.notEqual(
            result.signal,
            'SIGKILL',
            `still running ${BOUND_MS / 1000} s after ${signal}`,
          )
          assert.deepEqual([result.code, result.signal, result.stderr], [0, null, ''])
        } finally {
          socket.destroy()
        }
      })
    }
  })
}
