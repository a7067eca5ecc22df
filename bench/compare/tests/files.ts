/**
 * Results files for the comparison tests, built from the harness's fixtures with the rows and
 * rounds a case needs.
 */

import { seededRandom } from '@routebench/fixtures'
import type { Meta, ResultsFile } from '../../http/schema.js'
import { emptyResult, summarize } from '../../http/summarize.js'
import { fixture, round } from '../../http/tests/fixture.js'
import type { InstructionCount, RouterFile, RouterMeta } from '../../router/schema.js'
import { result, routerFixture, round as routerRound } from '../../router/tests/fixture.js'
import type { Source } from '../load.js'

/** `n` values within ±spread (relative) of `centre`, the same for the same seed. */
export function noisy(centre: number, n: number, seed: number, spread = 0.02): number[] {
  const random = seededRandom(seed)
  return Array.from({ length: n }, () => centre * (1 + (random() * 2 - 1) * spread))
}

export const scaled = (values: readonly number[], factor: number) => values.map((v) => v * factor)

/** Rows by `"server scenario"` (`"server@runtime scenario"` off Node.js): req/s of rounds 1, 2,
 * …; null is an invalid round. */
export type HttpRows = Readonly<Record<string, readonly (number | null)[]>>

export function httpFile(rows: HttpRows, meta: Partial<Meta> = {}): ResultsFile {
  const file = fixture()
  file.results = Object.entries(rows).map(([name, values]) => {
    const [cell = '', scenario = ''] = name.split(' ')
    const [server = '', runtime = 'node'] = cell.split('@')
    const r = emptyResult({ server, runtime }, scenario)
    r.rounds = values.map((v, i) =>
      v === null
        ? round(i + 1, 0, {
            valid: false,
            invalidReason: 'unexpected status 500 ×3 (expected 200)',
          })
        : round(i + 1, v),
    )
    return r
  })
  summarize(file.results, null)
  const rounds = Math.max(1, ...Object.values(rows).map((v) => v.length))
  file.meta = { ...file.meta, options: { ...file.meta.options, rounds }, ...meta }
  return file
}

/** Rows by `"router table set"`: ns per lookup of rounds 1, 2, …; null is a round without it. */
export type RouterRows = Readonly<Record<string, readonly (number | null)[]>>

export function routerFile(
  rows: RouterRows,
  meta: Partial<RouterMeta> = {},
  instructions: readonly InstructionCount[] = [],
): RouterFile {
  const file = routerFixture()
  const byResult = new Map<string, Map<string, readonly (number | null)[]>>()
  for (const [name, values] of Object.entries(rows)) {
    const [router = '', table = '', set = ''] = name.split(' ')
    const key = `${router} ${table}`
    if (!byResult.has(key)) byResult.set(key, new Map())
    byResult.get(key)?.set(set, values)
  }
  file.results = [...byResult].map(([key, sets]) => {
    const [router = '', table = ''] = key.split(' ')
    const n = Math.max(...[...sets.values()].map((v) => v.length))
    const rounds = Array.from({ length: n }, (_, i) => {
      const timed: Record<string, number> = {}
      for (const [set, values] of sets) {
        const v = values[i]
        if (v !== null && v !== undefined) timed[set] = v
      }
      return routerRound(i + 1, timed)
    })
    return result(router, table, rounds)
  })
  const tables = new Map<string, Set<string>>()
  for (const name of Object.keys(rows)) {
    const [, table = '', set = ''] = name.split(' ')
    if (!tables.has(table)) tables.set(table, new Set())
    tables.get(table)?.add(set)
  }
  file.tables = [...tables].map(([name, sets]) => ({
    name,
    kind: 'standard' as const,
    routes: 10,
    sets: [...sets].map((set) => ({ name: set, description: `the ${set} set`, lookups: 10 })),
  }))
  file.instructions = [...instructions]
  const rounds = Math.max(1, ...Object.values(rows).map((v) => v.length))
  file.meta = { ...file.meta, options: { ...file.meta.options, rounds }, ...meta }
  return file
}

/** A callgrind count of one (router, table, set). */
export function count(name: string, perLookup: number | null): InstructionCount {
  const [router = '', table = '', set = ''] = name.split(' ')
  return {
    router,
    table,
    set,
    perLookup,
    warmupPasses: 3,
    passes: 1,
    totals: [1_000_000, 1_000_000 + Math.round((perLookup ?? 0) * 1000)],
    reason: perLookup === null ? 'callgrind printed no instruction count' : null,
  }
}

/** A file as `parsePair` reads it. */
export function source(path: string, file: unknown): Source {
  return { path, text: JSON.stringify(file) }
}
