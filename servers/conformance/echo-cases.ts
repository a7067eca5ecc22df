import { INVALID_JSON, MAX_BODY_BYTES } from '../spec.js'
import { type Check, error, exchangeCheck, json, jsonBody, notAllowed } from './check.js'
import { differences, type Expected } from './compare.js'
import { rawExchange } from './exchange.js'

const JSON_TYPE = 'application/json'

interface EchoCase {
  readonly body: string
  /** The request's content type; null sends none. */
  readonly type: string | null
  readonly chunked?: boolean
  readonly expected: Expected
  readonly note: string
}

function echoCheck({ body, type, chunked = false, expected, note }: EchoCase): Check {
  const headers: Record<string, string> = type === null ? {} : { 'content-type': type }
  return exchangeCheck(
    'echo',
    { method: 'POST', path: '/echo', headers, body, chunked },
    expected,
    note,
  )
}

/** A JSON string literal of exactly `bytes` bytes. */
function jsonString(bytes: number): string {
  return `"${'a'.repeat(bytes - 2)}"`
}

function accepted(): EchoCase[] {
  const same = (body: string, type = JSON_TYPE, note = body): EchoCase => ({
    body,
    type,
    expected: jsonBody(body),
    note,
  })
  const changed = (body: string, value: unknown): EchoCase => ({
    body,
    type: JSON_TYPE,
    expected: json(value),
    note: body,
  })
  const oneMiB = jsonString(MAX_BODY_BYTES)
  return [
    same('{"a":1}'),
    same('{"a":1}', 'Application/JSON; charset=utf-8', 'Application/JSON; charset=utf-8'),
    same('{"a":1}', 'application/json;charset=UTF-8', 'application/json;charset=UTF-8'),
    same('[1,"two",null,true,{"x":[]}]'),
    same('"just a string"'),
    same('42'),
    same('null'),
    same('{"__proto__":{"x":1},"constructor":{"prototype":{"y":2}}}'),
    same(oneMiB, JSON_TYPE, 'exactly 1 MiB'),
    { ...same(oneMiB, JSON_TYPE, 'exactly 1 MiB, chunked'), chunked: true },
    { ...same('{"chunked":true}', JSON_TYPE, 'chunked'), chunked: true },
    changed(' { "a" : [ 1 , 2.50 , 1e2 , -0 ] } ', { a: [1, 2.5, 100, 0] }),
    changed('{"s":"caf\\u00e9 \\ud83d\\ude00 \\/"}', { s: 'café 😀 /' }),
    changed('{"a":1,"a":2}', { a: 2 }), // the last duplicate key wins, as in JSON.parse
    changed('12345678901234567890', 12345678901234567000),
  ]
}

function refused(): EchoCase[] {
  const unsupported = (type: string | null, body = '{"a":1}'): EchoCase => ({
    body,
    type,
    expected: error(415),
    note: `${type ?? 'no content-type'}${body === '' ? ', empty' : ''}`,
  })
  const invalid = (body: string, note = body): EchoCase => ({
    body,
    type: JSON_TYPE,
    expected: error(400, INVALID_JSON),
    note,
  })
  return [
    unsupported(null),
    unsupported('text/plain'),
    unsupported('application/jsonp'),
    unsupported('application/x-www-form-urlencoded'),
    unsupported('text/plain', ''),
    invalid('', 'empty body'),
    invalid('{'),
    invalid('{"a":1}x'),
    invalid("{'a':1}"),
    invalid('undefined'),
  ]
}

/**
 * A body over the limit is sent whole on a raw connection, as a client would, and the answer is
 * read even if the server closes the connection early (it may refuse the body unread).
 */
function tooLarge({ body, type, chunked = false, expected, note }: EchoCase): Check {
  const framing = chunked
    ? 'transfer-encoding: chunked'
    : `content-length: ${Buffer.byteLength(body)}`
  const head = `POST /echo HTTP/1.1\r\nhost: conformance\r\ncontent-type: ${type}\r\n${framing}\r\n\r\n`
  const request = Buffer.concat([Buffer.from(head), chunked ? chunk(body) : Buffer.from(body)])
  return {
    group: 'echo',
    name: `POST /echo (${note})`,
    run: async ({ target, timeoutMs }) => {
      const outcome = await rawExchange(target, request, timeoutMs)
      if (outcome.reply !== null) return differences(expected, outcome.reply)
      if (outcome.timedOut) return [`no answer within ${timeoutMs} ms`]
      return ['connection closed without an answer']
    },
  }
}

