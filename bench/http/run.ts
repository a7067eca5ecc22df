/**
 * The benchmark run: check every server against the contract, then R interleaved rounds. In each
 * round every server is started in its own process (one after the other, so that start-up times
 * are the server's own), warmed up on every scenario until its cost per request is steady
 * (steady.ts), and then the scenarios are measured one after another, each on every server in
 * turn: a server's measurement and the baseline's (`node-http`) on the same scenario are seconds
 * apart, so that the machine's drift, which moves figures by 10% and more within minutes on a
 * shared machine, cancels in their ratio. The order of servers and of scenarios rotates from round
 * to round; the servers are stopped at the end of the round.
 *
 * The results file is rewritten (atomically) after every measurement; an interrupted or crashing
 * run keeps everything measured until then.
 */
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import { runConformance } from '../../servers/conformance/index.js'
import { loadServer, ServerUnavailableError } from '../../servers/index.js'
import { runStart, versions } from '../lib/meta.js'
import type { Placement } from '../lib/placement.js'
import { rotate } from '../lib/rounds.js'
import { bootstrapMedian } from '../lib/stats.js'
import { CLIENT_BOUND_RULE } from './client-bound.js'
import type { CpuClock } from './cpu.js'
import type { ChosenLoader } from './loaders/index.js'
import {
  DRIFT_RULE,
  type MeasureContext,
  measure,
  type Target,
  type WarmUp,
  warmUp,
} from './measure.js'
import { BASELINE, type BenchOptions } from './options.js'
import { PROFILE_INTERVAL_US, profileCell } from './profile/pass.js'
import { SCENARIOS, type Scenario } from './scenarios.js'
import {
  type CellProfile,
  type Profiles,
  type Result,
  type ResultsFile,
  type Round,
  SCHEMA_VERSION,
  type ServerInfo,
} from './schema.js'
import { type ServerProcess, startServer } from './server-process.js'
import { steadyRule, steadyRuleText } from './steady.js'
import { emptyResult, summarize } from './summarize.js'

export interface Reporter {
  /** A step that is not a measurement: checking a server, starting one, warming one up. */
  step(text: string): void
  /** A server left out of the run, and why. */
  skipped(server: string, reason: string, failed: boolean): void
  /** A measurement finished; `done` of `total` are finished. */
  measured(result: Result, round: Round, done: number, total: number): void
  /** The measurement about to start. */
  next(server: string, scenario: string, round: number, done: number, total: number): void
  /** A cell of the profiling pass finished; `done` of `total`. */
  profiled(cell: CellProfile, done: number, total: number): void
}

export interface RunContext {
  readonly options: BenchOptions
  readonly placement: Placement
  readonly loader: ChosenLoader
  readonly reporter: Reporter
  /** Called with the file after every change worth keeping. */
  readonly save: (file: ResultsFile) => void
  /** The output folder: the profiles go to its `profiles/`. */
  readonly out: string
  readonly signal: AbortSignal
}

