import { DuplicateRouteError, MethodError } from './errors.js'
import { expandOptional, parsePattern, shapeOf, type Token } from './pattern.js'
import { prettyPrint } from './pretty-print.js'
import { beginSearch, insert, Node, pos, Route, reserveParams, search } from './tree.js'
import type {
  FindError,
  FindResult,
  Match,
  ParamsRecord,
  RouteInfo,
  RouterOptions,
  TypedHandler,
} from './types.js'

/** `find()` result for a param with invalid percent-encoding: answer 400. */
export const MALFORMED_URI: FindError = Object.freeze({ error: 'malformed-uri', status: 400 })
/** `find()` result for a param longer than `maxParamLength`: answer 414. */
export const PARAM_TOO_LONG: FindError = Object.freeze({ error: 'param-too-long', status: 414 })

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Z]+$/

interface MethodTree<T> {
  /** Routes without params, by exact path: one hash lookup answers a static hit. */
  statics: Map<string, Route<T>>
  /** Routes with params or a wildcard. */
  root: Node<T>
  /** Shapes of the dynamic routes, to refuse a duplicate before touching the tree. */
  shapes: Map<string, Route<T>>
}

interface Registered<T> {
  info: RouteInfo<T>
  tokens: Token[]
}

export class Router<T> {
  private readonly trees = new Map<string, MethodTree<T>>()
  private readonly registered: Registered<T>[] = []
  private readonly ignoreTrailingSlash: boolean
  private readonly caseSensitive: boolean
  private readonly maxParamLength: number

  constructor(options: RouterOptions = {}) {
    this.ignoreTrailingSlash = options.ignoreTrailingSlash ?? false
    this.caseSensitive = options.caseSensitive ?? true
    const max = options.maxParamLength ?? 500
    if (!(max > 0)) throw new RangeError(`maxParamLength must be a positive number, got ${max}`)
    this.maxParamLength = max
  }

  /**
   * Registers `value` for `path` under one or more methods. Throws a `PatternError`,
   * `UnsafePatternError`, `MethodError` or `DuplicateRouteError` and registers nothing when any
   * part of the call is invalid.
   */
  add(method: string | readonly string[], path: string, value: T): this {
    const methods = typeof method === 'string' ? [method] : [...method]
    if (methods.length === 0) throw new MethodError('', 'give at least one method')
    for (const m of methods) checkMethod(m)
    if (new Set(methods).size !== methods.length) {
      throw new MethodError(methods.join(','), 'a method is listed twice')
    }
    const parsed = parsePattern(path)
    const tokens = this.caseSensitive ? parsed : parsed.map(lowerStatic)
    const variants = expandOptional(tokens)

    // Check everything first, so that a failing call leaves the router unchanged.
    const seen = new Set<string>()
    for (const m of methods) {
      for (const variant of variants) {
        const shape = shapeOf(variant)
        const key = `${m} ${shape}`
        if (seen.has(key)) throw new DuplicateRouteError(m, path, path)
        seen.add(key) // '/:id?' next to '/:id' would register '/:id' twice
        const tree = this.trees.get(m)
        const existing = isStatic(variant)
          ? tree?.statics.get(staticText(variant))
          : tree?.shapes.get(shape)
        if (existing !== undefined) throw new DuplicateRouteError(m, path, existing.pattern)
      }
    }

    for (const m of methods) {
      let tree = this.trees.get(m)
      if (tree === undefined) {
        tree = { statics: new Map(), root: new Node(''), shapes: new Map() }
        this.trees.set(m, tree)
      }
      for (const variant of variants) {
        const route = new Route(m, path, value, variant)
        reserveParams(route.names.length)
        if (isStatic(variant)) {
          tree.statics.set(staticText(variant), route)
        } else {
          insert(tree.root, variant, route)
          tree.shapes.set(shapeOf(variant), route)
        }
      }
      this.registered.push({ info: Object.freeze({ method: m, path, value }), tokens: parsed })
    }
    return this
  }

  /**
   * `add()` for routers whose values are handlers taking the params first: the handler's `params`
   * is typed from the pattern literal (`{ id: string }` for `/users/:id`).
   */
  on<const P extends string>(
    method: string | readonly string[],
    path: P,
    handler: TypedHandler<T, P>,
  ): this {
    return this.add(method, path, handler as T)
  }

