/**
 * Randomized lookup sets: lookups nobody picked, so that no router is measured only on the paths
 * it was tuned for. Generated from a seed, which the results record: `--seed N` repeats a run's
 * sets exactly, and a new seed is drawn by default.
 *
 * - `random-hits`: routes drawn at random (so every method of the table, in its proportions), each
 *   param filled with a value of 1 to 40 characters, some of them with percent-escapes (`%2F`,
 *   `%25`, `%C3%A9`, ...); a trailing wildcard takes 1 to 40 characters too, `/` included.
 * - `random-misses`: such paths mutated until no route matches: a changed letter, a missing
 *   segment, an extra segment, a trailing slash; some under another method of the table.
 * - `random-mix`: hits and misses drawn afresh and interleaved, three hits to one miss.
 *
 * Answers come from the table's semantics written as regular expressions (a param takes one or
 * more characters other than '/', up to the first occurrence of the static text after it; a
 * trailing `*` takes the rest), with values percent-decoded, as the hand-picked sets' do; a path
 * that two routes match is drawn again, so that no answer depends on a priority rule.
 */
import { paramNames, type RouteDef, seededRandom } from '@routebench/fixtures'
import type { Answer } from './adapters/adapter.js'
import { routeName } from './adapters/build-table.js'
import type { Lookup, LookupSet } from './lookups.js'

/** Lookups per randomized set: enough that every method and kind of mutation appears. */
export const RANDOM_SET_SIZE = 512

export const RANDOM_SET_NAMES = ['random-hits', 'random-misses', 'random-mix'] as const

/** Shortest and longest param value, in characters as sent (an escape counts three). */
export const VALUE_MIN = 1
export const VALUE_MAX = 40

/** Escapes a value may hold: a '/', a '%', a '?' and a '#' that are data, a space, a ':', and
 * two- and three-byte UTF-8. */
export const ESCAPES = ['%2F', '%25', '%3F', '%23', '%20', '%3A', '%C3%A9', '%E2%82%AC'] as const

/** Characters of a value besides escapes: RFC 3986's unreserved set. */
const UNRESERVED = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~'

/** Share of values drawn with escapes, and of their characters that start one. */
const ESCAPED_VALUES = 0.25
const ESCAPE_RATE = 0.2

/** Share of misses looked up under another method of the table than the path was built for. */
const OTHER_METHOD = 0.15

/** Share of misses in `random-mix`. */
const MIX_MISSES = 0.25

export const MUTATIONS = [
  'changed letter',
  'missing segment',
  'extra segment',
  'trailing slash',
] as const

/** A new seed for a run: any unsigned 32-bit integer. */
export function newSeed(): number {
  return Math.floor(Math.random() * 2 ** 32)
}

/** The randomized sets of a table for `seed`: the same seed and table give the same sets. */
export function randomSets(
  tableName: string,
  routes: readonly RouteDef[],
  seed: number,
  size = RANDOM_SET_SIZE,
): LookupSet[] {
  const g = new Generator(routes, seededRandom(mixSeed(seed, tableName)))
  const hits = Array.from({ length: size }, () => g.hit())
  const misses = Array.from({ length: size }, () => g.miss())
  const mix = Array.from({ length: size }, () => (g.random() < MIX_MISSES ? g.miss() : g.hit()))
  const params = routes.some((r) => r.path.includes(':') || r.path.endsWith('/*'))
  return [
    {
      name: 'random-hits',
      description: params
        ? `${size} routes drawn at random, params of ${VALUE_MIN} to ${VALUE_MAX} characters (${escapedShare(hits)} of the paths with percent-escapes), seeded`
        : `${size} routes drawn at random (the table has no params), seeded`,
      lookups: hits,
    },
    {
      name: 'random-misses',
      description: `${size} such paths made misses by a changed letter, a missing or extra segment, or a trailing slash (${Math.round(OTHER_METHOD * 100)}% under another method), seeded`,
      lookups: misses,
    },
    {
      name: 'random-mix',
      description: `${size} fresh lookups, a miss for every three hits, seeded`,
      lookups: mix,
    },
  ]
}

/** One seed per table from the run's seed, so that the tables' sets are not drawn alike. */
function mixSeed(seed: number, tableName: string): number {
  let h = seed >>> 0
  for (let i = 0; i < tableName.length; i++) h = Math.imul(h ^ tableName.charCodeAt(i), 0x9e3779b1)
  return (h ^ (h >>> 16)) >>> 0
}

function escapedShare(lookups: readonly Lookup[]): string {
  const escaped = lookups.filter((l) => l.path.includes('%')).length
  return `${Math.round((escaped / lookups.length) * 100)}%`
}

/**
 * The path as a server receives it: one flat string, not internalised. Strings built by
 * concatenation are ropes, and a literal or a JSON key is internalised: a router would be timed on
 * a string it never sees from `node:http`, which hashes and compares differently.
 */
export function asReceived(path: string): string {
  return Buffer.from(path, 'latin1').toString('latin1')
}

interface CompiledRoute {
  readonly route: RouteDef
  readonly name: string
  /** The static text before the first param: a cheap filter before the regular expression. */
  readonly prefix: string
  readonly regexp: RegExp
  readonly names: readonly string[]
}

/** A table's routes as regular expressions, and the answers they give. */
export class Semantics {
  private readonly compiled: readonly CompiledRoute[]

  constructor(routes: readonly RouteDef[]) {
    this.compiled = routes.map((route) => {
      const { regexp, names } = patternRegExp(route.path)
      const prefix = /^[^:*]*/.exec(route.path)?.[0] ?? ''
      return { route, name: routeName(route), prefix, regexp, names }
    })
  }

