/**
 * One server on one scenario: the warm-up until its cost is steady, and the measurement itself,
 * in two slices so that a measurement that drifted (a neighbour waking up, a server still being
 * compiled) is seen. Every figure of a round comes from here: responses and their statuses from
 * the load generator, the server's CPU time from /proc (cpu.ts) over the same window, and its
 * peak memory.
 */
import { bootstrapMedian } from '../lib/stats.js'
import { isClientBound } from './client-bound.js'
import { type CpuClock, processCpuNs } from './cpu.js'
import { emptyLoad, type Loader, type LoadResult, latencyHistogram } from './loaders/loader.js'
import { peakRssBytes, resetPeakRss, rssBytes } from './monitor.js'
import type { Scenario } from './scenarios.js'
import type { Round } from './schema.js'
import { type SteadyRule, type SteadyState, SteadyTracker } from './steady.js'

/** Slices per measurement: their figures are kept, and compared for drift. */
export const SLICES = 2
/** Two slices whose cost (or, without it, throughput) differs by more than this have drifted. */
export const DRIFT = 0.1

export const DRIFT_RULE = `a measurement is taken in ${SLICES} consecutive slices; it has drifted when their cost per request (throughput where the server's CPU is unknown) differs by more than ${DRIFT * 100}%`

/** The server under load: its URL, and its process where it is ours (null for --target). */
export interface Target {
  readonly url: string
  readonly pid: number | null
  /** How the process ended, in words, or null while it runs. */
  exitReason(): string | null
}

export interface MeasureContext {
  readonly loader: Loader
  readonly connections: number
  readonly pipelining: number
  /** taskset cores of the load generator, or null. */
  readonly clientCores: string | null
  readonly signal: AbortSignal
}

/** What one stretch of load gave: the loader's figures and the server's CPU over it. */
export interface Slice {
  readonly load: LoadResult
  /** Server CPU nanoseconds over the slice, or null where unknown. */
  readonly serverNs: number | null
  readonly clock: CpuClock | null
  /** Why the slice cannot be a number, or null. */
  readonly invalid: string | null
}

async function slice(
  target: Target,
  scenario: Scenario,
  durationSec: number,
  context: MeasureContext,
): Promise<Slice> {
  const stop = new AbortController()
  const onAbort = () => stop.abort()
  context.signal.addEventListener('abort', onAbort, { once: true })
  // A server that dies mid-measurement ends it at once rather than after the loader's timeouts.
  const watcher = setInterval(() => {
    if (target.exitReason() !== null) stop.abort()
  }, 50)
  const before = target.pid === null ? null : processCpuNs(target.pid)
  try {
    let load: LoadResult
    try {
      load = await context.loader.run({
        url: target.url,
        scenario,
        durationSec,
        connections: context.connections,
        pipelining: context.pipelining,
        cores: context.clientCores,
        signal: stop.signal,
      })
    } catch (error) {
      // The load generator failed (it could not start, or crashed): this slice is invalid, with
      // the reason, and the run goes on.
      const reason = `the load generator failed: ${(error as Error).message}`
      return { load: emptyLoad(), serverNs: null, clock: null, invalid: reason }
    }
    const after = target.pid === null ? null : processCpuNs(target.pid)
    const serverNs = before === null || after === null ? null : after.ns - before.ns
    return {
      load,
      serverNs,
      clock: after?.clock ?? null,
      invalid: invalidReason(load, scenario, target),
    }
  } finally {
    clearInterval(watcher)
    context.signal.removeEventListener('abort', onAbort)
  }
}

function invalidReason(load: LoadResult, scenario: Scenario, target: Target): string | null {
  const expected = String(scenario.expectedStatus)
  const unexpected = Object.entries(load.statuses).filter(([code]) => code !== expected)
  const gone = target.exitReason()
  if (gone !== null) return `the server ${gone} during the measurement`
  if (load.responses === 0) return 'no response at all'
  if (unexpected.length > 0)
    return `unexpected status ${unexpected.map(([code, n]) => `${code} ×${n}`).join(', ')} (expected ${expected})`
  if (load.errors > 0 || load.timeouts > 0)
    return `${load.errors} connection errors, ${load.timeouts} timeouts`
  return null
}

/** Server CPU microseconds per response, or null. */
function costOf(s: Slice): number | null {
  return s.serverNs === null || s.load.responses === 0 ? null : s.serverNs / 1000 / s.load.responses
}

export interface WarmUp {
  readonly ms: number
  readonly state: Exclude<SteadyState, 'warming'>
  /** Why it stopped early: the server answered wrongly or went away. The measurement will say. */
  readonly invalid: string | null
}

/** Loads the server on `scenario` in short windows until its cost per request is steady. */
export async function warmUp(
  target: Target,
  scenario: Scenario,
  rule: SteadyRule,
  context: MeasureContext,
): Promise<WarmUp> {
  const tracker = new SteadyTracker(rule)
  const started = performance.now()
  for (;;) {
    const window = await slice(target, scenario, rule.windowSec, context)
    const ms = performance.now() - started
    if (window.invalid !== null || context.signal.aborted)
      return { ms, state: 'not steady', invalid: window.invalid }
    const cost = costOf(window)
    const value = cost ?? window.load.elapsedSec / window.load.responses
    const state = tracker.add(ms / 1000, value)
    if (state !== 'warming') return { ms, state, invalid: null }
  }
}

