import {
  fillPattern,
  loadRouterBenchmarkLookups,
  loadTable,
  paramNames,
  type RouteDef,
  type TableName,
} from '@routebench/fixtures'
import type { Answer } from './adapters/adapter.js'
import { routeName } from './adapters/build-table.js'
import { patternRegExp } from './random-sets.js'

export interface Lookup {
  readonly method: string
  readonly path: string
  /** The route the path was built from and its params, or null for a path no route matches. */
  readonly expected: Answer | null
}

export interface LookupSet {
  readonly name: string
  readonly description: string
  readonly lookups: readonly Lookup[]
}

/**
 * Param values by name: those of go-http-routing-benchmark's paths (`/1/classes/go/123456789`,
 * `/people/118051310819094153327/activities/123456789`) and realistic ones for the other names of
 * the tables. Letters, digits and `_` only, so that no value contains a separator.
 */
const VALUES: Readonly<Record<string, string>> = {
  owner: 'julienschmidt',
  repo: 'httprouter',
  id: '1296269',
  user: 'octocat',
  number: '1347',
  org: 'golang',
  objectId: '123456789',
  sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  userId: '118051310819094153327',
  collection: '123456789',
  className: 'go',
  name: 'bug',
  keyword: 'router',
  client_id: 'a3f7c2e91b',
  activityId: 'z12gtjhq3qn2xxl2o224exwiqruvtda0i',
  ref: 'main',
  access_token: 'e72e16c7e42f292c6912e7710c838347ae178b4a',
  username: 'hey',
  target_user: 'torvalds',
  state: 'open',
  repository: 'httprouter',
  location: 'paris',
  fileName: 'report2024',
  eventName: 'signup',
  email: 'octocat',
  commentId: 'z13uxtsawpjqwrhw404cjjydpyyrfsjtl4s',
  branch: 'master',
  assignee: 'hubot',
  address: 'octocat',
}

/** What a trailing wildcard takes in a built path. */
const REST = 'images/logo.png'

/** The routes of go-http-routing-benchmark's single lookups (its `static` table has none). */
interface Picks {
  readonly static?: string
  readonly param?: string
  readonly params2?: string
}

const PICKS: Readonly<Record<Exclude<TableName, 'router-benchmark'>, Picks>> = {
  static: { static: 'GET /articles/wiki/index.html' },
  github: {
    static: 'GET /user/repos',
    param: 'GET /users/:user',
    params2: 'GET /repos/:owner/:repo/stargazers',
  },
  parse: {
    static: 'GET /1/users',
    param: 'GET /1/classes/:className',
    params2: 'GET /1/classes/:className/:objectId',
  },
  gplus: {
    static: 'GET /people',
    param: 'GET /people/:userId',
    params2: 'GET /people/:userId/activities/:collection',
  },
}

/** Shallow paths that are 404s on most sites; the first that no route matches is used. */
const SHALLOW_MISSES = ['/favicon.ico', '/robots.txt', '/missing']

/** The lookup sets of a standard table. */
export function lookupSets(name: TableName): LookupSet[] {
  const table = new Table(loadTable(name))
  if (name !== 'router-benchmark') return setsOf(table, PICKS[name])
  return [
    allSet(table),
    ...loadRouterBenchmarkLookups().map(({ name, method, path }) => ({
      name,
      description: `${method} ${path}`,
      lookups: [{ method, path, expected: table.onlyMatch(method, path) }],
    })),
  ]
}

/** The lookup sets of any table; the single lookups use the first route of each kind. */
export function lookupSetsFor(routes: readonly RouteDef[]): LookupSet[] {
  return setsOf(new Table(routes), {})
}