/** The body in chunked transfer coding, 64 KiB per chunk. */
function chunk(body: string): Buffer {
  const bytes = Buffer.from(body)
  const parts: Buffer[] = []
  for (let at = 0; at < bytes.length; at += 65_536) {
    const part = bytes.subarray(at, at + 65_536)
    parts.push(Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n'))
  }
  parts.push(Buffer.from('0\r\n\r\n'))
  return Buffer.concat(parts)
}

function overLimit(): EchoCase[] {
  const over = jsonString(MAX_BODY_BYTES + 1)
  const payloadTooLarge = error(413)
  return [
    { body: over, type: JSON_TYPE, expected: payloadTooLarge, note: '1 MiB + 1' },
    {
      body: over,
      type: JSON_TYPE,
      chunked: true,
      expected: payloadTooLarge,
      note: '1 MiB + 1, chunked',
    },
    {
      // Two-byte characters: fewer characters than the limit, more bytes.
      body: `"a${'é'.repeat((MAX_BODY_BYTES - 2) / 2)}"`,
      type: JSON_TYPE,
      expected: payloadTooLarge,
      note: '1 MiB + 1 bytes in fewer characters',
    },
    {
      body: `{${'a'.repeat(MAX_BODY_BYTES)}`,
      type: JSON_TYPE,
      expected: payloadTooLarge,
      note: 'invalid JSON over the limit: 413 before 400',
    },
    {
      body: over,
      type: 'text/plain',
      expected: error(415),
      note: 'text/plain over: 415 before 413',
    },
  ]
}

/**
 * A 413 comes before the body: the request's head (and, chunked, the chunks past the limit) is
 * sent, and the rest of the body never is. A server that waits for the whole body before it
 * answers (express's body parser drained it first) gives no answer at all. The check has no
 * timing of its own: the suite's timeout for one exchange is the bound.
 */
function refusedEarly(note: string, head: string, body: Buffer = Buffer.alloc(0)): Check {
  const request = Buffer.concat([
    Buffer.from(
      `POST /echo HTTP/1.1\r\nhost: conformance\r\ncontent-type: application/json\r\n${head}\r\n\r\n`,
    ),
    body,
  ])
  return {
    group: 'echo',
    name: `POST /echo (${note})`,
    run: async ({ target, timeoutMs }) => {
      const outcome = await rawExchange(target, request, timeoutMs)
      if (outcome.reply !== null) return differences(error(413), outcome.reply)
      if (outcome.timedOut)
        return [
          `no answer within ${timeoutMs} ms with the rest of the body still to come: a 413 must not wait for the body`,
        ]
      return ['connection closed without an answer']
    },
  }
}

function overLimitEarly(): Check[] {
  // Chunks past the limit, without the last chunk that would end the body.
  const past = chunk(jsonString(MAX_BODY_BYTES + 1))
  const unfinished = past.subarray(0, past.length - '0\r\n\r\n'.length)
  return [
    refusedEarly('content-length 10 MiB, the head alone', `content-length: ${10 * 1_048_576}`),
    refusedEarly(
      'content-length 1 MiB + 1, the head alone',
      `content-length: ${MAX_BODY_BYTES + 1}`,
    ),
    refusedEarly(
      'chunked, 1 MiB + 1 sent and the body not ended',
      'transfer-encoding: chunked',
      unfinished,
    ),
  ]
}

/** `POST /echo`: what it accepts, what it refuses, in the contract's order (415, 413, 400). */
export function echoChecks(): Check[] {
  return [
    ...[...accepted(), ...refused()].map(echoCheck),
    exchangeCheck('echo', { method: 'GET', path: '/echo' }, notAllowed('POST')),
    ...overLimit().map(tooLarge),
    ...overLimitEarly(),
  ]
}
