import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { type FindResult, MAX_PARAMS, PatternError, Router } from '@routebench/router'
import fc from 'fast-check'

/**
 * Property-based tests. Routes come from a small grammar whose meaning is easy to state: a segment
 * is static text, a plain param, a constrained param or (last) a wildcard. A brute-force reference
 * matches every route on its own and picks the winner by the documented priority: at the first
 * segment where two matching routes differ, static beats constrained beats plain beats wildcard,
 * and constrained params rank by their source text.
 */

const STATIC = ['a', 'b', 'ab']
const CONSTRAINTS = ['[a-z]+', '\\d+'] // in source order
type Segment = { kind: 'static'; text: string } | { kind: 'param'; constraint: string | null }
type RouteShape = { segments: Segment[]; wildcard: boolean }

const segment: fc.Arbitrary<Segment> = fc.oneof(
  fc.constantFrom(...STATIC).map((text) => ({ kind: 'static' as const, text })),
  fc
    .constantFrom(null, ...CONSTRAINTS)
    .map((constraint) => ({ kind: 'param' as const, constraint })),
)
const routeShape: fc.Arbitrary<RouteShape> = fc.record({
  segments: fc.array(segment, { minLength: 0, maxLength: 4 }),
  wildcard: fc.boolean(),
})

function patternOf(route: RouteShape): string {
  const parts = route.segments.map((s, i) =>
    s.kind === 'static' ? s.text : `:p${i}${s.constraint === null ? '' : `(${s.constraint})`}`,
  )
  if (route.wildcard) parts.push('*')
  return `/${parts.join('/')}`
}

/** Distinct shapes (param names aside), so that no registration is a duplicate. */
const routeSet = fc.uniqueArray(routeShape, {
  minLength: 1,
  maxLength: 12,
  selector: (r) => patternOf(r).replace(/:p\d+/g, ':'),
})

const PATH_SEGMENTS = ['a', 'b', 'ab', 'x', '1', '12', '%31', '%', '', 'A']
const requestPath = fc
  .tuple(
    fc.array(fc.constantFrom(...PATH_SEGMENTS), { minLength: 1, maxLength: 6 }),
    fc.constantFrom('', '?q=1/2', '#f'),
  )
  .map(([segments, tail]) => `/${segments.join('/')}${tail}`)

type Outcome = null | 'malformed-uri' | [string, Record<string, string>]

function decode(value: string): string | undefined {
  try {
    return decodeURIComponent(value)
  } catch {
    return undefined
  }
}

const RANK_WILDCARD = 2 + CONSTRAINTS.length + 1

