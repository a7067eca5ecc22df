/**
 * The benchmark run: check every cell (a server on a runtime: `express`, `express@bun`) against the
 * contract, then R interleaved rounds. In each round every cell's server is started in its own
 * process of its runtime (one after the other, so that start-up times are the server's own),
 * warmed up on every scenario until its cost per request is steady (steady.ts), and then the
 * scenarios are measured one after another, each on every server in turn: a server's measurement and the baseline's (`node-http`) on the same scenario are seconds
 * apart, so that the machine's drift, which moves figures by 10% and more within minutes on a
 * shared machine, cancels in their ratio. The order of servers and of scenarios rotates from round
 * to round; the servers are stopped at the end of the round.
 *
 * The results file is rewritten (atomically) after every measurement; an interrupted or crashing
 * run keeps everything measured until then.
 */
import { join } from 'node:path'
import { setTimeout as sleep } from 'node:timers/promises'
import {
  findRuntime,
  RUNTIME_LABELS,
  RUNTIME_NAMES,
  type RuntimeLookup,
  type RuntimeName,
} from '@routebench/fixtures'
import { runConformance } from '../../servers/conformance/index.js'
import { ServerUnavailableError } from '../../servers/index.js'
import { explains, knownGaps } from '../../servers/known-gaps.js'
import { runStart, versions } from '../lib/meta.js'
import type { Placement } from '../lib/placement.js'
import { rotate } from '../lib/rounds.js'
import { bootstrapMedian } from '../lib/stats.js'
import { type Cell, cellName, cellsOf, sameCell, UNKNOWN_RUNTIME } from './cells.js'
import { CLIENT_BOUND_RULE } from './client-bound.js'
import type { CpuClock } from './cpu.js'
import { describeServer } from './describe.js'
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
  type RuntimeInfo,
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
  /** Where each runtime is, or why it is unavailable: fixtures' `findRuntime` unless a test says. */
  readonly findRuntime?: (name: RuntimeName) => RuntimeLookup
}

