/**
 * Turns raw rounds into the figures a result reports. Everything derived is recomputed from the
 * rounds each time, so a partial file (saved after every measurement) is always consistent.
 */

import { bootstrapMedian, type Interval, median, pairedRatios } from '../lib/stats.js'
import { type Cell, sameCell } from './cells.js'
import { mostlyClientBound } from './client-bound.js'
import type { Result, Round } from './schema.js'

/**
 * Fills ratios (paired with the rounds of the `baseline` cell on the same scenario) and every
 * summary field; of one scenario's results only, when `scenario` is given (a new round changes no
 * other, and the bootstrap of every result after every measurement would cost the load
 * generator's core seconds).
 */
export function summarize(results: Result[], baseline: Cell | null, scenario?: string): void {
  const baselines = new Map<string, Result>()
  for (const r of results)
    if (baseline !== null && sameCell(r, baseline)) baselines.set(r.scenario, r)

  for (const result of results) {
    if (scenario !== undefined && result.scenario !== scenario) continue
    const base = baselines.get(result.scenario)
    for (const round of result.rounds) {
      const other = base?.rounds.find((b) => b.round === round.round)
      const paired = round.valid && other?.valid === true
      round.baselineReqPerSec = other?.valid ? other.reqPerSec : null
      round.ratio =
        paired && round.baselineReqPerSec !== null && round.baselineReqPerSec > 0
          ? round.reqPerSec / round.baselineReqPerSec
          : null
      round.baselineCostUs = other?.valid ? other.costUs : null
      round.costRatio =
        paired && round.costUs !== null && round.baselineCostUs !== null && round.baselineCostUs > 0
          ? round.costUs / round.baselineCostUs
          : null
    }
    summarizeOne(result, base)
  }
}

/** The median and interval of the rounds' `value`s, skipping nulls; null when none is known. */
function over(rounds: readonly Round[], value: (r: Round) => number | null): Interval | null {
  const values = rounds.map(value).filter((v): v is number => v !== null)
  return values.length > 0 ? bootstrapMedian(values) : null
}

function summarizeOne(result: Result, base: Result | undefined): void {
  const rounds = result.rounds
  result.invalidReasons = [
    ...new Set(rounds.filter((r) => !r.valid).map((r) => `round ${r.round}: ${r.invalidReason}`)),
  ]
  result.valid = rounds.length > 0 && rounds.every((r) => r.valid)
  result.clientBound = mostlyClientBound(rounds)
  result.errors = rounds.reduce((sum, r) => sum + r.errors + r.timeouts, 0)
  const rss = rounds.map((r) => r.rssPeakBytes).filter((v): v is number => v !== null)
  result.rssPeakBytes = rss.length > 0 ? Math.max(...rss) : null
  const warmups = rounds.map((r) => r.warmupMs).filter((v): v is number => v !== null)
  result.warmupMs = warmups.length > 0 ? median(warmups) : null
  result.unsteadyRounds = rounds.filter((r) => r.warmupMs !== null && !r.steady).length
  result.driftRounds = rounds.filter((r) => r.drift).length
  if (!result.valid) {
    // An invalid measurement is never a number.
    result.reqPerSec = null
    result.ratio = null
    result.costUs = null
    result.costRatio = null
    result.latencyUs = null
    result.throughputBytesPerSec = null
    return
  }
  result.reqPerSec = bootstrapMedian(rounds.map((r) => r.reqPerSec))
  result.costUs = over(rounds, (r) => r.costUs)
  const one = { median: 1, low: 1, high: 1 }
  if (base === result) {
    result.ratio = one
    result.costRatio = result.costUs === null ? null : one
  } else {
    const ratios =
      base === undefined
        ? []
        : pairedRatios(
            rounds.map((r) => r.reqPerSec),
            rounds.map((r) => r.baselineReqPerSec),
          )
    result.ratio = ratios.length > 0 ? bootstrapMedian(ratios) : null
    result.costRatio = base === undefined ? null : over(rounds, (r) => r.costRatio)
  }
  result.latencyUs = {
    p50: median(rounds.map((r) => r.latencyUs.p50)),
    p90: median(rounds.map((r) => r.latencyUs.p90)),
    p99: median(rounds.map((r) => r.latencyUs.p99)),
  }
  result.throughputBytesPerSec = median(rounds.map((r) => r.throughputBytesPerSec))
}

/** An empty result, before its first round. */
export function emptyResult({ server, runtime }: Cell, scenario: string): Result {
  return {
    server,
    runtime,
    scenario,
    valid: false,
    invalidReasons: [],
    clientBound: false,
    rounds: [] as Round[],
    reqPerSec: null,
    ratio: null,
    costUs: null,
    costRatio: null,
    warmupMs: null,
    unsteadyRounds: 0,
    driftRounds: 0,
    latencyUs: null,
    throughputBytesPerSec: null,
    errors: 0,
    rssPeakBytes: null,
  }
}
