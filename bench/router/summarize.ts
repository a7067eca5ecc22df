/**
 * Turns the rounds of a router result into the figures the tables report. Everything derived is
 * recomputed from the rounds, so a file saved after every measurement is always consistent.
 */
import { bootstrapMedian, median, pairedRatios } from '../lib/stats.js'
import type { RouterResult, SetSummary } from './schema.js'

/** Wrong answers kept per set: enough to see the pattern. */
const WRONG_KEPT = 3

/** Fills every summary field of `results`, ratios against `reference`'s rounds of the same table. */
export function summarizeRouters(results: RouterResult[], reference: string | null): void {
  const references = new Map<string, RouterResult>()
  for (const r of results) if (r.router === reference) references.set(r.table, r)
  for (const result of results) summarizeOne(result, references.get(result.table))
}

function summarizeOne(result: RouterResult, reference: RouterResult | undefined): void {
  const rounds = result.rounds
  const last = rounds[rounds.length - 1]
  if (last === undefined) return
  // A refusal is deterministic; a failure in any round is reported even if others measured.
  const failed = rounds.find((r) => r.status !== 'measured')
  result.status = failed?.status ?? 'measured'
  result.reason = failed?.reason ?? null
  const measured = rounds.filter((r) => r.status === 'measured')
  const registrations = measured.map((r) => r.registrationMs).filter((v): v is number => v !== null)
  result.registrationMs = registrations.length > 0 ? bootstrapMedian(registrations) : null
  const heaps = measured.map((r) => r.heapBytes).filter((v): v is number => v !== null)
  result.heapBytes = heaps.length > 0 ? Math.round(median(heaps)) : null
  const warmups = measured.map((r) => r.warmupMs).filter((v): v is number => v !== null)
  result.warmupMs = warmups.length > 0 ? median(warmups) : null

  const names = new Set<string>()
  for (const r of measured) {
    for (const s of r.sets) names.add(s.name)
    for (const w of r.wrong) names.add(w.set)
  }
  result.sets = [...names].map((name): SetSummary => {
    const wrong = measured.flatMap((r) => r.wrong.find((w) => w.set === name)?.answers ?? [])
    if (wrong.length > 0) {
      return {
        name,
        valid: false,
        wrong: [...new Set(wrong)].slice(0, WRONG_KEPT),
        nsPerLookup: null,
        p99NsPerLookup: null,
        opsPerSec: null,
        ratio: null,
      }
    }
    const perRound = rounds.map((r) => r.sets.find((s) => s.name === name)?.nsPerLookup ?? null)
    const values = perRound.filter((v): v is number => v !== null)
    const p99s = measured.flatMap((r) => r.sets.filter((s) => s.name === name))
    const ns = values.length > 0 ? bootstrapMedian(values) : null
    let ratio = null
    if (reference === result) {
      ratio = ns === null ? null : { median: 1, low: 1, high: 1 }
    } else if (reference !== undefined) {
      const base = rounds.map(
        (r) =>
          reference.rounds.find((b) => b.round === r.round)?.sets.find((s) => s.name === name)
            ?.nsPerLookup ?? null,
      )
      const ratios = pairedRatios(perRound, base)
      ratio = ratios.length > 0 ? bootstrapMedian(ratios) : null
    }
    return {
      name,
      valid: true,
      wrong: [],
      nsPerLookup: ns,
      p99NsPerLookup: p99s.length > 0 ? median(p99s.map((s) => s.p99NsPerLookup)) : null,
      opsPerSec: ns === null ? null : 1e9 / ns.median,
      ratio,
    }
  })
}
