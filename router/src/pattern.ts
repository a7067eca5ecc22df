import { PatternError, UnsafePatternError } from './errors.js'
import { checkConstraint } from './safe-regex.js'

export interface StaticToken {
  readonly kind: 'static'
  readonly text: string
}
export interface ParamToken {
  readonly kind: 'param'
  readonly name: string
  /** Regex source of the constraint, without the parentheses, or null. */
  readonly constraint: string | null
  readonly optional: boolean
}
export interface WildcardToken {
  readonly kind: 'wildcard'
}
export type Token = StaticToken | ParamToken | WildcardToken

const NAME_START = /[A-Za-z_]/
const NAME_CHAR = /[A-Za-z0-9_]/

/**
 * The most params a route may have, a wildcard counting as one. The generated search passes the
 * offsets of the params found so far to the function of each deeper subtree, so the stack a lookup
 * needs grows with the square of a route's params: at 64 it is about a tenth of Node.js's default
 * stack, and at about 180 a lookup overflowed it. Refused at registration, where the check costs
 * nothing at lookup time.
 */
export const MAX_PARAMS = 64

/**
 * Parses a route pattern into static text, params and a wildcard, validating it eagerly so that a
 * mistake is reported at registration with the index where it starts.
 *
 * Static text is kept as it will appear in a request target: characters outside ASCII are
 * percent-encoded (UTF-8, upper-case hex), so `/café` matches `/caf%C3%A9`.
 */
export function parsePattern(pattern: string): Token[] {
  if (typeof pattern !== 'string') {
    throw new PatternError(String(pattern), -1, 'a pattern must be a string')
  }
  if (pattern[0] !== '/') {
    throw new PatternError(pattern, 0, "a pattern must start with '/'")
  }
  const tokens: Token[] = []
  const names = new Set<string>()
  let text = ''
  let i = 0
  const fail = (at: number, reason: string): never => {
    throw new PatternError(pattern, at, reason)
  }

  while (i < pattern.length) {
    const c = pattern[i] as string
    const code = c.charCodeAt(0)

    if (c === ':' && pattern[i + 1] === ':') {
      text += ':' // '::' is a literal colon
      i += 2
      continue
    }

    if (c === ':') {
      const start = i
      i++
      if (!NAME_START.test(pattern[i] ?? '')) {
        fail(
          start,
          "':' must be followed by a param name (a letter or '_', then letters, digits or '_'); write '::' for a literal colon",
        )
      }
      while (i < pattern.length && NAME_CHAR.test(pattern[i] as string)) i++
      const name = pattern.slice(start + 1, i)
      if (text === '' && tokens[tokens.length - 1]?.kind === 'param') {
        fail(
          start,
          `param ':${name}' directly follows another param; separate them with static text such as '-' or '.'`,
        )
      }
      if (names.has(name)) fail(start, `the param name '${name}' is used twice`)
      names.add(name)
      if (names.size > MAX_PARAMS) fail(start, tooManyParams(`':${name}'`))

      let constraint: string | null = null
      if (pattern[i] === '(') {
        const end = constraintEnd(pattern, i)
        if (end === -1) fail(i, `the constraint of ':${name}' has no closing ')'`)
        constraint = pattern.slice(i + 1, end)
        const unsafe = checkConstraint(constraint)
        if (unsafe !== null) throw new UnsafePatternError(pattern, i, constraint, unsafe)
        i = end + 1
      }

      let optional = false
      if (pattern[i] === '?') {
        optional = true
        if (i !== pattern.length - 1) {
          fail(i, `only the last param may be optional, and '?' must end the pattern`)
        }
        if (!(text.endsWith('/') || (text === '' && tokens.length === 0))) {
          fail(start, `an optional param must be a whole segment, as in /users/:id?`)
        }
        i++
      }

      if (text !== '') tokens.push({ kind: 'static', text })
      text = ''
      tokens.push({ kind: 'param', name, constraint, optional })
      continue
    }

    if (c === '*') {
      if (i !== pattern.length - 1 || !text.endsWith('/')) {
        fail(i, "'*' is only allowed as the whole last segment, as in /files/*")
      }
      if (names.size === MAX_PARAMS) fail(i, tooManyParams("the wildcard '*'"))
      tokens.push({ kind: 'static', text })
      text = ''
      tokens.push({ kind: 'wildcard' })
      i++
      continue
    }

    if (c === '?') {
      fail(
        i,
        "'?' starts a query string, which is not part of a route; for an optional param write /:name?",
      )
    }
    if (c === '#') fail(i, "'#' starts a fragment, which is not part of a route")
    if (code <= 0x20 || code === 0x7f) {
      fail(i, 'contains a space or control character; percent-encode it')
    }

    if (code > 0x7e) {
      // Percent-encode a non-ASCII character (a surrogate pair is one character).
      const wide = code >= 0xd800 && code <= 0xdbff && i + 1 < pattern.length ? 2 : 1
      try {
        text += encodeURIComponent(pattern.slice(i, i + wide))
      } catch {
        fail(i, 'contains a lone UTF-16 surrogate, which cannot be percent-encoded')
      }
      i += wide
      continue
    }

    text += c
    i++
  }
  if (text !== '') tokens.push({ kind: 'static', text })
  return tokens
}

function tooManyParams(which: string): string {
  return `${which} is param number ${MAX_PARAMS + 1}, and a route may have at most ${MAX_PARAMS} (a wildcard counts as one); take the rest of the path with a wildcard, or split the route`
}

/** Index of the ')' closing the constraint that opens at `open`, or -1. */
function constraintEnd(pattern: string, open: number): number {
  let depth = 0
  let inClass = false
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i]
    if (c === '\\') {
      i++
    } else if (inClass) {
      if (c === ']') inClass = false
    } else if (c === '[') {
      inClass = true
    } else if (c === '(') {
      depth++
    } else if (c === ')') {
      depth--
      if (depth === 0) return i
    }
  }
  return -1
}

/** Splits a pattern with an optional last param into the pattern without it and the one with it. */
export function expandOptional(tokens: Token[]): Token[][] {
  const last = tokens[tokens.length - 1]
  if (last?.kind !== 'param' || !last.optional) return [tokens]
  const required: Token[] = [...tokens.slice(0, -1), { ...last, optional: false }]
  const before = tokens.slice(0, -1)
  const prefix = before[before.length - 1]
  // '/users/:id?' -> '/users'; '/:id?' -> '/'
  if (prefix?.kind === 'static' && prefix.text.length > 1) {
    before[before.length - 1] = { kind: 'static', text: prefix.text.slice(0, -1) }
  }
  return [before, required]
}

/** The pattern with param names erased: two routes of one method with the same shape conflict. */
export function shapeOf(tokens: readonly Token[]): string {
  let shape = ''
  for (const t of tokens) {
    if (t.kind === 'static') shape += t.text.replaceAll(':', '::')
    else if (t.kind === 'wildcard') shape += '*'
    else shape += t.constraint === null ? ':' : `:(${t.constraint})`
  }
  return shape
}

/** Writes tokens back as a pattern (used for messages and listings). */
export function formatTokens(tokens: readonly Token[]): string {
  let out = ''
  for (const t of tokens) {
    if (t.kind === 'static') out += t.text.replaceAll(':', '::')
    else if (t.kind === 'wildcard') out += '*'
    else
      out += `:${t.name}${t.constraint === null ? '' : `(${t.constraint})`}${t.optional ? '?' : ''}`
  }
  return out
}
