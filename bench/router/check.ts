import type { Answer, Built } from './adapters/adapter.js'
import type { LookupSet } from './lookups.js'

export interface CheckOptions {
  /**
   * False for a router that gives param values as sent (`Adapter.decodesParams`): a value is then
   * right when it percent-decodes to the expected one. Default true: values must be decoded.
   */
  readonly decoded?: boolean
}

/**
 * Looks every path of `set` up and returns one line per wrong answer, a throw included; an empty
 * array means every answer is right. A router's numbers on a set count only when this is empty.
 */
export function wrongAnswers(
  built: Built,
  set: LookupSet,
  { decoded = true }: CheckOptions = {},
): string[] {
  const wrong: string[] = []
  for (const { method, path, expected } of set.lookups) {
    let got: Answer | null
    try {
      got = built.answer(built.find(method, path))
    } catch (error) {
      wrong.push(`${method} ${path}: expected ${show(expected)}, threw ${thrown(error)}`)
      continue
    }
    if (!same(expected, got, decoded)) {
      wrong.push(`${method} ${path}: expected ${show(expected)}, got ${show(got)}`)
    }
  }
  return wrong
}

function same(expected: Answer | null, got: Answer | null, decoded: boolean): boolean {
  if (expected === null || got === null) return expected === got
  const keys = Object.keys(expected.params)
  return (
    expected.route === got.route &&
    keys.length === Object.keys(got.params).length &&
    keys.every(
      (key) =>
        Object.hasOwn(got.params, key) &&
        sameValue(got.params[key] as string, expected.params[key] as string, decoded),
    )
  )
}

function sameValue(got: string, expected: string, decoded: boolean): boolean {
  if (got === expected) return true
  if (decoded || typeof got !== 'string') return false
  try {
    return decodeURIComponent(got) === expected
  } catch {
    return false
  }
}

function show(answer: Answer | null): string {
  return answer === null ? 'no match' : `${answer.route} ${JSON.stringify({ ...answer.params })}`
}

function thrown(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
