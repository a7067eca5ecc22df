/**
 * The rows of a comparison and the samples of each side: one value per round, since a round is
 * one sample (requests within a round, or mitata's samples within a set, are not independent
 * measurements of anything). Rounds that measured nothing are left out: an invalid HTTP round is
 * never a number, and a router round that refused or failed timed no set.
 */

import { cellName } from '../http/cells.js'
import type { ResultsFile } from '../http/schema.js'
import type { RouterFile } from '../router/schema.js'

export interface Sample {
  /** The round's number: rounds of side-by-side files pair up by it. */
  readonly round: number
  readonly value: number
}

export interface RowSamples {
  /** `['fastify', 'json']` (server, scenario; `fastify@bun` off Node.js) or `['routebench', 'github',
   * 'all']` (router, table, set). */
  readonly keys: readonly string[]
  /** Null when the row is not in that file; empty when it is but no round measured it. */
  readonly base: readonly Sample[] | null
  readonly head: readonly Sample[] | null
}

/** A deterministic count, one value per file. */
export interface CountRow {
  readonly keys: readonly string[]
  readonly base: number
  readonly head: number
}

/** Rows by (server and runtime, scenario); samples are the req/s of the valid rounds. */
export function httpRows(base: ResultsFile, head: ResultsFile): RowSamples[] {
  return join(httpSamples(base), httpSamples(head))
}

/** Rows by (router, table, set); samples are the ns per lookup of the measured rounds. */
export function routerRows(base: RouterFile, head: RouterFile): RowSamples[] {
  return join(routerSamples(base), routerSamples(head))
}

/** Instructions per lookup where both files counted the same (router, table, set). */
export function instructionRows(base: RouterFile, head: RouterFile): CountRow[] {
  const counts = (file: RouterFile) =>
    new Map(
      file.instructions.flatMap((c) =>
        c.perLookup === null ? [] : [[key([c.router, c.table, c.set]), c.perLookup] as const],
      ),
    )
  const headCounts = counts(head)
  const rows: CountRow[] = []
  for (const c of base.instructions) {
    const h = headCounts.get(key([c.router, c.table, c.set]))
    if (c.perLookup !== null && c.perLookup > 0 && h !== undefined) {
      rows.push({ keys: [c.router, c.table, c.set], base: c.perLookup, head: h })
    }
  }
  return rows
}

type Samples = Map<string, { keys: readonly string[]; samples: Sample[] }>

function httpSamples(file: ResultsFile): Samples {
  const rows: Samples = new Map()
  for (const r of file.results) {
    const samples = r.rounds
      .filter((round) => round.valid && round.reqPerSec > 0)
      .map((round) => ({ round: round.round, value: round.reqPerSec }))
    // The runtime is part of the row: `express` (Node.js) and `express@bun` are two rows.
    const keys = [cellName(r), r.scenario]
    rows.set(key(keys), { keys, samples })
  }
  return rows
}

function routerSamples(file: RouterFile): Samples {
  const rows: Samples = new Map()
  for (const r of file.results) {
    // The table's sets, then any a round timed that the table does not list.
    const names = new Set(file.tables.find((t) => t.name === r.table)?.sets.map((s) => s.name))
    for (const round of r.rounds) for (const s of round.sets) names.add(s.name)
    for (const set of names) {
      const samples: Sample[] = []
      for (const round of r.rounds) {
        if (round.status !== 'measured') continue
        const timed = round.sets.find((s) => s.name === set)
        if (timed !== undefined && timed.nsPerLookup > 0) {
          samples.push({ round: round.round, value: timed.nsPerLookup })
        }
      }
      rows.set(key([r.router, r.table, set]), { keys: [r.router, r.table, set], samples })
    }
  }
  return rows
}

/** Base's rows in its order, then those only head has, in head's. */
function join(base: Samples, head: Samples): RowSamples[] {
  const rows: RowSamples[] = []
  for (const [k, b] of base) {
    rows.push({ keys: b.keys, base: b.samples, head: head.get(k)?.samples ?? null })
  }
  for (const [k, h] of head) {
    if (!base.has(k)) rows.push({ keys: h.keys, base: null, head: h.samples })
  }
  return rows
}

function key(keys: readonly string[]): string {
  return JSON.stringify(keys)
}
