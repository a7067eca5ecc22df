import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { MALFORMED_URI, Router } from '@routebench/router'
import fc from 'fast-check'
import { checkWithoutCodegen } from './without-codegen.js'

/**
 * Param values are percent-decoded by the router's own decoder, which must give exactly what
 * `decodeURIComponent` gives, and fail exactly where it throws (a 400). Every case is checked on a
 * param and on a wildcard, with code generation and without.
 */

function expected(raw: string): string | 'malformed-uri' {
  try {
    return decodeURIComponent(raw)
  } catch {
    return 'malformed-uri'
  }
}

const router = new Router<string>()
router.add('GET', '/v/:value', 'param')
router.add('GET', '/v/:value/tail', 'param before static text')
router.add('GET', '/f/:name.:ext', 'param before a suffix')
router.add('GET', '/w/*', 'wildcard')
router.add('GET', '/c/:n(\\d+)', 'constrained')
router.add('GET', '/c/:s', 'plain after constrained')

function answer(path: string): string | 'malformed-uri' | null {
  const found = router.find('GET', path)
  if (found === null) return null
  if (found.error !== undefined) return found === MALFORMED_URI ? 'malformed-uri' : found.error
  return Object.values(found.params)[0] as string
}

const hex = (byte: number) => `%${byte.toString(16).padStart(2, '0')}`
const upper = (byte: number) => hex(byte).toUpperCase()

/** Escapes of every byte, alone, in both cases; then the sequences UTF-8 allows and forbids. */
function escapes(): string[] {
  const raws: string[] = []
  for (let b = 0; b < 256; b++) raws.push(hex(b), upper(b), `a${upper(b)}z`)
  const continuation = [0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0x41]
  for (const lead of [
    0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xee, 0xef, 0xf0, 0xf4, 0xf5, 0xff,
  ]) {
    for (const c1 of continuation) {
      raws.push(upper(lead) + upper(c1))
      for (const c2 of [0x80, 0xbf, 0x41]) {
        raws.push(upper(lead) + upper(c1) + upper(c2))
        for (const c3 of [0x80, 0xbf, 0x41])
          raws.push(upper(lead) + upper(c1) + upper(c2) + upper(c3))
      }
    }
  }
  raws.push(
    '%',
    '%2',
    '%G0',
    '%0G',
    'a%',
    'a%2',
    '%%41',
    '%25%41',
    '%E2%82',
    '%E2%82%AC%',
    '%F0%9F%98%80',
    '%ED%9F%BF',
    '%ED%A0%80',
    '%EF%BF%BD',
    '%EF%BF%BF',
    '%F4%8F%BF%BF',
    '%F4%90%80%80',
    'caf%C3%A9',
    '%C3%A9%C3%A9%C3%A9',
    '%2F%2f%3F%23%20%3A',
    'x%E2%82%ACy%E2%82%ACz',
    'é%41',
  )
  return raws
}

describe('percent-decoding of values', () => {
  test('every escape and UTF-8 sequence decodes as decodeURIComponent does, or is a 400', () => {
    for (const raw of escapes()) {
      for (const [path, strip] of [
        [`/v/${raw}`, false],
        [`/v/${raw}/tail`, false],
        [`/w/${raw}`, false],
        [`/w/x/${raw}`, true],
        [`/f/${raw}.txt`, false],
      ] as const) {
        const got = answer(path)
        const want = expected(strip ? `x/${raw}` : raw)
        assert.equal(got, want, path)
      }
    }
  })

  test('a constraint sees the decoded value; an undecodable one still reaches its route', () => {
    assert.deepEqual({ ...router.find('GET', '/c/%31%32')?.params }, { n: '12' })
    assert.deepEqual({ ...router.find('GET', '/c/%41')?.params }, { s: 'A' })
    assert.equal(router.find('GET', '/c/%ZZ'), MALFORMED_URI)
  })

  test('random byte strings with escapes, as decodeURIComponent', () => {
    const piece = fc.oneof(
      fc.integer({ min: 0, max: 255 }).map(upper),
      fc.integer({ min: 0, max: 255 }).map(hex),
      fc.constantFrom('a', 'Z', '0', '-', '.', '~', '%', '%4', 'é', '€'),
    )
    fc.assert(
      fc.property(fc.array(piece, { minLength: 1, maxLength: 12 }), (pieces) => {
        const raw = pieces.join('')
        assert.equal(answer(`/v/${raw}`), expected(raw), raw)
        assert.equal(answer(`/w/${raw}`), expected(raw), raw)
      }),
      { numRuns: 3000 },
    )
  })

  test('the same without code generation', () => {
    const raws = escapes().filter((_, i) => i % 3 === 0)
    checkWithoutCodegen(
      [
        {
          name: 'escapes',
          routes: ['/v/:value', '/w/*'],
          finds: raws
            .flatMap((raw) => {
              const want = expected(raw)
              const ok = (name: string) => (want === 'malformed-uri' ? want : [name, want])
              return [
                [`/v/${raw}`, ok('value')],
                [`/w/${raw}`, ok('*')],
              ] as const
            })
            .map(
              ([path, want]) =>
                [
                  path,
                  want === 'malformed-uri'
                    ? want
                    : [
                        `GET ${path.startsWith('/v/') ? '/v/:value' : '/w/*'}`,
                        { [want[0] as string]: want[1] },
                      ],
                ] as const,
            ),
        },
      ],
      (method, pattern) => `${method} ${pattern}`,
    )
  })
})