  /** The answers of every route of `method` that matches `path`; throws a `URIError` when a
   * matching route's value cannot be decoded. */
  matches(method: string, path: string): Answer[] {
    const found: Answer[] = []
    for (const c of this.compiled) {
      if (c.route.method !== method || !path.startsWith(c.prefix)) continue
      const match = c.regexp.exec(path)
      if (match === null) continue
      const params = Object.fromEntries(
        c.names.map((name, i) => [name, decodeURIComponent(match[i + 1] as string)]),
      )
      found.push({ route: c.name, params })
    }
    return found
  }
}

/**
 * `pattern` as a regular expression: a param takes one or more characters other than '/', up to
 * the first occurrence of the static text after it in its segment; a trailing `*` takes the rest.
 */
export function patternRegExp(pattern: string): { regexp: RegExp; names: string[] } {
  const wildcard = pattern.endsWith('/*')
  const body = wildcard ? pattern.slice(0, -1) : pattern
  const names: string[] = []
  let source = ''
  let last = 0
  for (const param of body.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)) {
    source += escapeRegExp(body.slice(last, param.index))
    names.push(param[1] as string)
    last = param.index + param[0].length
    source += last === body.length || body[last] === '/' ? '([^/]+)' : '([^/]+?)'
  }
  source += escapeRegExp(body.slice(last))
  if (wildcard) {
    source += '(.*)'
    names.push('*')
  }
  return { regexp: new RegExp(`^${source}$`), names }
}

function decodable(path: string): boolean {
  try {
    decodeURIComponent(path)
    return true
  } catch {
    return false
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
}

/** Draws before giving up on a lookup: a table where no path can miss (a catch-all) has no misses. */
const MAX_TRIES = 10_000

class Generator {
  private readonly semantics: Semantics
  private readonly methods: readonly string[]

  constructor(
    private readonly routes: readonly RouteDef[],
    readonly random: () => number,
  ) {
    if (routes.length === 0) throw new RangeError('a table without routes has no lookups')
    this.semantics = new Semantics(routes)
    this.methods = [...new Set(routes.map((r) => r.method))]
  }

  private pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)] as T
  }

  private int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1))
  }

  /** A value of `VALUE_MIN` to `VALUE_MAX` characters as sent; with `slashes`, a wildcard's rest,
   * which may hold '/' between non-empty segments. */
  value(slashes = false): string {
    const length = this.int(VALUE_MIN, VALUE_MAX)
    const escaped = this.random() < ESCAPED_VALUES
    let value = ''
    while (value.length < length) {
      const room = length - value.length
      if (escaped && this.random() < ESCAPE_RATE) {
        const triplet = this.pick(ESCAPES.filter((e) => e.length <= room))
        if (triplet !== undefined) {
          value += triplet
          continue
        }
      }
      const last = value.charCodeAt(value.length - 1)
      if (slashes && value !== '' && last !== 47 && room > 1 && this.random() < 0.1) value += '/'
      else value += this.pick([...UNRESERVED])
    }
    return value
  }

  /** A path built from a random route, and its answer. */
  hit(): Lookup {
    for (let t = 0; t < MAX_TRIES; t++) {
      const route = this.pick(this.routes)
      const names = paramNames(route.path)
      let index = 0
      let path = route.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, () => {
        index++
        return this.value()
      })
      if (path.endsWith('/*')) path = `${path.slice(0, -1)}${this.value(true)}`
      const found = this.semantics.matches(route.method, path)
      // Drawn again when another route matches too (a value equal to a static segment), so that
      // no answer depends on priority.
      if (found.length !== 1 || found[0]?.route !== routeName(route) || index !== names.length)
        continue
      return { method: route.method, path: asReceived(path), expected: found[0] }
    }
    throw new Error('no path of the table could be drawn')
  }

  /** A path no route of its method matches, mutated from a hit. */
  miss(): Lookup {
    for (let t = 0; t < MAX_TRIES; t++) {
      const { method: built, path: original } = this.hit()
      const path = this.mutate(original, this.pick(MUTATIONS))
      // A changed letter may break an escape ('%2F' to '%2G'): whether that path is a 404 or a 400
      // is a matter of taste, so it is drawn again.
      if (!decodable(path)) continue
      const method =
        this.methods.length > 1 && this.random() < OTHER_METHOD
          ? this.pick(this.methods.filter((m) => m !== built))
          : built
      if (this.semantics.matches(method, path).length === 0)
        return { method, path: asReceived(path), expected: null }
    }
    throw new Error('no path of the table misses: it has a catch-all route')
  }

  mutate(path: string, how: (typeof MUTATIONS)[number]): string {
    const segments = path.split('/')
    switch (how) {
      case 'changed letter': {
        // Any character after the leading '/', a '/' or a '%' included.
        const at = this.int(1, Math.max(1, path.length - 1))
        const now = path[at]
        let next = this.pick([...UNRESERVED])
        while (next === now) next = this.pick([...UNRESERVED])
        return `${path.slice(0, at)}${next}${path.slice(at + 1)}`
      }
      case 'missing segment': {
        if (segments.length <= 2) return `${path}/${this.value()}`
        segments.splice(this.int(1, segments.length - 1), 1)
        return segments.join('/')
      }
      case 'extra segment': {
        segments.splice(this.int(1, segments.length), 0, this.value())
        return segments.join('/')
      }
      case 'trailing slash':
        return `${path}/`
    }
  }
}
