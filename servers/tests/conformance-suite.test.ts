import assert from 'node:assert/strict'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, test } from 'node:test'
import { bodyDifference, differences } from '../conformance/compare.js'
import { runConformance } from '../conformance/index.js'
import { parseReply, type Reply } from '../conformance/reply.js'

// The suite must fail a server that differs; these tests show that it does, and how it says so.

const JSON_TYPE = 'application/json; charset=utf-8'
const expected = { status: 200, type: JSON_TYPE, body: '{"id":"café"}' }

function reply(headers: [string, string][], body: string, status = 200): Reply {
  return { status, headers, body: Buffer.from(body) }
}

describe('differences', () => {
  test('none for the exact answer', () => {
    const exact = reply(
      [
        ['Content-Type', JSON_TYPE],
        ['Content-Length', '14'],
      ],
      '{"id":"café"}',
    )
    assert.deepEqual(differences(expected, exact), [])
  })

  test('names each header that differs, expected against actual', () => {
    const chunked = reply(
      [
        ['content-type', 'application/json'],
        ['transfer-encoding', 'chunked'],
      ],
      '{"id":"café"}',
    )
    assert.deepEqual(differences(expected, chunked), [
      `content-type: expected "${JSON_TYPE}", got "application/json"`,
      'content-length: expected "14", got none',
      'transfer-encoding: expected none, got "chunked"',
    ])
  })

  test('a repeated header is a difference', () => {
    const twice = reply(
      [
        ['content-type', JSON_TYPE],
        ['content-type', JSON_TYPE],
        ['content-length', '14'],
      ],
      '{"id":"café"}',
    )
    assert.deepEqual(differences(expected, twice), [
      `content-type: expected "${JSON_TYPE}", got "${JSON_TYPE}" and "${JSON_TYPE}"`,
    ])
  })

  test('Allow must be exact on a 405 and absent elsewhere', () => {
    const body = '{"error":"Method Not Allowed"}'
    const notAllowed = { status: 405, type: JSON_TYPE, body, allow: 'GET, POST' }
    const headers: [string, string][] = [
      ['content-type', JSON_TYPE],
      ['content-length', '30'],
    ]
    assert.deepEqual(
      differences(notAllowed, reply([...headers, ['allow', 'POST, GET']], body, 405)),
      ['allow: expected "GET, POST", got "POST, GET"'],
    )
    assert.deepEqual(
      differences(
        { status: 200, type: JSON_TYPE, body },
        reply([...headers, ['allow', 'GET']], body),
      ),
      ['allow: expected none, got "GET"'],
    )
  })

  test('the body shows both sides at the first differing byte', () => {
    assert.equal(
      bodyDifference(Buffer.from('{"id":"café"}'), Buffer.from('{"id":"cafe"}')),
      [
        'body: differs at byte 10 (expected 0xc3, got 0x65; expected 14 bytes, got 13)',
        '  expected "{\\"id\\":\\"café\\"}"',
        '  got      "{\\"id\\":\\"cafe\\"}"',
      ].join('\n'),
    )
  })

  test('a long body is shown around the difference', () => {
    const a = Buffer.from(`${'x'.repeat(100)}A${'y'.repeat(100)}`)
    const b = Buffer.from(`${'x'.repeat(100)}B${'y'.repeat(100)}`)
    const lines = (bodyDifference(a, b) as string).split('\n')
    assert.equal(
      lines[0],
      'body: differs at byte 100 (expected 0x41, got 0x42; expected 201 bytes, got 201)',
    )
    assert.equal(lines[1], `  expected …"${'x'.repeat(40)}A${'y'.repeat(39)}"…`)
  })
})

describe('parseReply', () => {
  const head = 'HTTP/1.1 413 Payload Too Large\r\ncontent-length: 5\r\nconnection: close\r\n\r\n'
  test('waits for the whole head and the content-length bytes', () => {
    assert.equal(parseReply(Buffer.from(head.slice(0, 20)), false), null)
    assert.equal(parseReply(Buffer.from(`${head}abc`), false), null)
    const whole = parseReply(Buffer.from(`${head}abcdeHTTP/1.1`), false)
    assert.equal(whole?.status, 413)
    assert.equal(whole?.body.toString(), 'abcde')
    assert.deepEqual(whole?.headers, [
      ['content-length', '5'],
      ['connection', 'close'],
    ])
  })
  test('takes what came when the connection closed early', () => {
    assert.equal(parseReply(Buffer.from(`${head}abc`), true)?.body.toString(), 'abc')
  })
})

