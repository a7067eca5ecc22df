import {
  accepts,
  canGenerate,
  decodeValue,
  MALFORMED_URI,
  matched,
  PARAM_TOO_LONG,
} from './params.js'
import { LOOP_CHARS, QUERY, scanNarrow, scanWide } from './scan.js'
import type { Node, ParamNode, Route } from './tree.js'
import type { FindResult } from './types.js'

/** What a compiled search returns when the values of its match hold a '?' or '#': the path has a
 * query or a fragment, and must be searched again up to it. */
export const SEARCH_AGAIN: unique symbol = Symbol('search again')

/**
 * A compiled search of the tree up to `end` of `path` (case-folded when the router is not
 * case-sensitive; `original` is the path as requested), with the result of the match built: the
 * match, `MALFORMED_URI`, `PARAM_TOO_LONG`, null when nothing matches, or `SEARCH_AGAIN`.
 */
export type Matcher<T> = (
  path: string,
  original: string,
  end: number,
) => FindResult<T> | typeof SEARCH_AGAIN

/**
 * Above this many tree nodes the generated function would be too large for V8 to optimise well,
 * and the interpreter in tree.ts is used instead.
 */
export const MAX_COMPILED_NODES = 2000

/**
 * Turns a tree into one JavaScript function doing the same depth-first search as `search()` in
 * tree.ts. What it buys: static text is compared with inline `charCodeAt` tests against constants
 * (a call to `startsWith` costs several times more), children are picked by a `switch` on one
 * character code, param offsets live in local variables rather than an array, and each leaf builds
 * its params object with one constructor call. Returns null when code generation is not allowed
 * or the tree is too large.
 *
 * The generated code has the same shape as the search: a block per node that either returns a
 * result or falls through to the next candidate in priority order, which is how it backtracks.
 */
export function compile<T>(root: Node<T>, maxParamLength: number): Matcher<T> | null {
  const nodes = countNodes(root)
  if (!canGenerate || nodes > MAX_COMPILED_NODES) return null
  const g = new Generator<T>(
    maxParamLength,
    nodes <= SMALL_TREE_NODES ? Number.POSITIVE_INFINITY : INLINE_CHARS,
  )
  g.node(root, 'i0', 0, [])
  const main = g.lines.join('\n')
  const source = `${g.prologue().join('\n')}
${g.functions.join('\n')}
return function match(s, o, end) {
const i0 = 0
${main}
return null
}`
  const factory = new Function(
    'routes',
    'regexes',
    'accepts',
    'same',
    'matched',
    'decode',
    'scanWide',
    'scanNarrow',
    'SEARCH_AGAIN',
    'PARAM_TOO_LONG',
    'MALFORMED_URI',
    source,
  )
  return factory(
    g.routes,
    g.regexes,
    accepts,
    same,
    matched,
    decodeValue,
    scanWide,
    scanNarrow,
    SEARCH_AGAIN,
    PARAM_TOO_LONG,
    MALFORMED_URI,
  ) as Matcher<T>
}

function countNodes(node: Node<unknown>): number {
  let count = 1
  for (const child of node.children) count += countNodes(child)
  for (const param of node.params ?? []) {
    if (param.tail !== null) count += countNodes(param.tail)
    for (const suffix of param.suffixes ?? []) count += countNodes(suffix)
  }
  return count
}

/**
 * Static text is checked with inline `charCodeAt` tests for this many characters, and the rest with
 * a loop (`same`). Each inline test costs TurboFan a sizeable graph, and its compile time grows
 * faster than linearly with function size, so long runs of inline tests are not worth it.
 */
const INLINE_CHARS = 4

/** A tree this small compiles quickly whatever its size: its static text is tested inline
 * throughout, as `same` costs a call and a second `charCodeAt` per character. */
const SMALL_TREE_NODES = 100

/**
 * A function holds at most about this many tree nodes; a larger subtree becomes a function of its
 * own. One function for the whole GitHub table takes TurboFan seconds to compile, and runs slowly
 * meanwhile; small functions compile in milliseconds, and only the hot ones are compiled at all.
 */