function setsOf(table: Table, picks: Picks): LookupSet[] {
  const pick = (name: string | undefined, test: (route: RouteDef) => boolean) =>
    table.routes.find(name === undefined ? test : (route) => routeName(route) === name)
  const statics = pick(picks.static, (r) => paramCount(r) === 0 && r.path !== '/')
  const param = pick(picks.param, (r) => paramCount(r) === 1 && !r.path.endsWith('*'))
  const params2 = pick(picks.params2, (r) => paramCount(r) === 2 && !r.path.endsWith('*'))
  const single = (route: RouteDef | undefined) => (route === undefined ? [] : [table.lookup(route)])
  const slashed = [statics, param].flatMap((route) => {
    if (route === undefined) return []
    const { method, path } = table.lookup(route)
    return table.misses(method, `${path}/`) ? [{ method, path: `${path}/`, expected: null }] : []
  })
  return [
    allSet(table),
    set('static', 'a static path', single(statics)),
    set('param', 'a path with one param', single(param)),
    set('params2', 'a path with two params', single(params2)),
    set('miss', 'paths no route matches, a shallow one and a deep one', misses(table)),
    set('trailing-slash', "known paths with a '/' appended: strict routing matches none", slashed),
  ].filter((s) => s.lookups.length > 0)
}

function allSet(table: Table): LookupSet {
  const lookups = table.routes.map((route) => table.lookup(route))
  return {
    name: 'all',
    description: `every route once, in table order (${lookups.length})`,
    lookups,
  }
}

function set(name: string, what: string, lookups: Lookup[]): LookupSet {
  const paths = lookups.map((lookup) => `${lookup.method} ${lookup.path}`).join(', ')
  return { name, description: `${what}: ${paths}`, lookups }
}

/** A shallow miss, and the deepest static path with its last character cut off. */
function misses(table: Table): Lookup[] {
  const found: Lookup[] = []
  const shallow = SHALLOW_MISSES.find((path) => table.misses('GET', path))
  if (shallow !== undefined) found.push({ method: 'GET', path: shallow, expected: null })
  const deepest = table.routes
    .filter((route) => /\/[^/:*]{2,}$/.test(route.path))
    .map((route) => ({ route, depth: route.path.split('/').length }))
    .sort((a, b) => b.depth - a.depth)
  for (const { route } of deepest) {
    const path = table.lookup(route).path.slice(0, -1)
    if (!table.misses(route.method, path)) continue
    found.push({ method: route.method, path, expected: null })
    break
  }
  return found
}

function paramCount(route: RouteDef): number {
  return paramNames(route.path).length + (route.path.endsWith('/*') ? 1 : 0)
}

/** A table, with what lookups need: values for its params and its routes as regular expressions. */
class Table {
  readonly routes: readonly RouteDef[]
  /** Every static segment of the table: a param value must not equal one. */
  private readonly segments: ReadonlySet<string>

  constructor(routes: readonly RouteDef[]) {
    this.routes = routes
    this.segments = new Set(
      routes.flatMap((route) => route.path.split('/').filter((s) => !/[:*]/.test(s))),
    )
  }

  /** The lookup of a path built from `route`, expecting `route`. */
  lookup(route: RouteDef): Lookup {
    const params: [string, string][] = []
    const path = fillPattern(
      route.path,
      (name, index) => {
        let value = Object.hasOwn(VALUES, name) ? (VALUES[name] as string) : `${name}${index + 1}`
        while (this.segments.has(value)) value = `${value}1`
        params.push([name, value])
        return value
      },
      REST,
    )
    if (route.path.endsWith('/*')) params.push(['*', REST])
    const expected = { route: routeName(route), params: Object.fromEntries(params) }
    return { method: route.method, path, expected }
  }

  /** Whether no route of the table matches. */
  misses(method: string, path: string): boolean {
    return this.matches(method, path).length === 0
  }

  /** The answer for a path exactly one route matches; throws otherwise. */
  onlyMatch(method: string, path: string): Answer {
    const found = this.matches(method, path)
    if (found.length !== 1) {
      throw new Error(`${method} ${path} matches ${found.length} routes of the table, not one`)
    }
    return found[0] as Answer
  }

  /** The routes whose pattern matches the path, by the table's semantics written as regexps. */
  private matches(method: string, path: string): Answer[] {
    const found: Answer[] = []
    for (const route of this.routes) {
      // the static start of the pattern first: compiling every route's regexp is slow on big tables
      const start = /^[^:*]*/.exec(route.path)?.[0] ?? ''
      if (route.method !== method || !path.startsWith(start)) continue
      const { regexp, names } = patternRegExp(route.path)
      const match = regexp.exec(path)
      if (match === null) continue
      const values = names.map((name, i) => [name, decodeURIComponent(match[i + 1] as string)])
      found.push({ route: routeName(route), params: Object.fromEntries(values) })
    }
    return found
  }
}
