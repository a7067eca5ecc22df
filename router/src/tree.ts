import { accepts, EMPTY_PARAMS, type ParamsConstructor, paramsConstructor } from './params.js'
import type { ParamToken, Token } from './pattern.js'
import type { Match } from './types.js'

/**
 * The radix tree of one method's dynamic routes (routes with a param or a wildcard; static routes
 * live in a Map in front of it, see router.ts).
 *
 * A `Node` consumes static text. Its static children are keyed by their first character code; its
 * params are tried after them, constrained params first; its wildcard last. A `ParamNode` consumes a
 * param value and continues either after a literal suffix in the same segment (`:file.:ext`) or at
 * the end of the segment (`tail`).
 *
 * Matching is a depth-first search in priority order, so it backtracks: when a static branch fails
 * further down, the params of the same node are tried next. Param values are recorded as [start,
 * end) offsets and only turned into strings once a route has matched. `compile.ts` turns a tree
 * into a JavaScript function that does the same search; `search` below interprets the tree where
 * code generation is not allowed or the tree is too large for it to pay.
 */

export class Route<T> {
  /** Frozen result returned as is for a static route, so a static hit allocates nothing. */
  readonly result: Match<T> | null
  /** Names of the params in pattern order; `'*'` last for a wildcard route. */
  readonly names: readonly string[]
  /** How many of `names` are named params (the wildcard is not limited by maxParamLength). */
  readonly named: number
  readonly Params: ParamsConstructor
  /** The number of its params shape in its router (see `shapeBuilder`), set by the router when
   * the route has params; -1 on a route without, which never reaches the builder. */
  shape = -1

  constructor(
    readonly method: string,
    readonly pattern: string,
    readonly value: T,
    tokens: readonly Token[],
  ) {
    const names: string[] = []
    for (const t of tokens) {
      if (t.kind === 'param') names.push(t.name)
      else if (t.kind === 'wildcard') names.push('*')
    }
    this.names = names
    this.named = names[names.length - 1] === '*' ? names.length - 1 : names.length
    this.Params = paramsConstructor(names)
    this.result = names.length === 0 ? Object.freeze({ value, params: EMPTY_PARAMS }) : null
  }
}

export class Node<T> {
  /** Static text this node consumes. */
  part: string
  /** First character codes of the static children, parallel to `children`: a scan over a few
   * small integers is faster than a Map lookup for the handful of children a node has. */
  codes: number[] = []
  children: Node<T>[] = []
  /** Constrained params (by regex source), then the plain param. */
  params: ParamNode<T>[] | null = null
  wildcard: Route<T> | null = null
  leaf: Route<T> | null = null

  constructor(part: string) {
    this.part = part
  }
}

export class ParamNode<T> {
  /** Continuations after a literal suffix inside the segment (`-` in `:from-:to`), longest first. */
  suffixes: Node<T>[] | null = null
  /** Continuation when the value runs to the end of the segment. Its `part` is ''. */
  tail: Node<T> | null = null

  constructor(
    readonly regex: RegExp | null,
    readonly source: string,
  ) {}
}

// --- registration ----------------------------------------------------------------------------

/** Inserts a dynamic route; returns the route already there if the shape is taken. */
export function insert<T>(
  root: Node<T>,
  tokens: readonly Token[],
  route: Route<T>,
): Route<T> | null {
  let node = root
  for (let t = 0; t < tokens.length; t++) {
    const token = tokens[t] as Token
    if (token.kind === 'static') {
      node = insertStatic(node, token.text)
    } else if (token.kind === 'wildcard') {
      if (node.wildcard !== null) return node.wildcard
      node.wildcard = route
      return null
    } else {
      const param = paramChild(node, token)
      const next = tokens[t + 1]
      if (next?.kind === 'static' && next.text[0] !== '/') {
        // A literal right after the param, in the same segment: '.json' in '/:id.json/meta'.
        const slash = next.text.indexOf('/')
        const literal = slash === -1 ? next.text : next.text.slice(0, slash)
        node = suffixChild(param, literal)
        if (slash !== -1) node = insertStatic(node, next.text.slice(slash))
        t++
      } else {
        param.tail ??= new Node('')
        node = param.tail
      }
    }
  }
  if (node.leaf !== null) return node.leaf
  node.leaf = route
  return null
}

function insertStatic<T>(parent: Node<T>, text: string): Node<T> {
  let node = parent
  let rest = text
  while (rest.length > 0) {
    const index = node.codes.indexOf(rest.charCodeAt(0))
    if (index === -1) {
      const child = new Node<T>(rest)
      node.codes.push(rest.charCodeAt(0))
      node.children.push(child)
      return child
    }
    const child = node.children[index] as Node<T>
    const common = commonPrefix(child.part, rest)
    if (common < child.part.length) split(child, common)
    node = child
    rest = rest.slice(common)
  }
  return node
}

/** Splits `node` after `at` characters: it keeps the head, a new child takes the rest and all
 * that hung below. Parents keep their reference to `node`. */
function split<T>(node: Node<T>, at: number): void {
  const lower = new Node<T>(node.part.slice(at))
  lower.codes = node.codes
  lower.children = node.children
  lower.params = node.params
  lower.wildcard = node.wildcard
  lower.leaf = node.leaf
  node.part = node.part.slice(0, at)
  node.codes = [lower.part.charCodeAt(0)]
  node.children = [lower]
  node.params = null
  node.wildcard = null
  node.leaf = null
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length)
  let i = 0
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++
  return i
}

