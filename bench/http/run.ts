/**
 * The benchmark run: check every server against the contract, then R interleaved rounds in which
 * each server is started in its own process, warmed up, measured on every scenario, and stopped.
 * The order of servers and of scenarios rotates from round to round, and the baseline (`node-http`)
 * is measured in every round, so each ratio pairs two measurements taken minutes apart at most.
 *
 * The results file is rewritten (atomically) after every measurement; an interrupted or crashing
 * run keeps everything measured until then.
 */
import { runConformance } from '../../servers/conformance/index.js'
import { loadServer, ServerUnavailableError } from '../../servers/index.js'
import { runStart, versions } from '../lib/meta.js'
import type { Placement } from '../lib/placement.js'
import { rotate } from '../lib/rounds.js'
import { bootstrapMedian } from '../lib/stats.js'
import { CLIENT_BOUND_RULE, isClientBound } from './client-bound.js'
import { runLoad } from './load.js'
import { cpuSeconds, peakRssBytes, resetPeakRss, rssBytes } from './monitor.js'
import { BASELINE, type BenchOptions } from './options.js'
import { SCENARIOS, type Scenario } from './scenarios.js'
import {
  type Result,
  type ResultsFile,
  type Round,
  SCHEMA_VERSION,
  type ServerInfo,
} from './schema.js'
import { type ServerProcess, startServer } from './server-process.js'
import { emptyResult, summarize } from './summarize.js'

export interface Reporter {
  /** A step that is not a measurement: checking a server, starting one. */
  step(text: string): void
  /** A server left out of the run, and why. */
  skipped(server: string, reason: string, failed: boolean): void
  /** A measurement finished; `done` of `total` are finished. */
  measured(result: Result, round: Round, done: number, total: number): void
  /** The measurement about to start. */
  next(server: string, scenario: string, round: number, done: number, total: number): void
}

export interface RunContext {
  readonly options: BenchOptions
  readonly placement: Placement
  readonly reporter: Reporter
  /** Called with the file after every change worth keeping. */
  readonly save: (file: ResultsFile) => void
  readonly signal: AbortSignal
}

