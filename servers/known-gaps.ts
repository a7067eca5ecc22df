import type { RuntimeName } from '@routebench/fixtures'
import type { ServerName } from './index.js'

/**
 * Where a server serves the contract on Node.js but not on another runtime, because that runtime
 * does something differently from Node.js that no server code can undo. Nothing in the servers
 * hides such a difference. A gap that touches what the benchmark's scenarios send (`measured:
 * false`) makes a run report the server as failed on that runtime, with its first differences and
 * this reason; a gap that no scenario's request meets (`measured: true`) leaves the server measured,
 * and the run says what differs. The conformance tests assert each gap (the server fails there,
 * and every check it fails shows one of its gaps' `shows`), so that a gap that closes, or a new
 * difference, is noticed.
 */
export interface KnownGap {
  readonly server: ServerName
  readonly runtime: RuntimeName
  /** Text that every check failed for this difference shows (in its name or its message), and
   * that tells this difference from any other. */
  readonly shows: string
  readonly reason: string
  /** Whether the server is measured all the same: no request of any scenario meets the gap. */
  readonly measured: boolean
}

/** Bun.serve builds `request.url` with `.` and `..` segments resolved (`%2e` too), and keeps no
 * other copy of the request target: a fetch handler on Bun cannot see the path as it was sent. */
const BUN_DOT_SEGMENTS =
  'Bun.serve resolves dot segments ("/x/../json" arrives as "/json") before the fetch handler sees the URL, and gives no access to the request target as sent; no scenario sends such a path'

export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    server: 'hono',
    runtime: 'bun',
    shows: 'transfer-encoding: expected none, got "chunked"',
    reason:
      "every answer with a body is sent chunked, without a content-length: @hono/node-server gives an answer its length by setting node:http's private field _contentLength instead of a header, and Bun's node:http has that field but ignores it",
    measured: false,
  },
  {
    server: 'hono-bun',
    runtime: 'bun',
    shows: 'dot segments are not resolved',
    reason: BUN_DOT_SEGMENTS,
    measured: true,
  },
  {
    server: 'trie-bun',
    runtime: 'bun',
    shows: 'dot segments are not resolved',
    reason: BUN_DOT_SEGMENTS,
    measured: true,
  },
]

/** The known gaps of `server` on `runtime`. */
export function knownGaps(server: string, runtime: string): KnownGap[] {
  return KNOWN_GAPS.filter((g) => g.server === server && g.runtime === runtime)
}

/** Whether a failed check (its name and message) is one that `gap` explains. */
export function explains(gap: KnownGap, check: { name: string; message: string }): boolean {
  return check.name.includes(gap.shows) || check.message.includes(gap.shows)
}
