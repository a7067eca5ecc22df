/**
 * The API contract every server in this folder serves, byte for byte. It is data, and it drives
 * the servers (routes, constants, the shared rules below), the conformance suite
 * (`servers/conformance/`) and the benchmark's scenarios (`bench/http/scenarios.ts`).
 *
 * | request                          | answer                                                      |
 * |----------------------------------|-------------------------------------------------------------|
 * | GET /                            | 200 text `Hello, World!`                                    |
 * | GET /json                        | 200 `{"message":"Hello, World!"}`                           |
 * | GET /users/:id                   | 200 `{"id":"<id>"}`, percent-decoded                        |
 * | GET /users/:id/posts/:postId     | 200 `{"id":"…","postId":"…"}`                               |
 * | GET /search?q=&limit=            | 200 `{"q":"<q or empty>","limit":<n>}`; limit 1–100, else 400 |
 * | POST /echo                       | 200 the JSON body re-serialized; 415, 413, 400 (see below)  |
 * | GET /static/*                    | 200 `{"path":"<rest of the path, decoded>"}`                |
 * | the 203 GitHub routes under /gh  | 200 `{"route":"<METHOD> /gh<pattern>","params":{…}}`        |
 *
 * Every answer has an exact `content-length` (never chunked) and one of the two content types
 * below. Errors are `{"error":"<reason>"}`: an unknown path is 404 (another letter case or a
 * trailing slash makes a path unknown); a known path with another method is 405 with `Allow`
 * listing the path's methods, sorted, joined by `, `; malformed percent-encoding in a param is 400.
 * HEAD and OPTIONS are not part of the API; no server is tested or measured on them.
 *
 * A path is matched as it is sent. Dot segments are text like any other, never resolved as a URL
 * parser resolves them: `/x/../json` and `/users/./42` are 404 (no route has such segments),
 * `/users/..` is `{"id":".."}`, and `/static/%2e%2e/x` and `/static/../x` are `{"path":"../x"}`.
 */
import { loadTable, paramNames, type RouteDef } from '@routebench/fixtures'

export const TEXT = 'text/plain; charset=utf-8'
export const JSON_TYPE = 'application/json; charset=utf-8'

export const HELLO = 'Hello, World!'
/** The body of `GET /json`. */
export const HELLO_JSON = { message: HELLO }

/** Largest `POST /echo` body accepted; one byte more is 413 and is not buffered (see below). */
export const MAX_BODY_BYTES = 1_048_576

/** Error reasons, the `error` field of an error answer, by status. */
export const REASONS = {
  400: 'Bad Request',
  404: 'Not Found',
  405: 'Method Not Allowed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
} as const
/** The 400 reason when the echo body is not JSON (or is empty). */
export const INVALID_JSON = 'Invalid JSON'

export type ErrorStatus = keyof typeof REASONS

/** The exact body of an error answer. */
export function errorBody(status: ErrorStatus, reason: string = REASONS[status]): string {
  return JSON.stringify({ error: reason })
}

/** One endpoint of the API (besides the GitHub table). */
export interface Endpoint {
  readonly method: 'GET' | 'POST'
  /** Pattern in `:name` syntax; a last `*` is the rest of the path. */
  readonly pattern: string
}

export const ENDPOINTS = {
  plaintext: { method: 'GET', pattern: '/' },
  json: { method: 'GET', pattern: '/json' },
  user: { method: 'GET', pattern: '/users/:id' },
  userPost: { method: 'GET', pattern: '/users/:id/posts/:postId' },
  search: { method: 'GET', pattern: '/search' },
  echo: { method: 'POST', pattern: '/echo' },
  static: { method: 'GET', pattern: '/static/*' },
} as const satisfies Record<string, Endpoint>

// --- /search -------------------------------------------------------------------------------------

export const DEFAULT_LIMIT = 10
export const MAX_LIMIT = 100