function reference(routes: RouteShape[], path: string): Outcome {
  const bare = path.replace(/[?#].*$/, '')
  const segments = bare.slice(1).split('/')
  let best: { ranks: number[]; pattern: string; params: Record<string, string> } | null = null
  for (const route of routes) {
    const fixed = route.segments.length
    if (route.wildcard ? segments.length < fixed + 1 : segments.length !== Math.max(fixed, 1))
      continue
    if (!route.wildcard && fixed === 0 && segments[0] !== '') continue // the route '/'
    const ranks: number[] = []
    const params: Record<string, string> = {}
    let ok = true
    for (let i = 0; i < fixed && ok; i++) {
      const s = route.segments[i] as Segment
      const value = segments[i] as string
      if (s.kind === 'static') {
        ok = value === s.text
        ranks.push(0)
      } else if (value === '') {
        ok = false
      } else if (s.constraint === null) {
        params[`p${i}`] = value
        ranks.push(1 + CONSTRAINTS.length)
      } else {
        // A value that cannot be decoded passes its constraint: the answer is then malformed-uri.
        const decoded = decode(value)
        ok = decoded === undefined || new RegExp(`^(?:${s.constraint})$`).test(decoded)
        params[`p${i}`] = value
        ranks.push(1 + CONSTRAINTS.indexOf(s.constraint))
      }
    }
    if (!ok) continue
    if (route.wildcard) {
      params['*'] = segments.slice(fixed).join('/')
      ranks.push(RANK_WILDCARD)
    }
    if (best === null || lexicographicallyBefore(ranks, best.ranks)) {
      best = { ranks, pattern: patternOf(route), params }
    }
  }
  if (best === null) return null
  const decoded: Record<string, string> = {}
  for (const [name, value] of Object.entries(best.params)) {
    const d = decode(value)
    if (d === undefined) return 'malformed-uri'
    decoded[name] = d
  }
  return [best.pattern, decoded]
}

function lexicographicallyBefore(a: number[], b: number[]): boolean {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return (a[i] as number) < (b[i] as number)
  }
  return a.length < b.length
}

function outcome(result: FindResult<string>): Outcome {
  if (result === null) return null
  if (result.error !== undefined) return result.error === 'malformed-uri' ? result.error : null
  return [result.value, { ...result.params }]
}

function build(routes: RouteShape[], compile = true): Router<string> {
  const router = new Router<string>({ compile })
  for (const route of routes) router.add('GET', patternOf(route), patternOf(route))
  return router
}

describe('properties', () => {
  test('the best-priority matching route wins, as a brute-force reference decides', () => {
    fc.assert(
      fc.property(
        routeSet,
        fc.array(requestPath, { minLength: 1, maxLength: 20 }),
        (routes, paths) => {
          const router = build(routes)
          for (const path of paths) {
            assert.deepEqual(outcome(router.find('GET', path)), reference(routes, path), path)
          }
        },
      ),
      { numRuns: 2000 },
    )
  })

  test('registration order never changes a result', () => {
    const shuffled = routeSet.chain((routes) =>
      fc.tuple(fc.constant(routes), fc.shuffledSubarray(routes, { minLength: routes.length })),
    )
    fc.assert(
      fc.property(
        shuffled,
        fc.array(requestPath, { maxLength: 20 }),
        ([routes, reordered], paths) => {
          const a = build(routes)
          const b = build(reordered)
          for (const path of paths)
            assert.deepEqual(outcome(a.find('GET', path)), outcome(b.find('GET', path)))
        },
      ),
      { numRuns: 500 },
    )
  })

  test('find never throws, whatever the string', () => {
    const router = new Router<string>()
    for (const p of ['/', '/a/:b', '/a/:b.:c', '/x/:y(\\d+)/z', '/f/*', '/:q-:r/s', '/o/:p?']) {
      router.add('GET', p, p)
    }
    const anyPath = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.string({ unit: 'grapheme', maxLength: 50 }).map((s) => `/${s}`),
      fc.webPath(),
      fc
        .array(
          fc.constantFrom('/', 'a', 'b', '.', '-', '%', '%2', '%2F', '?', '#', 'x', 'z', '1'),
          { maxLength: 40 },
        )
        .map((a) => a.join('')),
    )
    fc.assert(
      fc.property(anyPath, (path) => {
        const result = router.find('GET', path)
        assert.ok(result === null || result.error !== undefined || typeof result.value === 'string')
        router.allowedMethods(path)
      }),
      { numRuns: 5000 },
    )
  })

  test('a param match gives back the values that were put into the path', () => {
    const router = new Router<string>().add('GET', '/u/:a/x/:b.:c', 'r')
    const raw = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 12 })
    fc.assert(
      fc.property(raw, raw, raw, (a, b, c) => {
        fc.pre(!b.includes('.'))
        const path = `/u/${encodeURIComponent(a)}/x/${encodeURIComponent(b)}.${encodeURIComponent(c)}`
        const found = router.find('GET', path)
        assert.deepEqual(found?.params && { ...found.params }, { a, b, c })
      }),
      { numRuns: 2000 },
    )
  })
})

/**
 * Routes at the param limit: a route of `MAX_PARAMS` params in any of the pattern forms (whole
 * segments, params separated by a literal inside a segment, constrained params, static segments
 * between them, a last wildcard or optional param), next to a route sharing a prefix of it, so that
 * the tree splits. The generated search grows with the params of a route; at the limit, every
 * lookup must still answer, and answer right, compiled or interpreted.
 */
interface Piece {
  /** Literal text before the param: '/' starts a segment; '-' and '.' stay in the segment. */
  readonly before: string
  readonly constrained: boolean
}

const piece: fc.Arbitrary<Piece> = fc.record({
  before: fc.constantFrom('/', '/', '/s/', '-', '.', '/t-'),
  constrained: fc.boolean(),
})
/** A value of a plain param: never holds a separator; sometimes percent-encoded. */
const plainValue = fc.oneof(
  fc.stringMatching(/^[a-z0-9]{1,4}$/),
  fc.constantFrom('%C3%A9', 'x%20y', '%7E'),
)
const digits = fc.stringMatching(/^[0-9]{1,4}$/)

interface LimitCase {
  readonly pieces: Piece[]
  readonly end: 'param' | 'wildcard' | 'optional'
  /** Where the sibling route leaves the main one. */
  readonly fork: number
}