/** A server of the round: its process (null for --target) and the target it offers. */
interface Running {
  readonly name: string
  readonly target: Target
  readonly process: ServerProcess | null
  /** Why it could not start this round, or null. */
  readonly failed: string | null
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
  const rule = steadyRule(options.warmupSec)
  const { loader } = context.loader
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
      loader: {
        name: loader.name,
        version: loader.version,
        threads: loader.threads,
        auto: context.loader.auto,
        note: context.loader.note,
      },
      cpuClock: null,
      steadyRule: options.warmupSec > 0 ? steadyRuleText(rule) : 'no warm-up (--warmup 0)',
      driftRule: DRIFT_RULE,
      latencyResolution: loader.name === 'autocannon' && placement.workers > 0 ? 'ms' : 'us',
      clientBoundRule: CLIENT_BOUND_RULE,
      options: {
        servers: names,
        scenarios: [...options.scenarios],
        baseline,
        durationSec: options.durationSec,
        warmupSec: options.warmupSec,
        loader: options.loader,
        rounds: options.rounds,
        connections: options.connections,
        pipelining: options.pipelining,
        workers: loader.name === 'autocannon' ? placement.workers : 0,
        profile: options.profile,
        pin: placement.pinned,
        target: options.target,
      },
      pairing: null,
    },
    servers: [],
    results: [],
    profiles: null,
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
  const measureContext: MeasureContext = {
    loader,
    connections: options.connections,
    pipelining: options.pipelining,
    clientCores: placement.clientCores,
    signal,
  }
  let done = 0
  const record = (server: string, scenario: Scenario, entry: Round, clock: CpuClock | null) => {
    const result = file.results.find(
      (r) => r.server === server && r.scenario === scenario.name,
    ) as Result
    result.rounds.push(entry)
    if (clock !== null) file.meta.cpuClock ??= clock
    summarize(file.results, file.meta.options.baseline, scenario.name)
    done++
    reporter.measured(result, entry, done, total)
    save(file)
  }

  for (let round = 1; round <= options.rounds && !signal.aborted; round++) {
    const servers = rotate(measured, round - 1)
    const order = rotate(scenarios, round - 1)
    const running: Running[] = []
    try {
      for (const server of servers) {
        if (signal.aborted) break
        reporter.step(`round ${round}: starting ${server}`)
        running.push(await start(server, context, startups))
      }
      // Warm-up: every server on every scenario, until its cost is steady.
      const warm = new Map<string, WarmUp>()
      for (const server of running) {
        for (const scenario of order) {
          if (signal.aborted || server.failed !== null || options.warmupSec === 0) break
          if (server.target.exitReason() !== null) break
          reporter.step(`round ${round}: warming up ${server.name} on ${scenario.name}`)
          const warmed = await cutShort(signal, () =>
            warmUp(server.target, scenario, rule, measureContext),
          )
          if (warmed === null) break
          warm.set(`${server.name} ${scenario.name}`, warmed)
        }
      }
      // Measurements: scenario by scenario, every server in turn.
      for (const scenario of order) {
        for (const server of running) {
          if (signal.aborted) break
          if (server.failed !== null) {
            record(server.name, scenario, failedRound(round, server.failed), null)
            continue
          }
          const gone = server.target.exitReason()
          if (gone !== null) {
            record(
              server.name,
              scenario,
              failedRound(round, `the server ${gone} earlier in this round`),
              null,
            )
            continue
          }
          reporter.next(server.name, scenario.name, round, done, total)
          const warmed = warm.get(`${server.name} ${scenario.name}`) ?? null
          const entry = await cutShort(signal, () =>
            measure(server.target, scenario, options.durationSec, round, warmed, measureContext),
          )
          if (entry === null || signal.aborted) break // a measurement cut short by Ctrl-C is not kept
          record(server.name, scenario, entry.round, entry.clock)
        }
      }
    } finally {
      await Promise.all(running.map((r) => r.process?.stop()))
    }
  }

  for (const info of file.servers) {
    const times = startups.get(info.name)
    info.startupMs = times === undefined ? null : bootstrapMedian(times)
  }
  summarize(file.results, file.meta.options.baseline)
  save(file)

  // 3. Where the time goes: a pass of its own, after the rounds, with the profiler on.
  if (options.cpuProfile && !signal.aborted) {
    const profiles: Profiles = {
      intervalUs: PROFILE_INTERVAL_US,
      durationSec: options.durationSec,
      overhead: null,
      cells: [],
    }
    file.profiles = profiles
    const cells = scenarios.flatMap((scenario) => measured.map((server) => ({ server, scenario })))
    for (const [i, { server, scenario }] of cells.entries()) {
      if (signal.aborted) break
      reporter.step(`profiling ${server} on ${scenario.name}`)
      const cell = await profileCell({
        server,
        scenario,
        durationSec: options.durationSec,
        rule,
        cores: placement.serverCores,
        dir: join(context.out, 'profiles'),
        context: measureContext,
      })
      if (signal.aborted) break
      profiles.cells.push(cell)
      const overheads = profiles.cells.flatMap((c) => (c.overhead === null ? [] : [c.overhead]))
      profiles.overhead = overheads.length === 0 ? null : bootstrapMedian(overheads)
      reporter.profiled(cell, i + 1, cells.length)
      save(file)
    }
  }

  file.meta.finishedAt = new Date().toISOString()
  file.meta.interrupted = signal.aborted
  file.meta.complete = !signal.aborted
  save(file)
  return file
}

