import { compile, type Matcher } from './compile.js'
import { DuplicateRouteError, MethodError } from './errors.js'
import {
  MALFORMED_URI,
  matched,
  PARAM_TOO_LONG,
  type Shape,
  type ShapeBuilders,
  shapeBuilders,
} from './params.js'
import { expandOptional, parsePattern, shapeOf, type Token } from './pattern.js'
import { prettyPrint } from './pretty-print.js'
import { insert, Node, pos, Route, reserveParams, search } from './tree.js'
import type { FindResult, RouteInfo, RouterOptions, TypedHandler } from './types.js'

export { MALFORMED_URI, PARAM_TOO_LONG }

const METHOD = /^[!#$%&'*+\-.^_`|~0-9A-Z]+$/

/** Static path lengths told apart by `MethodTree.lengths`. */
const LENGTHS = 256

interface MethodTree<T> {
  /** Routes without params, by exact path: one hash lookup answers a static hit. */
  statics: Map<string, Route<T>>
  /** Non-zero at the lengths of the static paths (the last entry for any length from
   * `LENGTHS - 1` on): a path of another length is not looked up in `statics`. */
  lengths: Uint8Array
  /** Routes with params or a wildcard. */
  root: Node<T>
  /** Shapes of the dynamic routes, to refuse a duplicate before touching the tree. */
  shapes: Map<string, Route<T>>
  /** The generated search of `root`; null to interpret it; undefined until the first lookup after
   * a change (compiling once per registration would make adding N routes cost N^2). */
  matcher: Matcher<T> | null | undefined
}

interface Registered<T> {
  info: RouteInfo<T>
  tokens: Token[]
}

export class Router<T> {
  private readonly trees = new Map<string, MethodTree<T>>()
  /** The trees of the commonest methods, also in `trees`: a comparison with a method name and a
   * field load cost a fraction of a Map lookup (method names are internalized strings, so the
   * comparison is of two pointers). */
  private get: MethodTree<T> | undefined
  private post: MethodTree<T> | undefined
  private put: MethodTree<T> | undefined
  private delete: MethodTree<T> | undefined
  private readonly registered: Registered<T>[] = []
  private readonly ignoreTrailingSlash: boolean
  private readonly caseSensitive: boolean
  private readonly maxParamLength: number
  private readonly compile: boolean
  /** The params shapes of the dynamic routes, one per list of names; `Route.shape` indexes it. */
  private readonly paramsShapes: Shape[] = []
  /** Build any of `paramsShapes`; undefined until the first match after a new shape. */
  private build: ShapeBuilders | undefined

  constructor(options: RouterOptions = {}) {
    this.ignoreTrailingSlash = options.ignoreTrailingSlash ?? false
    this.caseSensitive = options.caseSensitive ?? true
    const max = options.maxParamLength ?? 500
    if (!(max > 0)) throw new RangeError(`maxParamLength must be a positive number, got ${max}`)
    this.maxParamLength = max
    this.compile = options.compile ?? true
  }

  /**
   * Registers `value` for `path` under one or more methods. Throws a `PatternError`,
   * `UnsafePatternError`, `MethodError` or `DuplicateRouteError` and registers nothing when any
   * part of the call is invalid.
   */
  add(method: string | readonly string[], path: string, value: T): this {
    if (typeof method !== 'string' && !isIterable(method)) {
      throw new MethodError(
        String(method),
        'give a method as a string such as "GET", or an array of them',
      )
    }
    const methods: string[] = typeof method === 'string' ? [method] : [...method]
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
        tree = {
          statics: new Map(),
          lengths: new Uint8Array(LENGTHS),
          root: new Node(''),
          shapes: new Map(),
          matcher: undefined,
        }
        this.trees.set(m, tree)
        if (m === 'GET') this.get = tree
        else if (m === 'POST') this.post = tree
        else if (m === 'PUT') this.put = tree
        else if (m === 'DELETE') this.delete = tree
      }
      for (const variant of variants) {
        const route = new Route(m, path, value, variant)
        reserveParams(route.names.length)
        if (route.names.length > 0) route.shape = this.shapeIndex(route)
        if (isStatic(variant)) {
          const text = staticText(variant)
          tree.statics.set(text, route)
          tree.lengths[Math.min(text.length, LENGTHS - 1)] = 1
        } else {
          insert(tree.root, variant, route)
          tree.shapes.set(shapeOf(variant), route)
          tree.matcher = undefined
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
    const tree =
      method === 'GET'
        ? this.get
        : method === 'POST'
          ? this.post
          : method === 'PUT'
            ? this.put
            : method === 'DELETE'
              ? this.delete
              : this.trees.get(method)
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
    const subject = this.caseSensitive ? path : foldCase(path)

    // 1. Static routes, by exact text. Static text outranks any param at every position, so a hit
    //    is the answer; and a static pattern holds no '?' or '#', so no scan for them is needed
    //    before this first try.
    //    A dynamic path mostly has a length no static path has: then the hash lookup, which costs
    //    as much as hashing the path, is skipped for one byte read.
    const length = subject.length
    if (tree.lengths[length < LENGTHS ? length : LENGTHS - 1] !== 0) {
      const route = tree.statics.get(subject)
      if (route !== undefined) return route.result
    }

    // 2. The tree, searched as if the path had no query or fragment, which saves scanning every
    //    path for '?' and '#' before the search. That is exact whenever the path has neither, and
    //    the values of a match tell: static text never holds '?' or '#', so if the path has one,
    //    it lies in a value. `scan` reads the values once anyway, for '%' and their lengths.
    const leaf = this.search(tree, subject, path, subject.length)
    if (leaf !== null) {
      const flags = scan(path, path.length, leaf, this.maxParamLength)
      if ((flags & QUERY) === 0) return this.complete(leaf, path, flags)
    }

    // 3. The path has a query or a fragment (or nothing matches): search again up to it.
    let end = subject.indexOf('?')
    if (end === -1) end = subject.length
    const hash = subject.indexOf('#')
    if (hash !== -1 && hash < end) end = hash
    if (end === subject.length) return null
    const bare = tree.statics.get(subject.slice(0, end))
    if (bare !== undefined) return bare.result
    const found = this.search(tree, subject, path, end)
    return found === null
      ? null
      : this.complete(found, path, scan(path, end, found, this.maxParamLength))
  }

  /** The depth-first search of the tree up to `end`: generated code where allowed, else
   * interpreted. Returns the route, its param offsets in `pos`, or null. */
  private search(tree: MethodTree<T>, subject: string, path: string, end: number): Route<T> | null {
    let matcher = tree.matcher
    if (matcher === undefined) {
      matcher = this.compile ? compile(tree.root) : null
      tree.matcher = matcher
    }
    if (matcher !== null) return matcher(subject, path, end, pos)
    // Every pattern starts with '/', so the root's only child is the node that holds it.
    const first = tree.root.children[0]
    if (first === undefined || subject.charCodeAt(0) !== 47 /* '/' */) return null
    return search(first, subject, path, 0, end, 0)
  }

  /** Builds the result of a match from the offsets in `pos` and what `scan` found in them. */
  private complete(route: Route<T>, path: string, flags: number): FindResult<T> {
    if ((flags & TOO_LONG) !== 0) return PARAM_TOO_LONG
    let build = this.build
    if (build === undefined) build = this.build = shapeBuilders(this.paramsShapes)
    // Most requests have no '%': their values are taken as they are.
    if ((flags & PERCENT) === 0) return matched(route.value, build.plain(route.shape, path, pos))
    try {
      return matched(route.value, build.decoding(route.shape, path, pos))
    } catch {
      return MALFORMED_URI
    }
  }

  private shapeIndex(route: Route<T>): number {
    const known = this.paramsShapes.findIndex((s) => s.Params === route.Params)
    if (known !== -1) return known
    this.build = undefined
    return this.paramsShapes.push({ Params: route.Params, count: route.names.length }) - 1
  }
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

/** An array of methods, or any other iterable of them (a `Set`): not a number or a plain object,
 * which `[...method]` would refuse with a bare `TypeError`. */
function isIterable(value: unknown): value is Iterable<string> {
  return typeof value === 'object' && value !== null && Symbol.iterator in value
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

/** `scan` flags: a value holds a '%'; a value holds a '?' or '#' (the path has a query or a
 * fragment); a named param is longer than `maxParamLength`. */
const PERCENT = 1
const QUERY = 2
const TOO_LONG = 4

/** Up to this many characters in all, the values are read with a loop of `charCodeAt` (about 20
 * instructions a character in V8); past it, three `indexOf` calls (about 120 each, most of it
 * the call) cost less. */
const LOOP_CHARS = 16

/**
 * Reads the values of a match (offsets in `pos`, all before `end`) once: what they hold that the
 * result depends on.
 * A match reached the end of the path, and static text holds no '?' or '#', so if the path has a
 * query or a fragment, it starts inside a value; the values are all a '%' can be in too, but for
 * static text of a pattern with characters outside ASCII, which only makes the decoding builder
 * look at each value. So only the values are read: three scans of the whole path for '?', '#' and '%' cost
 * more than the rest of a typical lookup.
 */
function scan(path: string, end: number, route: Route<unknown>, maxParamLength: number): number {
  let flags = 0
  let chars = 0
  const count = route.names.length
  for (let k = 0; k < count; k++) {
    const length = (pos[2 * k + 1] as number) - (pos[2 * k] as number)
    if (length > maxParamLength && k < route.named) flags |= TOO_LONG
    chars += length
  }
  if (count === 0) return flags
  const first = pos[0] as number
  if (chars > LOOP_CHARS) {
    // From the first value to `end`: what these find lies in a value, or is a '%' in static text.
    const query = path.indexOf('?', first)
    const hash = path.indexOf('#', first)
    if ((query !== -1 && query < end) || (hash !== -1 && hash < end)) return QUERY
    const percent = path.indexOf('%', first)
    return percent !== -1 && percent < end ? flags | PERCENT : flags
  }
  for (let k = 0; k < count; k++) {
    const stop = pos[2 * k + 1] as number
    for (let j = pos[2 * k] as number; j < stop; j++) {
      const c = path.charCodeAt(j)
      // Letters, the commonest characters of a value, are all above '?' (63).
      if (c <= 63) {
        if (c === 37 /* '%' */) flags |= PERCENT
        else if (c === 63 /* '?' */ || c === 35 /* '#' */) return QUERY
      }
    }
  }
  return flags
}