/** A cell of the round: its server's process (null for --target) and the target it offers. */
interface Running {
  readonly cell: Cell
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
  const cells: Cell[] =
    options.target === null
      ? cellsOf(options.servers, options.runtimes, baseline)
      : options.servers.map((server) => ({ server, runtime: UNKNOWN_RUNTIME }))
  // Each runtime a cell runs on, found once: where one is missing, its cells are unavailable.
  const runtimes = new Map<string, RuntimeLookup>(
    options.target === null
      ? RUNTIME_NAMES.filter((r) => cells.some((c) => c.runtime === r)).map((r) => [
          r,
          (context.findRuntime ?? findRuntime)(r),
        ])
      : [],
  )
  const rule = steadyRule(options.warmupSec)
  const { loader } = context.loader
  const file: ResultsFile = {
    schemaVersion: SCHEMA_VERSION,
    kind: 'http',
    meta: {
      ...runStart(),
      runtimes: [...runtimes.values()].map(runtimeInfo),
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
        servers: [...new Set(cells.map((c) => c.server))],
        runtimes: [...options.runtimes],
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

  // 1. Which cells can be measured: their runtime installed, their server loadable, and serving
  //    the contract. The checks run a few at a time: each server is its own process, and
  //    correctness does not depend on speed, but a check that waits too long on a crowded core
  //    would fail for nothing.
  file.servers = await inTurn(cells, CHECKS_AT_ONCE, (cell) =>
    checkServer(cell, runtimes.get(cell.runtime) ?? null, context),
  )
  save(file)
  const measured: Cell[] = file.servers
    .filter((s) => s.status === 'measured')
    .map((s) => ({ server: s.name, runtime: s.runtime }))
  const baselineCell: Cell | null = baseline === null ? null : { server: baseline, runtime: 'node' }
  if (baselineCell !== null && !measured.some((c) => sameCell(c, baselineCell)))
    file.meta.options.baseline = null
  const pairedWith = file.meta.options.baseline === null ? null : baselineCell

  // 2. Rounds.
  for (const cell of measured)
    for (const s of scenarios) file.results.push(emptyResult(cell, s.name))
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
  const record = (cell: Cell, scenario: Scenario, entry: Round, clock: CpuClock | null) => {
    const result = file.results.find(
      (r) => sameCell(r, cell) && r.scenario === scenario.name,
    ) as Result
    result.rounds.push(entry)
    if (clock !== null) file.meta.cpuClock ??= clock
    summarize(file.results, pairedWith, scenario.name)
    done++
    reporter.measured(result, entry, done, total)
    save(file)
  }

  for (let round = 1; round <= options.rounds && !signal.aborted; round++) {
    const servers = rotate(measured, round - 1)
    const order = rotate(scenarios, round - 1)
    const running: Running[] = []
    try {
      for (const cell of servers) {
        if (signal.aborted) break
        reporter.step(`round ${round}: starting ${cellName(cell)}`)
        running.push(await start(cell, runtimes.get(cell.runtime) ?? null, context, startups))
      }
      // Warm-up: every server on every scenario, until its cost is steady.
      const warm = new Map<string, WarmUp>()
      for (const server of running) {
        for (const scenario of order) {
          if (signal.aborted || server.failed !== null || options.warmupSec === 0) break
          if (server.target.exitReason() !== null) break
          reporter.step(`round ${round}: warming up ${cellName(server.cell)} on ${scenario.name}`)
          const warmed = await cutShort(signal, () =>
            warmUp(server.target, scenario, rule, measureContext),
          )
          if (warmed === null) break
          warm.set(`${cellName(server.cell)} ${scenario.name}`, warmed)
        }
      }
      // Measurements: scenario by scenario, every server in turn.
      for (const scenario of order) {
        for (const server of running) {
          if (signal.aborted) break
          if (server.failed !== null) {
            record(server.cell, scenario, failedRound(round, server.failed), null)
            continue
          }
          const gone = server.target.exitReason()
          if (gone !== null) {
            record(
              server.cell,
              scenario,
              failedRound(round, `the server ${gone} earlier in this round`),
              null,
            )
            continue
          }
          reporter.next(cellName(server.cell), scenario.name, round, done, total)
          const warmed = warm.get(`${cellName(server.cell)} ${scenario.name}`) ?? null
          const entry = await cutShort(signal, () =>
            measure(server.target, scenario, options.durationSec, round, warmed, measureContext),
          )
          if (entry === null || signal.aborted) break // a measurement cut short by Ctrl-C is not kept
          record(server.cell, scenario, entry.round, entry.clock)
        }
      }
    } finally {
      await Promise.all(running.map((r) => r.process?.stop()))
    }
  }

  for (const info of file.servers) {
    const times = startups.get(cellName({ server: info.name, runtime: info.runtime }))
    info.startupMs = times === undefined ? null : bootstrapMedian(times)
  }
  summarize(file.results, pairedWith)
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
    // Node.js's cells only: pass.ts says why the profile of another runtime would not be read.
    const toProfile = scenarios.flatMap((scenario) =>
      measured.filter((c) => c.runtime === 'node').map((cell) => ({ cell, scenario })),
    )
    for (const [
      i,
      {
        cell: { server, runtime },
        scenario,
      },
    ] of toProfile.entries()) {
      if (signal.aborted) break
      reporter.step(`profiling ${cellName({ server, runtime })} on ${scenario.name}`)
      const cell = await profileCell({
        server,
        runtime,
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
      reporter.profiled(cell, i + 1, toProfile.length)
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

/** The runtime a cell runs on, or why it cannot; null for a --target cell. */
type Lookup = RuntimeLookup | null

/** Starts one cell's server for a round (or takes the --target one); a failure is kept, not thrown. */
async function start(
  cell: Cell,
  lookup: Lookup,
  { options, placement }: RunContext,
  startups: Map<string, number[]>,
): Promise<Running> {
  if (options.target !== null) {
    const target = { url: options.target, pid: null, exitReason: () => null }
    return { cell, target, process: null, failed: null }
  }
  const name = cellName(cell)
  try {
    if (lookup === null || !lookup.available)
      throw new Error(lookup?.reason ?? `no runtime ${cell.runtime}`)
    const started = await startServer(cell.server, {
      cores: placement.serverCores,
      runtime: lookup.runtime,
    })
    startups.set(name, [...(startups.get(name) ?? []), started.startupMs])
    return { cell, target: started, process: started, failed: null }
  } catch (error) {
    const failed = `${name} did not start: ${(error as Error).message}`
    const target = { url: '', pid: null, exitReason: () => 'did not start' }
    return { cell, target, process: null, failed }
  }
}

/** What the results say of a runtime: its version, or why it is unavailable. */
function runtimeInfo(lookup: RuntimeLookup): RuntimeInfo {
  return lookup.available
    ? {
        name: lookup.runtime.name,
        status: 'available',
        version: lookup.runtime.version,
        command: lookup.runtime.command,
        reason: null,
      }
    : {
        name: lookup.name,
        status: 'unavailable',
        version: null,
        command: null,
        reason: lookup.reason,
      }
}

/** How many cells are checked against the contract at once. */
const CHECKS_AT_ONCE = 4

/** `work` on every item, at most `width` at a time; the answers in the items' order. */
async function inTurn<T, R>(items: readonly T[], width: number, work: (item: T) => Promise<R>) {
  const answers: R[] = new Array(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const i = next++
      answers[i] = await work(items[i] as T)
    }
  }
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker))
  return answers
}

async function checkServer(
  cell: Cell,
  lookup: Lookup,
  { options, placement, reporter, signal }: RunContext,
): Promise<ServerInfo> {
  const { server: name, runtime } = cell
  const label = cellName(cell)
  if (options.target !== null) {
    reporter.step(`checking ${options.target} against the API contract`)
    const base = { name, runtime, style: 'a server at --target', packages: {} }
    const report = await runConformance(options.target, { signal })
    if (report.interrupted) return notChecked(base)
    const info = serverInfo(base, report)
    if (info.status === 'failed') reporter.skipped(label, info.reason ?? '', true)
    return info
  }
  const left = (status: 'failed' | 'unavailable', reason: string): ServerInfo => {
    reporter.skipped(label, reason, status === 'failed')
    return {
      name,
      runtime,
      style: '',
      packages: {},
      status,
      reason,
      conformance: null,
      startupMs: null,
    }
  }
  if (lookup === null) return left('unavailable', `no runtime ${runtime}`)
  if (!lookup.available) {
    return left(
      'unavailable',
      `${RUNTIME_LABELS[runtime as RuntimeName]} is unavailable: ${lookup.reason}`,
    )
  }
  let definition: { style: string; packages: readonly string[] }
  try {
    definition = await describeServer(name, lookup.runtime)
  } catch (error) {
    if (error instanceof ServerUnavailableError) return left('unavailable', error.message)
    return left('failed', `cannot load: ${(error as Error).message}`)
  }
  const base = { name, runtime, style: definition.style, packages: versions(definition.packages) }
  reporter.step(`checking ${label} against the API contract`)
  let started: ServerProcess | undefined
  try {
    started = await startServer(name, { cores: placement.serverCores, runtime: lookup.runtime })
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
    if (info.status === 'failed') reporter.skipped(label, info.reason ?? '', true)
    return info
  } catch (error) {
    // A run interrupted meanwhile says nothing of the server.
    if (signal.aborted) return notChecked(base)
    const reason = `did not start: ${(error as Error).message}`
    reporter.skipped(label, reason, true)
    return { ...base, status: 'failed', reason, conformance: null, startupMs: null }
  } finally {
    await started?.stop()
  }
}

/** A server whose checks the interruption of the run cut short: neither measured nor failed. */
function notChecked(base: Pick<ServerInfo, 'name' | 'runtime' | 'style' | 'packages'>): ServerInfo {
  const reason = 'not checked: the run was interrupted'
  return { ...base, status: 'unavailable', reason, conformance: null, startupMs: null }
}

function serverInfo(
  base: Pick<ServerInfo, 'name' | 'runtime' | 'style' | 'packages'>,
  report: Awaited<ReturnType<typeof runConformance>>,
): ServerInfo {
  const failures = report.failed
    .slice(0, 5)
    .map((c) => `${c.name}: ${c.message.split('\n').join('; ')}`)
  const on = RUNTIME_LABELS[base.runtime as RuntimeName]
  const gaps = knownGaps(base.name, base.runtime)
  const named = (list: typeof gaps) =>
    list.map((gap) => `a known difference on ${on}: ${gap.reason}`).join('; ')
  const unexplained = report.failed.filter((c) => !gaps.some((gap) => explains(gap, c)))
  // Only differences that no scenario's request meets leave the server measured.
  const seen = gaps.filter((gap) => report.failed.some((c) => explains(gap, c)))
  const ok = unexplained.length === 0 && seen.every((gap) => gap.measured)
  const known = gaps.length === 0 ? '' : ` (${named(gaps)})`
  return {
    ...base,
    status: ok ? 'measured' : 'failed',
    reason:
      report.failed.length === 0
        ? null
        : ok
          ? `measured, but ${report.failed.length} of ${report.checks.length} conformance checks differ: ${named(seen)}`
          : `${report.failed.length} of ${report.checks.length} conformance checks failed${known}, first: ${failures[0]}`,
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