const FUNCTION_NODES = 24

/** Whether `s` holds `text` from offset `at` on (the caller checked the length). */
function same(s: string, at: number, text: string): boolean {
  for (let j = 0; j < text.length; j++) {
    if (s.charCodeAt(at + j) !== text.charCodeAt(j)) return false
  }
  return true
}

class Generator<T> {
  lines: string[] = []
  readonly functions: string[] = []
  /** Tree nodes emitted into the function being written. */
  private size = 0
  readonly routes: Route<T>[] = []
  readonly regexes: RegExp[] = []
  private vars = 0

  constructor(
    private readonly maxParamLength: number,
    /** Characters of a node's text tested inline; the rest are tested by `same`. */
    private readonly inlineChars: number,
  ) {}

  /**
   * Emits the search of `node`, whose text starts at offset variable `at`; its first `verified`
   * characters are already known to match. `pairs` are the [start, end] variables of the params
   * captured so far.
   */
  node(node: Node<T>, at: string, verified: number, pairs: string[][]): void {
    this.size++
    const part = node.part
    const n = part.length
    const i = n === 0 ? at : this.variable()
    if (n > verified) {
      const tests = [`${at} + ${n} <= end`]
      // A short remainder is cheaper inline than through the loop.
      const inline = n - verified <= this.inlineChars + 2 ? n : verified + this.inlineChars
      for (let j = verified; j < inline; j++) {
        tests.push(`s.charCodeAt(${at} + ${j}) === ${part.charCodeAt(j)}`)
      }
      if (inline < n)
        tests.push(`same(s, ${at} + ${inline}, ${JSON.stringify(part.slice(inline))})`)
      this.lines.push(`if (${tests.join(' && ')}) { // ${comment(part)}`)
    } else {
      this.lines.push('{')
    }
    if (n > 0) this.lines.push(`const ${i} = ${at} + ${n}`)

    // At the end of the path: a route ending here, else a wildcard taking the empty rest.
    const atEnd = node.leaf ?? node.wildcard
    if (atEnd !== null) {
      const rest = node.leaf === null ? [[i, i]] : []
      this.lines.push(`if (${i} === end) ${this.leaf(atEnd, [...pairs, ...rest])}`)
    }

    if (node.children.length > 0) {
      this.lines.push(`switch (s.charCodeAt(${i})) {`)
      for (const child of node.children) {
        this.lines.push(`case ${child.part.charCodeAt(0)}: {`)
        this.subtree(child, i, 1, pairs)
        this.lines.push('break }')
      }
      this.lines.push('}')
    }

    if (node.params !== null) {
      const e = this.variable()
      this.lines.push(
        `{ let ${e} = s.indexOf('/', ${i}); if (${e} === -1 || ${e} > end) ${e} = end`,
      )
      this.lines.push(`if (${e} > ${i}) {`)
      for (const param of node.params) this.param(param, i, e, pairs)
      this.lines.push('} }')
    }

    if (node.wildcard !== null) {
      this.lines.push(`if (${i} < end) ${this.leaf(node.wildcard, [...pairs, [i, 'end']])}`)
    }
    this.lines.push('}')
  }

  /** Emits `node` inline, or as a call to a function of its own when its subtree is large. */
  private subtree(node: Node<T>, at: string, verified: number, pairs: string[][]): void {
    const nodes = countNodes(node)
    if (nodes === 1 || this.size + nodes <= FUNCTION_NODES) {
      this.node(node, at, verified, pairs)
      return
    }
    const f = `f${this.functions.length}`
    this.functions.push('') // reserve the name before nested subtrees take the next ones
    const args = [...new Set(['s', 'o', 'end', at, ...pairs.flat()])]
    const outer = { lines: this.lines, size: this.size }
    this.lines = []
    this.size = 0
    this.node(node, at, verified, pairs)
    this.functions[Number(f.slice(1))] =
      `function ${f}(${args.join(', ')}) {\n${this.lines.join('\n')}\nreturn null\n}`
    this.lines = outer.lines
    this.size = outer.size
    this.lines.push(`{ const r = ${f}(${args.join(', ')}); if (r !== null) return r }`)
  }