/** The measurement: `SLICES` slices of `durationSec / SLICES`, as one round of a result. */
export async function measure(
  target: Target,
  scenario: Scenario,
  durationSec: number,
  round: number,
  warm: WarmUp | null,
  context: MeasureContext,
): Promise<{ round: Round; clock: CpuClock | null }> {
  const pid = target.pid
  const resetOk = pid !== null && resetPeakRss(pid)
  let sampledRss = pid === null ? null : rssBytes(pid)
  const rssSampler = setInterval(() => {
    const now = pid === null ? null : rssBytes(pid)
    if (now !== null && (sampledRss === null || now > sampledRss)) sampledRss = now
  }, 100)
  const slices: Slice[] = []
  try {
    for (let i = 0; i < SLICES && !context.signal.aborted; i++) {
      const s = await slice(target, scenario, durationSec / SLICES, context)
      slices.push(s)
      if (s.invalid !== null) break
    }
  } finally {
    clearInterval(rssSampler)
  }
  const peak = resetOk && pid !== null ? peakRssBytes(pid) : null
  const rss =
    peak !== null && sampledRss !== null ? Math.max(peak, sampledRss) : (peak ?? sampledRss)
  return {
    round: roundOf(round, slices, warm, rss, context.loader.threads),
    clock: slices[0]?.clock ?? null,
  }
}

/** The round the slices of one measurement make: their sums, and each on its own. */
export function roundOf(
  round: number,
  slices: readonly Slice[],
  warm: WarmUp | null,
  rssPeakBytes: number | null,
  clientThreads: number,
): Round {
  const sum = (f: (s: Slice) => number) => slices.reduce((total, s) => total + f(s), 0)
  const responses = sum((s) => s.load.responses)
  const elapsedSec = sum((s) => s.load.elapsedSec)
  const statuses: Record<string, number> = {}
  for (const s of slices)
    for (const [code, n] of Object.entries(s.load.statuses))
      statuses[code] = (statuses[code] ?? 0) + n
  const known = slices.every((s) => s.serverNs !== null)
  const serverNs = known ? sum((s) => s.serverNs as number) : null
  const costUs = serverNs === null || responses === 0 ? null : serverNs / 1000 / responses
  // Over the load generator's own window, not the wall time between the two readings: that also
  // holds the start of the load generator's process and the opening of its connections, when the
  // server has nothing to do, and would make a saturated server look idle. The server's readings
  // span a little more than the window (accepting the connections, answering the requests still
  // in flight at the end), so a saturated server can show slightly more than one core.
  const serverCpu = serverNs === null || elapsedSec === 0 ? null : serverNs / 1e9 / elapsedSec
  const clientCpus = slices.map((s) => s.load.clientCpu)
  const clientCpu = clientCpus.every((c) => c !== null)
    ? sum((s) => (s.load.clientCpu as number) * s.load.elapsedSec) / elapsedSec
    : null
  const perSlice = slices.map((s) => ({
    reqPerSec: s.load.elapsedSec > 0 ? s.load.responses / s.load.elapsedSec : 0,
    costUs: costOf(s),
  }))
  const invalidReason =
    slices.find((s) => s.invalid !== null)?.invalid ?? (slices.length === 0 ? 'not measured' : null)
  return {
    round,
    valid: invalidReason === null,
    invalidReason,
    reqPerSec: elapsedSec > 0 ? responses / elapsedSec : 0,
    baselineReqPerSec: null,
    ratio: null,
    costUs,
    baselineCostUs: null,
    costRatio: null,
    latencyUs: latencyOf(slices),
    throughputBytesPerSec: elapsedSec > 0 ? sum((s) => s.load.bytes) / elapsedSec : 0,
    responses,
    statuses,
    errors: sum((s) => s.load.errors),
    timeouts: sum((s) => s.load.timeouts),
    clientCpu,
    serverCpu,
    clientBound: isClientBound({ clientCpu, clientThreads, serverCpu }),
    slices: perSlice,
    drift: drifted(perSlice),
    warmupMs: warm?.ms ?? null,
    steady: warm?.state === 'steady',
    rssPeakBytes,
  }
}

/** Percentiles over every response of every slice (merged histograms). */
function latencyOf(slices: readonly Slice[]): Round['latencyUs'] {
  const exact = slices.every((s) => s.load.latency !== null)
  if (!exact) {
    const coarse = slices.map((s) => s.load.coarseLatencyUs ?? { p50: 0, p90: 0, p99: 0 })
    const mid = (f: (l: { p50: number; p90: number; p99: number }) => number) =>
      coarse.length === 0 ? 0 : bootstrapMedian(coarse.map(f)).median
    return { p50: mid((l) => l.p50), p90: mid((l) => l.p90), p99: mid((l) => l.p99) }
  }
  const all = latencyHistogram()
  for (const s of slices) all.add(s.load.latency as NonNullable<LoadResult['latency']>)
  return {
    p50: all.getValueAtPercentile(50),
    p90: all.getValueAtPercentile(90),
    p99: all.getValueAtPercentile(99),
  }
}

/** Whether the slices disagree by more than `DRIFT`: on cost where known, else on throughput. */
export function drifted(slices: readonly { reqPerSec: number; costUs: number | null }[]): boolean {
  if (slices.length < 2) return false
  const costs = slices.map((s) => s.costUs)
  const values = costs.every((c) => c !== null && c > 0)
    ? (costs as number[])
    : slices.map((s) => s.reqPerSec)
  const low = Math.min(...values)
  const high = Math.max(...values)
  return low > 0 && high / low - 1 > DRIFT
}
