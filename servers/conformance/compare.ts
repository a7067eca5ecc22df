import { headerValues, type Reply } from './reply.js'

/** What the contract says a request must get. */
export interface Expected {
  readonly status: number
  /** The exact `content-type`. */
  readonly type: string
  readonly body: string
  /** The exact `Allow` of a 405; any other answer must have none. */
  readonly allow?: string
}

/**
 * The ways `reply` differs from `expected`, one line each (the body may add two lines showing both
 * sides at the first differing byte); empty when they are the same.
 */
export function differences(expected: Expected, reply: Reply): string[] {
  const found: string[] = []
  if (reply.status !== expected.status) {
    found.push(`status: expected ${expected.status}, got ${reply.status}`)
  }
  const header = (name: string, want: string | undefined, got: string[]) => {
    const shown = got.length === 0 ? 'none' : got.map((v) => JSON.stringify(v)).join(' and ')
    if (got.length !== (want === undefined ? 0 : 1) || (want !== undefined && got[0] !== want)) {
      found.push(
        `${name}: expected ${want === undefined ? 'none' : JSON.stringify(want)}, got ${shown}`,
      )
    }
  }
  header('content-type', expected.type, headerValues(reply, 'content-type'))
  header('content-length', String(reply.body.length), headerValues(reply, 'content-length'))
  header('transfer-encoding', undefined, headerValues(reply, 'transfer-encoding'))
  header('allow', expected.allow, headerValues(reply, 'allow'))
  const body = bodyDifference(Buffer.from(expected.body), reply.body)
  if (body !== null) found.push(body)
  return found
}

const WINDOW = 40

/** Where two bodies first differ, both sides shown around that byte; null when equal. */
export function bodyDifference(expected: Buffer, actual: Buffer): string | null {
  if (expected.equals(actual)) return null
  let at = 0
  while (at < expected.length && at < actual.length && expected[at] === actual[at]) at++
  const byte = (b: Buffer) =>
    at < b.length ? `0x${(b[at] as number).toString(16).padStart(2, '0')}` : 'end'
  return [
    `body: differs at byte ${at} (expected ${byte(expected)}, got ${byte(actual)}; ` +
      `expected ${expected.length} bytes, got ${actual.length})`,
    `  expected ${excerpt(expected, at)}`,
    `  got      ${excerpt(actual, at)}`,
  ].join('\n')
}

/** The bytes around `at` as a JSON string, so control characters and spaces show. */
function excerpt(body: Buffer, at: number): string {
  const start = Math.max(0, at - WINDOW)
  const end = Math.min(body.length, at + WINDOW)
  const text = JSON.stringify(body.subarray(start, end).toString('utf8'))
  return `${start > 0 ? '…' : ''}${text}${end < body.length ? '…' : ''}`
}
