import { accepts, canGenerate } from './params.js'
import type { Node, ParamNode, Route } from './tree.js'

/**
 * A compiled search, with the contract of `search()` in tree.ts: `(path, original, end, pos)` →
 * the matched route, its param offsets written to `pos`, or null.
 */
export type Matcher<T> = (
  path: string,
  original: string,
  end: number,
  pos: Int32Array,
) => Route<T> | null

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
export function compile<T>(root: Node<T>): Matcher<T> | null {
  if (!canGenerate || countNodes(root) > MAX_COMPILED_NODES) return null
  const g = new Generator<T>()
  g.node(root, 'i0', 0, [])
  const main = g.lines.join('\n')
  const source = `${g.prologue().join('\n')}
${g.functions.join('\n')}
return function match(s, o, end, pos) {
const i0 = 0
${main}
return null
}`
  const factory = new Function('routes', 'regexes', 'accepts', 'same', source)
  return factory(g.routes, g.regexes, accepts, same) as Matcher<T>
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
      const inline = n - verified <= INLINE_CHARS + 2 ? n : verified + INLINE_CHARS
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
    const args = [...new Set(['s', 'o', 'end', 'pos', at, ...pairs.flat()])]
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

  /** Routes and regexes as constants of the generated closure. */
  prologue(): string[] {
    const lines = this.routes.map((_, r) => `const r${r} = routes[${r}]`)
    lines.push(...this.regexes.map((_, x) => `const R${x} = regexes[${x}]`))
    return lines
  }

  /** Records the param offsets in `pos` and returns the route; the router builds the result, so
   * that each leaf stays a few stores long. */
  private leaf(route: Route<T>, pairs: string[][]): string {
    const r = this.routes.push(route) - 1
    const stores = pairs
      .map(([a, b], j) => `pos[${2 * j}] = ${a}; pos[${2 * j + 1}] = ${b}; `)
      .join('')
    return `{ ${stores}return r${r} } // ${comment(route.pattern)}`
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