function paramChild<T>(node: Node<T>, token: ParamToken): ParamNode<T> {
  const source = token.constraint ?? ''
  node.params ??= []
  let param = node.params.find((p) => p.source === source)
  if (param === undefined) {
    param = new ParamNode<T>(
      token.constraint === null ? null : new RegExp(`^(?:${source})$`),
      source,
    )
    node.params.push(param)
    // Constrained before plain; among constrained, by source text, so that the priority never
    // depends on registration order.
    node.params.sort((a, b) =>
      a.regex === null
        ? 1
        : b.regex === null
          ? -1
          : a.source < b.source
            ? -1
            : a.source > b.source
              ? 1
              : 0,
    )
  }
  return param
}

function suffixChild<T>(param: ParamNode<T>, literal: string): Node<T> {
  param.suffixes ??= []
  let node = param.suffixes.find((n) => n.part === literal)
  if (node === undefined) {
    node = new Node<T>(literal)
    param.suffixes.push(node)
    param.suffixes.sort(
      (a, b) => b.part.length - a.part.length || (a.part < b.part ? -1 : a.part > b.part ? 1 : 0),
    )
  }
  return node
}

// --- lookup ------------------------------------------------------------------------------------

/** Param offsets of the current search: [start0, end0, start1, end1, ...]. `find()` is synchronous
 * and runs no user code, so one buffer serves every router. */
export let pos = new Int32Array(32)

export function reserveParams(count: number): void {
  if (count * 2 > pos.length) pos = new Int32Array(count * 4)
}

/**
 * Depth-first search from `node` at offset `i` of `path` (case-folded when the router is not
 * case-sensitive; `original` is the path as requested). Returns the matched route, with its param
 * offsets in `pos[0 .. 2k)`, or null.
 */
export function search<T>(
  node: Node<T>,
  path: string,
  original: string,
  i: number,
  end: number,
  k: number,
): Route<T> | null {
  // 1. This node's static text ('/repos/' ...). The caller found it by first character.
  // A loop of charCodeAt compares: V8 inlines them, while startsWith with a position is a call
  // that costs several times more on the short parts a radix tree holds.
  const part = node.part
  const n = part.length
  if (n > 1) {
    if (i + n > end) return null
    for (let j = 1; j < n; j++) {
      if (path.charCodeAt(i + j) !== part.charCodeAt(j)) return null
    }
  }
  i += n
  if (i === end) {
    if (node.leaf !== null) return node.leaf
    if (node.wildcard !== null) {
      // '/files/*' matches '/files/' with an empty rest
      pos[2 * k] = end
      pos[2 * k + 1] = end
      return node.wildcard
    }
    return null
  }
  if (i > end) return null

  // 2. Static children, by first character.
  const codes = node.codes
  if (codes.length !== 0) {
    const c = path.charCodeAt(i)
    for (let j = 0; j < codes.length; j++) {
      if (codes[j] === c) {
        const found = search(node.children[j] as Node<T>, path, original, i, end, k)
        if (found !== null) return found
        break
      }
    }
  }

  // 3. Params: constrained first, then plain.
  const params = node.params
  if (params !== null) {
    let segmentEnd = path.indexOf('/', i)
    if (segmentEnd === -1 || segmentEnd > end) segmentEnd = end
    if (segmentEnd > i) {
      for (let j = 0; j < params.length; j++) {
        const found = searchParam(params[j] as ParamNode<T>, path, original, i, segmentEnd, end, k)
        if (found !== null) return found
      }
    }
  }

  // 4. Wildcard: the rest of the path, '/' included.
  if (node.wildcard !== null) {
    pos[2 * k] = i
    pos[2 * k + 1] = end
    return node.wildcard
  }
  return null
}

function searchParam<T>(
  param: ParamNode<T>,
  path: string,
  original: string,
  i: number,
  segmentEnd: number,
  end: number,
  k: number,
): Route<T> | null {
  // A literal suffix in the segment ('/:file.:ext'): the value ends at its first occurrence after
  // at least one character. First occurrence only, so a long segment costs one scan per suffix.
  const suffixes = param.suffixes
  if (suffixes !== null) {
    for (let j = 0; j < suffixes.length; j++) {
      const next = suffixes[j] as Node<T>
      const at = path.indexOf(next.part, i + 1)
      if (
        at !== -1 &&
        at + next.part.length <= segmentEnd &&
        (param.regex === null || accepts(param.regex, original, i, at))
      ) {
        pos[2 * k] = i
        pos[2 * k + 1] = at
        const found = search(next, path, original, at, end, k + 1)
        if (found !== null) return found
      }
    }
  }
  // The value runs to the end of the segment: the route ends there, or the path goes on with '/'
  // into the tail's only child (every continuation after a whole-segment param starts with '/').
  const tail = param.tail
  if (tail !== null && (param.regex === null || accepts(param.regex, original, i, segmentEnd))) {
    pos[2 * k] = i
    pos[2 * k + 1] = segmentEnd
    if (segmentEnd === end) return tail.leaf
    const next = tail.children[0]
    return next === undefined ? null : search(next, path, original, segmentEnd, end, k + 1)
  }
  return null
}