  private param(param: ParamNode<T>, start: string, segmentEnd: string, pairs: string[][]): void {
    const check = (end: string) =>
      param.regex === null ? '' : ` && accepts(${this.regex(param.regex)}, o, ${start}, ${end})`
    for (const suffix of param.suffixes ?? []) {
      // The value ends at the first occurrence of the literal after at least one character.
      const a = this.variable()
      this.lines.push(`{ const ${a} = s.indexOf(${JSON.stringify(suffix.part)}, ${start} + 1)`)
      this.lines.push(
        `if (${a} !== -1 && ${a} + ${suffix.part.length} <= ${segmentEnd}${check(a)}) {`,
      )
      this.subtree(suffix, a, suffix.part.length, [...pairs, [start, a]])
      this.lines.push('} }')
    }
    if (param.tail !== null) {
      this.lines.push(`if (true${check(segmentEnd)}) {`)
      this.subtree(param.tail, segmentEnd, 0, [...pairs, [start, segmentEnd]])
      this.lines.push('}')
    }
  }

  /** Regexes, and each route's value, params constructor and result builder, as constants of
   * the generated closure. */
  prologue(): string[] {
    const lines = this.regexes.map((_, x) => `const R${x} = regexes[${x}]`)
    this.routes.forEach((route, r) => {
      lines.push(`const V${r} = routes[${r}].value, P${r} = routes[${r}].Params`)
      lines.push(this.finisher(route, r))
    })
    return lines
  }

  /** A leaf: the route's result built from the offsets of its values, in its own function. */
  private leaf(route: Route<T>, pairs: string[][]): string {
    const r = this.routes.push(route) - 1
    return `return d${r}(o, end, ${pairs.flat().join(', ')}) // ${comment(route.pattern)}`
  }

  /**
   * The function that builds route `r`'s result from its values' offsets, `(o, end, a0, b0, a1,
   * b1, ...)`, specialised to it: the values are read for '?', '#' and '%' with as many calls as
   * it has values, their lengths checked against constants, and its params object built by one
   * known constructor from slices of the path, all without a buffer of offsets between the search
   * and the build, a loop over the route's names, or a switch over params shapes.
   */
  private finisher(route: Route<T>, r: number): string {
    const values = Array.from({ length: route.names.length }, (_, j) => j)
    const args = values.map((j) => `a${j}, b${j}`).join(', ')
    const chars = values.map((j) => `(b${j} - a${j})`).join(' + ')
    const narrow = values.map((j) => `scanNarrow(o, a${j}, b${j})`).join(' | ')
    const tooLong = values
      .slice(0, route.named)
      .map((j) => `b${j} - a${j} > ${this.maxParamLength}`)
      .join(' || ')
    const plain = values.map((j) => `o.slice(a${j}, b${j})`).join(', ')
    const decoded = values.map((j) => `decode(o, a${j}, b${j})`).join(', ')
    return `function d${r}(o, end, ${args}) {
const flags = ${chars} > ${LOOP_CHARS} ? scanWide(o, a0, end) : ${narrow}
if ((flags & ${QUERY}) !== 0) return SEARCH_AGAIN
${tooLong === '' ? '' : `if (${tooLong}) return PARAM_TOO_LONG`}
if (flags === 0) return matched(V${r}, new P${r}(${plain}))
try { return matched(V${r}, new P${r}(${decoded})) } catch { return MALFORMED_URI }
}`
  }

  private regex(regex: RegExp): string {
    return `R${this.regexes.push(regex) - 1}`
  }

  private variable(): string {
    this.vars++
    return `i${this.vars}`
  }
}

/** Text safe to put in a line comment of the generated source. */
function comment(text: string): string {
  return JSON.stringify(text).replace(/[\r\n\u2028\u2029]/g, ' ')
}