const limitCase: fc.Arbitrary<LimitCase> = fc.record({
  pieces: fc
    .array(piece, { minLength: MAX_PARAMS, maxLength: MAX_PARAMS })
    // The first piece starts the path; a piece ending the route as a wildcard or an optional
    // param is a whole segment.
    .map((pieces) => pieces.map((p, i) => (i === 0 ? { ...p, before: '/' } : p))),
  end: fc.constantFrom('param', 'wildcard', 'optional'),
  fork: fc.integer({ min: 1, max: MAX_PARAMS - 1 }),
})

function limitPattern({ pieces, end }: LimitCase, from = 0, names = 'p'): string {
  return pieces
    .slice(from)
    .map((p, j) => {
      const i = from + j
      const last = i === pieces.length - 1
      if (last && end === 'wildcard') return '/*'
      const param = `:${names}${i}${p.constrained ? '(\\d+)' : ''}`
      return last && end === 'optional' ? `/${param}?` : `${p.before}${param}`
    })
    .join('')
}

/** A path of the route with these values, and the params it must give back. */
function limitPath(c: LimitCase, values: string[], from = 0, names = 'p') {
  const params: Record<string, string> = {}
  let path = ''
  for (let i = from; i < c.pieces.length; i++) {
    const p = c.pieces[i] as Piece
    const last = i === c.pieces.length - 1
    const value = values[i] as string
    const name = last && c.end === 'wildcard' ? '*' : `${names}${i}`
    path += `${last && c.end !== 'param' ? '/' : p.before}${value}`
    params[name] = decodeURIComponent(value)
  }
  return { path, params }
}

describe('routes at the param limit', () => {
  test(`a route may have ${MAX_PARAMS} params, and one more is refused by name`, () => {
    const pattern = Array.from({ length: MAX_PARAMS }, (_, i) => `/:p${i}`).join('')
    assert.doesNotThrow(() => new Router().add('GET', pattern, 1))
    for (const [extra, which, index] of [
      ['/:x', "':x'", pattern.length + 1],
      ['/*', "the wildcard '*'", pattern.length + 1],
      ['-:x', "':x'", pattern.length + 1],
    ] as const) {
      assert.throws(
        () => new Router().add('GET', `${pattern}${extra}`, 1),
        (error: unknown) => {
          assert.ok(error instanceof PatternError, String(error))
          assert.equal(error.code, 'ERR_PATTERN')
          assert.equal(error.index, index)
          assert.equal(
            error.message,
            `Invalid route pattern ${JSON.stringify(`${pattern}${extra}`)} at index ${index}: ${which} is param number ${MAX_PARAMS + 1}, and a route may have at most ${MAX_PARAMS} (a wildcard counts as one); take the rest of the path with a wildcard, or split the route`,
          )
          return true
        },
      )
    }
  })

  test('every lookup of a route at the limit answers right, compiled and interpreted', () => {
    const values = (c: LimitCase) =>
      fc.tuple(...c.pieces.map((p) => (p.constrained ? digits : plainValue)))
    fc.assert(
      fc.property(
        limitCase.chain((c) => fc.tuple(fc.constant(c), values(c), values(c))),
        ([c, main, other]) => {
          const pattern = limitPattern(c)
          // The sibling shares the first `fork` params, then takes a static segment of its own.
          const sibling = `${limitPattern({ ...c, pieces: c.pieces.slice(0, c.fork), end: 'param' })}/~sib${limitPattern(c, c.fork, 'q')}`
          for (const compile of [true, false]) {
            const router = new Router<string>({ compile })
            router.add('GET', pattern, 'main').add('GET', sibling, 'sibling')
            const { path, params } = limitPath(c, main)
            for (const request of [path, `${path}?q=1`]) {
              const found = router.find('GET', request)
              assert.equal(found?.value, 'main', `${request} (compile: ${compile})`)
              assert.deepEqual({ ...found?.params }, params)
            }
            const head = limitPath({ ...c, pieces: c.pieces.slice(0, c.fork), end: 'param' }, other)
            const tail = limitPath(c, other, c.fork, 'q')
            const found = router.find('GET', `${head.path}/~sib${tail.path}`)
            assert.equal(found?.value, 'sibling', `${head.path}/~sib${tail.path}`)
            assert.deepEqual({ ...found?.params }, { ...head.params, ...tail.params })
            // A path one value short never throws either.
            assert.doesNotThrow(() => router.find('GET', path.slice(0, path.lastIndexOf('/'))))
          }
        },
      ),
      { numRuns: 150 },
    )
  })
})