export async function runBenchmark(context: RunContext): Promise<ResultsFile> {
  const { options, placement, reporter, save, signal } = context
  const scenarios = options.scenarios.map(
    (name) => SCENARIOS.find((s) => s.name === name) as Scenario,
  )
  const baseline = options.target === null ? BASELINE : null
  const names =
    baseline !== null && !options.servers.includes(baseline)
      ? [baseline, ...options.servers]
      : [...options.servers]
  const file: ResultsFile = {
    schemaVersion: SCHEMA_VERSION,
    kind: 'http',
    meta: {
      ...runStart(),
      placement: {
        pinned: placement.pinned,
        serverCores: placement.serverCores,
        clientCores: placement.clientCores,
        note: placement.note,
      },
      autocannon: versions(['autocannon']).autocannon as string,
      latencyResolution: placement.workers === 0 ? 'us' : 'ms',
      clientBoundRule: CLIENT_BOUND_RULE,
      options: {
        servers: names,
        scenarios: [...options.scenarios],
        baseline,
        durationSec: options.durationSec,
        warmupSec: options.warmupSec,
        rounds: options.rounds,
        connections: options.connections,
        pipelining: options.pipelining,
        workers: placement.workers,
        profile: options.profile,
        pin: placement.pinned,
        target: options.target,
      },
      pairing: null,
    },
    servers: [],
    results: [],
  }

  // 1. Which servers can be measured: loadable here, and serving the contract. The checks run side
  //    by side: each server is its own process, and correctness does not depend on speed.
  file.servers = await Promise.all(names.map((name) => checkServer(name, context)))
  save(file)
  const measured = file.servers.filter((s) => s.status === 'measured').map((s) => s.name)
  if (baseline !== null && !measured.includes(baseline)) file.meta.options.baseline = null

  // 2. Rounds.
  for (const server of measured)
    for (const s of scenarios) file.results.push(emptyResult(server, s.name))
  const total = options.rounds * measured.length * scenarios.length
  const startups = new Map<string, number[]>()
  let done = 0
  for (let round = 1; round <= options.rounds && !signal.aborted; round++) {
    for (const server of rotate(measured, round - 1)) {
      if (signal.aborted) break
      const order = rotate(scenarios, round - 1)
      const record = (scenario: Scenario, entry: Round) => {
        const result = file.results.find(
          (r) => r.server === server && r.scenario === scenario.name,
        ) as Result
        result.rounds.push(entry)
        summarize(file.results, file.meta.options.baseline)
        done++
        reporter.measured(result, entry, done, total)
        save(file)
      }

      let process:
        | ServerProcess
        | { url: string; pid: null; exitReason: () => null; stop: () => Promise<void> }
      try {
        reporter.step(`round ${round}: starting ${server}`)
        if (options.target !== null) {
          process = { url: options.target, pid: null, exitReason: () => null, stop: async () => {} }
        } else {
          const started = await startServer(server, { cores: placement.serverCores })
          startups.set(server, [...(startups.get(server) ?? []), started.startupMs])
          process = started
        }
      } catch (error) {
        for (const scenario of order)
          record(
            scenario,
            failedRound(round, `${server} did not start: ${(error as Error).message}`),
          )
        continue
      }

      try {
        // Warm-up: load on every scenario, not recorded, so that the JIT has seen each code path.
        for (const scenario of order) {
          if (signal.aborted || process.exitReason() !== null || options.warmupSec === 0) break
          reporter.step(`round ${round}: warming up ${server} on ${scenario.name}`)
          await measure(process, scenario, options.warmupSec, context)
        }
        for (const scenario of order) {
          if (signal.aborted) break
          const gone = process.exitReason()
          if (gone !== null) {
            record(scenario, failedRound(round, `the server ${gone} earlier in this round`))
            continue
          }
          reporter.next(server, scenario.name, round, done, total)
          const entry = await measure(process, scenario, options.durationSec, context, round)
          if (signal.aborted) break // a measurement cut short by Ctrl-C is not kept
          record(scenario, entry)
        }
      } finally {
        await process.stop()
      }
    }
  }

  for (const info of file.servers) {
    const times = startups.get(info.name)
    info.startupMs = times === undefined ? null : bootstrapMedian(times)
  }
  summarize(file.results, file.meta.options.baseline)
  file.meta.finishedAt = new Date().toISOString()
  file.meta.interrupted = signal.aborted
  file.meta.complete = !signal.aborted
  save(file)
  return file
}

async function checkServer(
  name: string,
  { options, placement, reporter }: RunContext,
): Promise<ServerInfo> {
  if (options.target !== null) {
    reporter.step(`checking ${options.target} against the API contract`)
    const report = await runConformance(options.target)
    return serverInfo({ name, style: 'a server at --target', packages: {} }, report)
  }
  let definition: Awaited<ReturnType<typeof loadServer>>
  try {
    definition = await loadServer(name)
  } catch (error) {
    const reason =
      error instanceof ServerUnavailableError
        ? error.message
        : `cannot load: ${(error as Error).message}`
    const failed = !(error instanceof ServerUnavailableError)
    reporter.skipped(name, reason, failed)
    return {
      name,
      style: '',
      packages: {},
      status: failed ? 'failed' : 'unavailable',
      reason,
      conformance: null,
      startupMs: null,
    }
  }
  const base = { name, style: definition.style, packages: versions(definition.packages) }
  reporter.step(`checking ${name} against the API contract`)
  let started: ServerProcess | undefined
  try {
    started = await startServer(name, { cores: placement.serverCores })
    const info = serverInfo(base, await runConformance(started.url))
    if (info.status === 'failed') reporter.skipped(name, info.reason ?? '', true)
    return info
  } catch (error) {
    const reason = `did not start: ${(error as Error).message}`
    reporter.skipped(name, reason, true)
    return { ...base, status: 'failed', reason, conformance: null, startupMs: null }
  } finally {
    await started?.stop()
  }
}

