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
      readonly sets: readonly string[]
      readonly reason: string
    }

const STRICT_TABLES: readonly TableName[] = ['static', 'github', 'parse', 'gplus']
const ALL_TABLES: readonly TableName[] = [...STRICT_TABLES, 'router-benchmark']

/** The randomized sets with misses: a trailing slash is one of the mutations that make them. */
const RANDOM_MISSES = ['random-misses', 'random-mix']

export const KNOWN_GAPS: readonly KnownGap[] = [
  {
    kind: 'wrong-answers',
    adapter: 'find-my-way',
    tables: ['parse', 'gplus'],
    sets: ['trailing-slash'],
    reason: "a param may be empty: GET /people/ matches /people/:userId with userId ''",
  },
  {
    kind: 'wrong-answers',
    adapter: 'find-my-way',
    tables: ['github', 'parse', 'gplus'],
    sets: RANDOM_MISSES,
    reason: "a param may be empty: GET /users/ matches /users/:user with user ''",
  },
  {
    kind: 'wrong-answers',
    adapter: 'mapl',
    tables: ['parse', 'gplus'],
    sets: ['trailing-slash'],
    reason: "the last param may be empty: GET /people/ matches /people/:userId with userId ''",
  },
  {
    kind: 'wrong-answers',
    adapter: 'mapl',
    tables: ['github', 'parse', 'gplus'],
    sets: RANDOM_MISSES,
    reason: "the last param may be empty: GET /users/ matches /users/:user with user ''",
  },
  {
    kind: 'wrong-answers',
    adapter: 'hono-linear',
    tables: STRICT_TABLES,
    sets: ['trailing-slash'],
    reason: 'a route also matches its path with a trailing slash: GET /people/ matches /people',
  },
  {
    kind: 'wrong-answers',
    adapter: 'hono-linear',
    tables: ALL_TABLES,
    sets: RANDOM_MISSES,
    reason:
      'a route also matches its path with a trailing slash: GET /user/avatar/ matches /user/avatar',
  },
  {
    kind: 'wrong-answers',
    adapter: 'hono-pattern',
    tables: STRICT_TABLES,
    sets: ['trailing-slash'],
    reason: "a route's regular expression ends in /?$: GET /people/ matches /people",
  },
  {
    kind: 'wrong-answers',
    adapter: 'hono-pattern',
    tables: ALL_TABLES,
    sets: RANDOM_MISSES,
    reason: "a route's regular expression ends in /?$: GET /user/avatar/ matches /user/avatar",
  },
  ...(['rou3', 'rou3-compiled'] as const).flatMap((adapter): KnownGap[] => [
    {
      kind: 'wrong-answers',
      adapter,
      tables: STRICT_TABLES,
      sets: ['trailing-slash'],
      reason: 'ignores one trailing slash, as documented: GET /people/ matches /people',
    },
    {
      kind: 'wrong-answers',
      adapter,
      tables: ALL_TABLES,
      sets: RANDOM_MISSES,
      reason: 'ignores one trailing slash, as documented: GET /user/avatar/ matches /user/avatar',
    },
  ]),
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
      g.sets.includes(set) &&
      g.tables.includes(table),
  )
  return gap?.reason ?? null
}
