/**
 * Param constraints (`/:id(\d+)`) are JavaScript regular expressions run by a backtracking engine,
 * so an unrestricted pattern such as `(a+)+$` can take exponential time on a crafted path (ReDoS).
 * Constraints are therefore limited to a subset whose matching time is linear in the value length:
 *
 * - atoms: a literal character, `.`, an escape (`\d \D \w \W \s \S`, `\xHH`, `\uHHHH`, or an
 *   escaped punctuation character), a character class `[...]`, or a non-capturing group `(?:...)`;
 * - a quantifier (`? * + {n} {n,} {n,m}`, optionally lazy) may follow an atom but not a group;
 * - each top-level alternative holds at most one quantifier whose length varies (`{n}` is fixed),
 *   and the alternation inside groups multiplies to at most 64 branches in all;
 * - no anchors (the router anchors the constraint to the whole value), no capturing or named groups,
 *   no lookarounds, no backreferences, no Unicode property escapes, at most 200 characters.
 *
 * Under these rules a match attempt tries at most (branches × value length) positions.
 */

export const MAX_CONSTRAINT_LENGTH = 200
export const MAX_BRANCHES = 64

/** Returns null when `source` is safe, or the reason it is refused. */
export function checkConstraint(source: string): string | null {
  if (source.length === 0) return 'is empty'
  if (source.length > MAX_CONSTRAINT_LENGTH) {
    return `is longer than ${MAX_CONSTRAINT_LENGTH} characters`
  }
  const parser = new Parser(source)
  try {
    const { variable, branches } = parser.alternation(0)
    if (parser.i < source.length) return `has an unbalanced ')' at offset ${parser.i}`
    if (variable > 1) {
      return 'has more than one variable-length quantifier (?, *, +, {n,m}) in one alternative; split it into two routes or two alternatives'
    }
    if (branches > MAX_BRANCHES) return `has more than ${MAX_BRANCHES} alternative branches`
  } catch (error) {
    return (error as Error).message
  }
  try {
    new RegExp(source)
  } catch (error) {
    return `is not a valid regular expression (${(error as Error).message})`
  }
  return null
}

interface Summary {
  /** Largest count of variable-length quantifiers in any one top-level alternative. */
  variable: number
  /** Number of branches a match may try, counting alternation in nested groups. */
  branches: number
}

class Parser {
  i = 0
  constructor(readonly s: string) {}

  /** alternation := sequence ('|' sequence)* */
  alternation(depth: number): Summary {
    let variable = 0
    let branches = 0
    for (;;) {
      const seq = this.sequence(depth)
      variable = Math.max(variable, seq.variable)
      branches += seq.branches
      if (this.s[this.i] !== '|') return { variable, branches }
      this.i++
    }
  }

  /** sequence := (atom quantifier?)* */
  sequence(depth: number): Summary {
    let variable = 0
    let branches = 1
    const s = this.s
    while (this.i < s.length) {
      const c = s[this.i] as string
      if (c === '|') break
      if (c === ')') {
        if (depth === 0) throw new Error(`has an unbalanced ')' at offset ${this.i}`)
        break
      }
      if (c === '(') {
        const group = this.group(depth)
        // A group holding a variable quantifier counts once per branch for the sequence around it.
        variable += group.variable
        branches *= group.branches
        if (branches > MAX_BRANCHES)
          throw new Error(`has more than ${MAX_BRANCHES} alternative branches`)
        if (isQuantifierStart(s, this.i)) {
          throw new Error(
            `quantifies a group at offset ${this.i}; quantify single characters or classes only`,
          )
        }
        continue
      }
      this.atom()
      if (isQuantifierStart(s, this.i)) {
        if (this.quantifier()) variable++
      }
    }
    return { variable, branches }
  }

  group(depth: number): Summary {
    const s = this.s
    const start = this.i
    if (s[start + 1] !== '?' || s[start + 2] !== ':') {
      if (s[start + 1] === '?') {
        throw new Error(
          `uses a lookaround or named group at offset ${start}; only (?:...) groups are allowed`,
        )
      }
      throw new Error(`uses a capturing group at offset ${start}; write (?:...) instead`)
    }
    this.i = start + 3
    const inner = this.alternation(depth + 1)
    if (s[this.i] !== ')') throw new Error(`has an unclosed group at offset ${start}`)
    this.i++
    return inner
  }

  atom(): void {
    const s = this.s
    const c = s[this.i]
    if (c === '^' || c === '$') {
      throw new Error(
        `uses the anchor '${c}' at offset ${this.i}; constraints always match the whole value`,
      )
    }
    if (c === '*' || c === '+' || c === '?' || isQuantifierStart(s, this.i)) {
      throw new Error(`has a quantifier with nothing to repeat at offset ${this.i}`)
    }
    if (c === '[') this.charClass()
    else if (c === '\\') this.escape(false)
    else this.i++
  }

  charClass(): void {
    const s = this.s
    const start = this.i
    this.i++
    if (s[this.i] === '^') this.i++
    if (s[this.i] === ']') this.i++ // a leading ']' is a literal
    while (this.i < s.length && s[this.i] !== ']') {
      if (s[this.i] === '\\') this.escape(true)
      else this.i++
    }
    if (this.i >= s.length) throw new Error(`has an unclosed character class at offset ${start}`)
    this.i++
  }

  escape(inClass: boolean): void {
    const s = this.s
    const at = this.i
    const c = s[at + 1]
    if (c === undefined) throw new Error('ends with a lone backslash')
    if ('dDwWsS'.includes(c)) {
      this.i += 2
      return
    }
    if (c === 'x' && /^[0-9a-fA-F]{2}$/.test(s.slice(at + 2, at + 4))) {
      this.i += 4
      return
    }
    if (c === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(at + 2, at + 6))) {
      this.i += 6
      return
    }
    if (inClass && c === 'b') {
      this.i += 2 // backspace inside a class
      return
    }
    if (/[0-9A-Za-z]/.test(c)) {
      throw new Error(
        `uses the escape \\${c} at offset ${at}; allowed escapes are \\d \\D \\w \\W \\s \\S \\xHH \\uHHHH and escaped punctuation`,
      )
    }
    this.i += 2
  }

  /** Consumes a quantifier; returns true when its length varies. */
  quantifier(): boolean {
    const s = this.s
    const c = s[this.i]
    let variable = true
    if (c === '{') {
      const m = /^\{(\d{1,4})(,(\d{0,4}))?\}/.exec(s.slice(this.i))
      if (m === null) throw new Error(`has a malformed {n,m} quantifier at offset ${this.i}`)
      const min = Number(m[1])
      const max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3])
      if (max < min) throw new Error(`has a {n,m} quantifier with m < n at offset ${this.i}`)
      variable = max !== min
      this.i += m[0].length
    } else {
      this.i++
    }
    if (s[this.i] === '?') this.i++ // lazy: same cost
    if (isQuantifierStart(s, this.i))
      throw new Error(`has a repeated quantifier at offset ${this.i}`)
    return variable
  }
}

function isQuantifierStart(s: string, i: number): boolean {
  const c = s[i]
  return c === '*' || c === '+' || c === '?' || (c === '{' && /^\{\d/.test(s.slice(i, i + 2)))
}