  /**
   * Finds the route for `method` and `path` (a request target: a `?query` or `#fragment` is
   * ignored). Never throws. Returns the match, `null` when nothing matches, or `MALFORMED_URI` /
   * `PARAM_TOO_LONG` when the matching route's params cannot be decoded or are too long.
   */
  find(method: string, path: string): FindResult<T> {
    const tree = this.trees.get(method)
    if (tree === undefined || typeof path !== 'string') return null
    const found = this.lookup(tree, path)
    if (found !== null || !this.ignoreTrailingSlash) return found
    const other = toggleTrailingSlash(path)
    return other === null ? null : this.lookup(tree, other)
  }

  /** The methods with a route matching `path`, sorted: the `Allow` header of a 405 answer. */
  allowedMethods(path: string): string[] {
    const methods: string[] = []
    if (typeof path !== 'string') return methods
    for (const method of this.trees.keys()) {
      if (this.find(method, path) !== null) methods.push(method)
    }
    return methods.sort()
  }

  /** Every registered route, in registration order (one entry per method). */
  routes(): RouteInfo<T>[] {
    return this.registered.map((r) => r.info)
  }

  /** A readable tree of the routes, one segment per line, in matching priority order. */
  prettyPrint(): string {
    return prettyPrint(this.registered.map((r) => ({ method: r.info.method, tokens: r.tokens })))
  }

  private lookup(tree: MethodTree<T>, path: string): FindResult<T> {
    let end = path.indexOf('?')
    if (end === -1) end = path.length
    const hash = path.indexOf('#')
    if (hash !== -1 && hash < end) end = hash
    const subject = this.caseSensitive ? path : foldCase(path)

    // 1. Static routes: a static route matches only its own text, and static text outranks any
    //    param at every position, so an exact hit is the answer.
    const route = tree.statics.get(end === subject.length ? subject : subject.slice(0, end))
    if (route !== undefined) return route.result

    // 2. The tree, depth-first in priority order.
    beginSearch(path)
    const leaf = search(tree.root, subject, 0, end, 0)
    if (leaf === null) return null
    return this.match(leaf, path)
  }

  private match(route: Route<T>, path: string): Match<T> | FindError {
    const names = route.names
    const named = names[names.length - 1] === '*' ? names.length - 1 : names.length
    for (let j = 0; j < named; j++) {
      if ((pos[2 * j + 1] as number) - (pos[2 * j] as number) > this.maxParamLength) {
        return PARAM_TOO_LONG
      }
    }
    const params = route.build(path, pos)
    // Decode only when the request has a '%' at all: most paths have none.
    if (path.indexOf('%') !== -1 && !decodeParams(params, names)) return MALFORMED_URI
    return { value: route.value, params }
  }
}

function decodeParams(params: ParamsRecord, names: readonly string[]): boolean {
  for (const name of names) {
    const value = params[name] as string
    if (value.indexOf('%') !== -1) {
      try {
        params[name] = decodeURIComponent(value)
      } catch {
        return false
      }
    }
  }
  return true
}

function checkMethod(method: string): void {
  if (typeof method !== 'string' || method === '') {
    throw new MethodError(String(method), 'a method must be a non-empty string such as "GET"')
  }
  if (!METHOD.test(method)) {
    const upper = method.toUpperCase()
    throw new MethodError(
      method,
      METHOD.test(upper)
        ? `HTTP methods are case-sensitive and node:http reports them in upper case; use "${upper}"`
        : 'a method must be an HTTP token in upper case, such as "GET" or "PROPFIND"',
    )
  }
}

function isStatic(tokens: readonly Token[]): boolean {
  return tokens.length === 1 && tokens[0]?.kind === 'static'
}

function staticText(tokens: readonly Token[]): string {
  const first = tokens[0]
  return first?.kind === 'static' ? first.text : ''
}

function lowerStatic(token: Token): Token {
  return token.kind === 'static' ? { kind: 'static', text: token.text.toLowerCase() } : token
}

/** Lower-cases for matching. Param offsets must stay valid in the original, so when lowering
 * changes the length (only some non-ASCII letters do) fold ASCII letters alone. */
function foldCase(path: string): string {
  const lower = path.toLowerCase()
  return lower.length === path.length ? lower : path.replace(/[A-Z]+/g, (s) => s.toLowerCase())
}

function toggleTrailingSlash(path: string): string | null {
  let end = path.indexOf('?')
  if (end === -1) end = path.length
  const hash = path.indexOf('#')
  if (hash !== -1 && hash < end) end = hash
  const bare = path.slice(0, end)
  if (bare[0] !== '/') return null
  if (bare.length > 1 && bare.endsWith('/')) return bare.slice(0, -1)
  return `${bare}/`
}
