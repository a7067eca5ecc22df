import type { RuntimeName } from '@routebench/fixtures'
import type { ServerName } from './index.js'

/**
 * Where a server serves the contract on Node.js but not on another runtime, because that runtime's
 * compatibility layer does something differently from Node.js. Nothing in the servers hides such a
 * difference: a benchmark run reports the server as failed on that runtime, with its first
 * differences and this reason. The conformance tests assert each gap (the server fails there, and
 * every check it fails shows `shows`), so that a gap that closes, or a new difference, is noticed.
 */
export interface KnownGap {
  readonly server: ServerName
  readonly runtime: RuntimeName
  /** A line that every failed check shows, and that tells this difference from any other. */
  readonly shows: string
  readonly reason: string
}

export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    server: 'hono',
    runtime: 'bun',
    shows: 'transfer-encoding: expected none, got "chunked"',
    reason:
      "every answer with a body is sent chunked, without a content-length: @hono/node-server gives an answer its length by setting node:http's private field _contentLength instead of a header, and Bun's node:http has that field but ignores it",
  },
]

/** The known gap of `server` on `runtime`, or null. */
export function knownGap(server: string, runtime: string): KnownGap | null {
  return KNOWN_GAPS.find((g) => g.server === server && g.runtime === runtime) ?? null
}