function serverInfo(
  base: Pick<ServerInfo, 'name' | 'style' | 'packages'>,
  report: Awaited<ReturnType<typeof runConformance>>,
): ServerInfo {
  const failures = report.failed
    .slice(0, 5)
    .map((c) => `${c.name}: ${c.message.split('\n').join('; ')}`)
  const ok = report.failed.length === 0
  return {
    ...base,
    status: ok ? 'measured' : 'failed',
    reason: ok
      ? null
      : `${report.failed.length} of ${report.checks.length} conformance checks failed, first: ${failures[0]}`,
    conformance: { checks: report.checks.length, failed: report.failed.length, failures },
    startupMs: null,
  }
}

/** Runs one scenario; with `round`, returns it as a recorded round. */
async function measure(
  server: { url: string; pid: number | null; exitReason(): string | null },
  scenario: Scenario,
  durationSec: number,
  { options, placement, signal }: RunContext,
  round = 0,
): Promise<Round> {
  const stop = new AbortController()
  const onAbort = () => stop.abort()
  signal.addEventListener('abort', onAbort, { once: true })
  // A server that dies mid-measurement ends it at once rather than after autocannon's timeouts.
  const watcher = setInterval(() => {
    if (server.exitReason() !== null) stop.abort()
  }, 50)
  const pid = server.pid
  const resetOk = pid !== null && resetPeakRss(pid)
  let sampledRss = pid === null ? null : rssBytes(pid)
  const rssSampler = setInterval(() => {
    const now = pid === null ? null : rssBytes(pid)
    if (now !== null && (sampledRss === null || now > sampledRss)) sampledRss = now
  }, 100)
  const cpuBefore = pid === null ? null : cpuSeconds(pid)
  try {
    const load = await runLoad({
      url: server.url,
      scenario,
      durationSec,
      connections: options.connections,
      pipelining: options.pipelining,
      workers: placement.workers,
      signal: stop.signal,
    })
    const cpuAfter = pid === null ? null : cpuSeconds(pid)
    const serverCpu =
      cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / load.elapsedSec
    const peak = resetOk && pid !== null ? peakRssBytes(pid) : null
    const rss =
      peak !== null && sampledRss !== null ? Math.max(peak, sampledRss) : (peak ?? sampledRss)
    const expected = String(scenario.expectedStatus)
    const unexpected = Object.entries(load.statuses).filter(([code]) => code !== expected)
    const gone = server.exitReason()
    const invalidReason =
      gone !== null
        ? `the server ${gone} during the measurement`
        : load.responses === 0
          ? 'no response at all'
          : unexpected.length > 0
            ? `unexpected status ${unexpected.map(([code, n]) => `${code} ×${n}`).join(', ')} (expected ${expected})`
            : load.errors > 0 || load.timeouts > 0
              ? `${load.errors} connection errors, ${load.timeouts} timeouts`
              : null
    return {
      round,
      valid: invalidReason === null,
      invalidReason,
      reqPerSec: load.reqPerSec,
      baselineReqPerSec: null,
      ratio: null,
      latencyUs: load.latencyUs,
      throughputBytesPerSec: load.throughputBytesPerSec,
      responses: load.responses,
      statuses: load.statuses,
      errors: load.errors,
      timeouts: load.timeouts,
      clientCpu: load.clientCpu,
      serverCpu,
      clientBound: isClientBound({
        clientCpu: load.clientCpu,
        clientThreads: Math.max(1, placement.workers),
        serverCpu,
      }),
      rssPeakBytes: rss,
    }
  } finally {
    clearInterval(watcher)
    clearInterval(rssSampler)
    signal.removeEventListener('abort', onAbort)
  }
}

function failedRound(round: number, reason: string): Round {
  return {
    round,
    valid: false,
    invalidReason: reason,
    reqPerSec: 0,
    baselineReqPerSec: null,
    ratio: null,
    latencyUs: { p50: 0, p90: 0, p99: 0 },
    throughputBytesPerSec: 0,
    responses: 0,
    statuses: {},
    errors: 0,
    timeouts: 0,
    clientCpu: null,
    serverCpu: null,
    clientBound: false,
    rssPeakBytes: null,
  }
}