/**
 * `step()`, or null when the run is interrupted while it runs: a load generator stopped in its
 * first milliseconds may have nothing to report, and that is the interruption, not an error.
 */
async function cutShort<T>(signal: AbortSignal, step: () => Promise<T>): Promise<T | null> {
  try {
    return await step()
  } catch (error) {
    if (signal.aborted) return null
    throw error
  }
}

/** Starts one server for a round (or takes the --target one); a failure is kept, not thrown. */
async function start(
  name: string,
  { options, placement }: RunContext,
  startups: Map<string, number[]>,
): Promise<Running> {
  if (options.target !== null) {
    const target = { url: options.target, pid: null, exitReason: () => null }
    return { name, target, process: null, failed: null }
  }
  try {
    const started = await startServer(name, { cores: placement.serverCores })
    startups.set(name, [...(startups.get(name) ?? []), started.startupMs])
    return { name, target: started, process: started, failed: null }
  } catch (error) {
    const failed = `${name} did not start: ${(error as Error).message}`
    const target = { url: '', pid: null, exitReason: () => 'did not start' }
    return { name, target, process: null, failed }
  }
}

async function checkServer(
  name: string,
  { options, placement, reporter, signal }: RunContext,
): Promise<ServerInfo> {
  if (options.target !== null) {
    reporter.step(`checking ${options.target} against the API contract`)
    const base = { name, style: 'a server at --target', packages: {} }
    const report = await runConformance(options.target, { signal })
    if (report.interrupted) return notChecked(base)
    const info = serverInfo(base, report)
    if (info.status === 'failed') reporter.skipped(name, info.reason ?? '', true)
    return info
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
    const report = await runConformance(started.url, { signal })
    if (report.interrupted) return notChecked(base)
    // Checks that failed may have failed because the server died: its exit is then the finding,
    // not the closed connections that followed.
    if (report.failed.length > 0) await Promise.race([started.exited, sleep(500)])
    const crash = started.exitReason()
    const info: ServerInfo =
      crash === null
        ? serverInfo(base, report)
        : {
            ...base,
            status: 'failed',
            reason: `the server ${crash} during the conformance checks`,
            conformance: null,
            startupMs: null,
          }
    if (info.status === 'failed') reporter.skipped(name, info.reason ?? '', true)
    return info
  } catch (error) {
    // A run interrupted meanwhile says nothing of the server.
    if (signal.aborted) return notChecked(base)
    const reason = `did not start: ${(error as Error).message}`
    reporter.skipped(name, reason, true)
    return { ...base, status: 'failed', reason, conformance: null, startupMs: null }
  } finally {
    await started?.stop()
  }
}

/** A server whose checks the interruption of the run cut short: neither measured nor failed. */
function notChecked(base: Pick<ServerInfo, 'name' | 'style' | 'packages'>): ServerInfo {
  const reason = 'not checked: the run was interrupted'
  return { ...base, status: 'unavailable', reason, conformance: null, startupMs: null }
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
    costUs: null,
    baselineCostUs: null,
    costRatio: null,
    clientCpu: null,
    serverCpu: null,
    clientBound: false,
    slices: [],
    drift: false,
    warmupMs: null,
    steady: false,
    rssPeakBytes: null,
  }
}
