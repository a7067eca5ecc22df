import type { TableName } from '@routebench/fixtures'
import type { AdapterName } from './adapters/index.js'

/**
 * Where a router departs from the semantics of the tables by design, on the standard tables: it
 * refuses a table (its build throws), or answers a lookup set wrongly. The tests assert each gap,
 * so that one that closes or moves is noticed; the reason is what a results table shows.
 */
export type KnownGap =
  | {
      readonly kind: 'refuses'
      readonly adapter: AdapterName
      readonly tables: readonly TableName[]
      readonly reason: string
    }
  | {
      readonly kind: 'wrong-answers'
      readonly adapter: AdapterName
      readonly tables: readonly TableName[]
      readonly set: string
      readonly reason: string
    }

const STRICT_TABLES: readonly TableName[] = ['static', 'github', 'parse', 'gplus']

export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    kind: 'wrong-answers',
    adapter: 'find-my-way',
    tables: ['parse', 'gplus'],
    set: 'trailing-slash',
    reason: "a param may be empty: GET /people/ matches /people/:userId with userId ''",
  },
  {
    kind: 'wrong-answers',
    adapter: 'mapl',
    tables: ['parse', 'gplus'],
    set: 'trailing-slash',
    reason: "the last param may be empty: GET /people/ matches /people/:userId with userId ''",
  },
  {
    kind: 'wrong-answers',
    adapter: 'hono-linear',
    tables: STRICT_TABLES,
    set: 'trailing-slash',
    reason: 'a route also matches its path with a trailing slash: GET /people/ matches /people',
  },
  {
    kind: 'wrong-answers',
    adapter: 'hono-pattern',
    tables: STRICT_TABLES,
    set: 'trailing-slash',
    reason: "a route's regular expression ends in /?$: GET /people/ matches /people",
  },
  {
    kind: 'wrong-answers',
    adapter: 'rou3',
    tables: STRICT_TABLES,
    set: 'trailing-slash',
    reason: 'ignores one trailing slash, as documented: GET /people/ matches /people',
  },
  {
    kind: 'wrong-answers',
    adapter: 'rou3-compiled',
    tables: STRICT_TABLES,
    set: 'trailing-slash',
    reason: 'ignores one trailing slash, as documented: GET /people/ matches /people',
  },
]

/** Why `adapter` refuses `table`, or null. */
export function knownRefusal(adapter: string, table: TableName): string | null {
  const gap = KNOWN_GAPS.find(
    (g) => g.kind === 'refuses' && g.adapter === adapter && g.tables.includes(table),
  )
  return gap?.reason ?? null
}

/** Why `adapter` answers lookup set `set` of `table` wrongly, or null. */
export function knownWrongAnswers(adapter: string, table: TableName, set: string): string | null {
  const gap = KNOWN_GAPS.find(
    (g) =>
      g.kind === 'wrong-answers' &&
      g.adapter === adapter &&
      g.set === set &&
      g.tables.includes(table),
  )
  return gap?.reason ?? null
}