async function listen(handler: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    close: () => {
      server.closeAllConnections()
      server.close()
    },
  }
}

describe('runConformance', () => {
  test('fails the checks a wrong server answers wrongly, and only those', async () => {
    // Answers every request with a correct 404, and GET /json chunked.
    const wrong = await listen((req, res) => {
      if (req.url === '/json') {
        res.setHeader('content-type', JSON_TYPE)
        res.write('{"message":')
        res.end('"Hello, World!"}')
        return
      }
      res.writeHead(404, { 'content-type': JSON_TYPE, 'content-length': 21 })
      res.end('{"error":"Not Found"}')
    })
    try {
      const report = await runConformance(wrong.url)
      const byName = new Map(report.checks.map((c) => [c.name, c]))
      assert.equal(byName.get('GET /nope')?.ok, true)
      assert.equal(byName.get('GET /json/')?.ok, true)
      assert.deepEqual(byName.get('GET /json')?.message.split('\n'), [
        'content-length: expected "27", got none',
        'transfer-encoding: expected none, got "chunked"',
      ])
      assert.match(
        byName.get('GET /users/42?x=1')?.message ?? '',
        /^status: expected 200, got 404\n/,
      )
      assert.deepEqual(
        report.failed,
        report.checks.filter((c) => !c.ok),
      )
      assert.ok(report.failed.length > 0)
    } finally {
      wrong.close()
    }
  })

  test('fails a server that resolves dot segments', async () => {
    // As hono on @hono/node-server did: the path went through the URL parser before routing.
    const resolving = await listen((req, res) => {
      const path = new URL(req.url ?? '/', 'http://x').pathname
      const body = path === '/json' ? '{"message":"Hello, World!"}' : '{"error":"Not Found"}'
      res.writeHead(path === '/json' ? 200 : 404, {
        'content-type': JSON_TYPE,
        'content-length': Buffer.byteLength(body),
      })
      res.end(body)
    })
    try {
      const report = await runConformance(resolving.url)
      const check = report.checks.find(
        (c) => c.name === 'GET /x/../json (dot segments are not resolved)',
      )
      assert.equal(check?.ok, false)
      assert.match(check?.message ?? '', /^status: expected 404, got 200\n/)
    } finally {
      resolving.close()
    }
  })

  test('fails a server whose 413 waits for the body', async () => {
    // As express did: the refusal came only once the whole declared body had been drained.
    const draining = await listen((req, res) => {
      req.resume()
      req.on('end', () => {
        res.writeHead(413, { 'content-type': JSON_TYPE, 'content-length': 29 })
        res.end('{"error":"Payload Too Large"}')
      })
    })
    try {
      const report = await runConformance(draining.url, { timeoutMs: 1000 })
      for (const name of [
        'POST /echo (content-length 10 MiB, the head alone)',
        'POST /echo (chunked, 1 MiB + 1 sent and the body not ended)',
      ]) {
        const check = report.checks.find((c) => c.name === name)
        assert.equal(check?.ok, false, name)
        assert.equal(
          check?.message,
          'no answer within 1000 ms with the rest of the body still to come: a 413 must not wait for the body',
        )
      }
      const whole = report.checks.find((c) => c.name === 'POST /echo (1 MiB + 1)')
      assert.equal(whole?.ok, true, 'the whole body sent: the late 413 is right')
    } finally {
      draining.close()
    }
  })

  test('fails a server that goes down after a bad input', async () => {
    const fragile = await listen((_req, res) => {
      res.writeHead(404, { 'content-type': JSON_TYPE, 'content-length': 21 })
      res.end('{"error":"Not Found"}')
    })
    fragile.server.on('clientError', (_error, socket) => {
      socket.destroy()
      fragile.close() // as if the process had crashed
    })
    try {
      const report = await runConformance(fragile.url)
      const check = report.checks.find((c) => c.name === 'not HTTP at all')
      assert.equal(check?.ok, false)
      assert.match(check?.message ?? '', /^afterwards, GET \/json got no answer: .*ECONNREFUSED/)
    } finally {
      fragile.close()
    }
  })
})