/**
 * The `/search` rule, shared by every server so that all do the same work: `q` and `limit` as
 * `URLSearchParams` reads them (first value wins, `+` is a space); `limit` defaults to 10 and must
 * be written as a decimal integer (digits only) from 1 to 100. Returns the answer body, or null for
 * a 400.
 */
export function searchResult(
  q: string | null,
  limit: string | null,
): { q: string; limit: number } | null {
  let n = DEFAULT_LIMIT
  if (limit !== null) {
    if (!/^[0-9]{1,3}$/.test(limit)) return null
    n = Number(limit)
    if (n < 1 || n > MAX_LIMIT) return null
  }
  return { q: q ?? '', limit: n }
}

// --- POST /echo ----------------------------------------------------------------------------------

/**
 * `POST /echo` checks, in this order: the media type must be `application/json` (compared without
 * regard to case; parameters such as `charset` allowed), else 415; a body over `MAX_BODY_BYTES` is
 * 413, answered before the rest of the body arrives: from a `content-length` over the limit, as soon
 * as the request's head is read (a client that sends only the head gets it), and for a body without
 * one (chunked), as soon as the bytes read pass the limit; a body that is empty or not JSON is 400
 * `Invalid JSON`. The answer is `JSON.stringify(JSON.parse(body))`
 * with the body read as UTF-8.
 */
export function isJsonContentType(header: string | undefined | null): boolean {
  if (typeof header !== 'string') return false
  const semicolon = header.indexOf(';')
  const type = (semicolon === -1 ? header : header.slice(0, semicolon)).trim().toLowerCase()
  return type === 'application/json'
}

/** The answer body of `POST /echo` for a body read as UTF-8, or null for 400 `Invalid JSON`. */
export function echoBody(body: string): string | null {
  try {
    return JSON.stringify(JSON.parse(body))
  } catch {
    return null
  }
}

// --- the GitHub table under /gh ----------------------------------------------------------------------

export const GITHUB_PREFIX = '/gh'

export interface GithubRoute {
  readonly method: string
  /** The pattern under `/gh`, e.g. `/gh/repos/:owner/:repo`. */
  readonly pattern: string
  /** Param names in pattern order. */
  readonly names: readonly string[]
  /** The `route` field of the answer: `GET /gh/repos/:owner/:repo`. */
  readonly route: string
}

export const GITHUB_ROUTES: readonly GithubRoute[] = loadTable('github').map((r: RouteDef) => {
  const pattern = `${GITHUB_PREFIX}${r.path}`
  return { method: r.method, pattern, names: paramNames(pattern), route: `${r.method} ${pattern}` }
})

/**
 * The answer body of a GitHub route: the route and its decoded params in pattern order, built from
 * `names` so that every server writes the keys in the same order whatever its params object does.
 */
export function githubBody(route: GithubRoute, param: (name: string) => string): string {
  const params: Record<string, string> = {}
  for (const name of route.names) params[name] = param(name)
  return JSON.stringify({ route: route.route, params })
}

/**
 * The methods of every path pattern of the API, for `Allow` on a 405. Keys are patterns in `:name`
 * syntax; a server that knows which pattern a path matched (or would match) reads its `Allow` here.
 */
export const ALLOW: ReadonlyMap<string, string> = (() => {
  const methods = new Map<string, Set<string>>()
  const add = (pattern: string, method: string) => {
    const set = methods.get(pattern) ?? new Set<string>()
    methods.set(pattern, set.add(method))
  }
  for (const e of Object.values(ENDPOINTS)) add(e.pattern, e.method)
  for (const r of GITHUB_ROUTES) add(r.pattern, r.method)
  return new Map([...methods].map(([pattern, set]) => [pattern, [...set].sort().join(', ')]))
})()

/** The `Allow` header of a pattern of the API; throws for a pattern the API does not have. */
export function allowOf(pattern: string): string {
  const allow = ALLOW.get(pattern)
  if (allow === undefined) throw new Error(`the API has no pattern ${pattern}; see servers/spec.ts`)
  return allow
}
