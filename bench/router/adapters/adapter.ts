import type { RouteDef } from '@routebench/fixtures'

/** What a router answered, in one form for every router: the route that matched and its params. */
export interface Answer {
  /** `${method} ${path}` of the route as it appears in the table (the table's `:name` syntax). */
  readonly route: string
  /** Param values by the table's names; a trailing wildcard's value under '*'. */
  readonly params: Readonly<Record<string, string>>
}

export interface Built {
  /** The lookup, called the way the router's users call it; returns the router's own result, unconverted. This is what gets timed. */
  find(method: string, path: string): unknown
  /** Converts a result of `find` to an `Answer`, or null for a miss. Never timed. */
  answer(result: unknown): Answer | null
}

export interface Adapter {
  /** Short kebab-case name shown in tables: 'routebench', 'find-my-way', 'hono-regexp', ... */
  readonly name: string
  /** One line: what the router is and who uses it. */
  readonly description: string
  /** npm packages whose installed versions the results name. */
  readonly packages: readonly string[]
  /**
   * Whether the router percent-decodes param values itself, as the tables' answers are. Most leave
   * them as sent, for their users to decode: their answers are checked on the decoded values, and
   * the reports say that their lookups do less.
   */
  readonly decodesParams: boolean
  /** Builds a router holding `routes` (registration included). Throws, with the router's own message, when the router refuses the table. */
  build(routes: readonly RouteDef[]): Built
}

/**
 * A router refused a table. `route` is the route it refused and `conflict` the earlier route it
 * cannot hold together with it, each null when no single route explains the refusal.
 */
export class CannotRegisterError extends Error {
  readonly route: string | null
  readonly conflict: string | null

  constructor(route: string | null, conflict: string | null, cause: unknown) {
    const what = route === null ? 'the table' : route
    const next = conflict === null ? '' : ` next to ${conflict}`
    super(`cannot register ${what}${next}: ${reasonOf(cause)}`, { cause })
    this.name = 'CannotRegisterError'
    this.route = route
    this.conflict = conflict
  }
}

/** The router's own message, or its error's class when it gives none (hono's `UnsupportedPathError`). */
function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  return error.message !== '' ? error.message : error.constructor.name
}
