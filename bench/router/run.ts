/**
 * The router benchmark run: R rounds, in each of which every (router, table) is measured in a
 * fresh process (measure.ts), in an order that rotates from round to round; the reference router
 * is measured in every round, so each ratio pairs two measurements taken minutes apart at most.
 * Then, when asked, the deterministic tier: instructions per lookup under callgrind.
 *
 * The results file is rewritten after every measurement; an interrupted run keeps what it has.
 */

import { fileURLToPath } from 'node:url'
import { runChild } from '../lib/child.js'
import { runStart, versions } from '../lib/meta.js'
import { rotate } from '../lib/rounds.js'
import { median } from '../lib/stats.js'
import { loadAdapter } from './adapters/index.js'
import { countInstructions, instructionsAvailable } from './instructions.js'
import type { JobResult, TimeJob } from './measure.js'
import { REFERENCE, type RouterBenchOptions } from './options.js'
import { newSeed } from './random-sets.js'
import {
  type InstructionCount,
  ROUTER_SCHEMA_VERSION,
  type RouterFile,
  type RouterResult,
  type RouterRound,
} from './schema.js'
import { summarizeRouters } from './summarize.js'
import { benchTable, isStandardTable } from './tables.js'

const MEASURE = fileURLToPath(new URL('./measure.js', import.meta.url))
/** A measuring process that runs longer than this is stuck (a linear router on a huge table). */
const JOB_TIMEOUT_MS = 180_000

export interface RouterReporter {
  step(text: string): void
  next(router: string, table: string, round: number, done: number, total: number): void
  measured(result: RouterResult, round: RouterRound, done: number, total: number): void
  counted(count: InstructionCount, done: number, total: number): void
}

export interface RouterRunContext {
  readonly options: RouterBenchOptions
  /** taskset core list for the measuring processes, or null. */
  readonly cores: string | null
  readonly placement: string
  readonly reporter: RouterReporter
  readonly save: (file: RouterFile) => void
  readonly signal: AbortSignal
}

export async function runRouterBenchmark(context: RouterRunContext): Promise<RouterFile> {
  const { options, reporter, save, signal } = context
  const reference = options.routers.includes(REFERENCE) ? REFERENCE : null
  const counting = options.instructions ? instructionsAvailable() : null
  // Every process of the run draws the same randomized sets from this seed.
  const seed = options.seed ?? newSeed()
  const file: RouterFile = {
    schemaVersion: ROUTER_SCHEMA_VERSION,
    kind: 'router',
    meta: {
      ...runStart(),
      placement: context.placement,
      mitata: versions(['mitata']).mitata as string,
      instructions: !options.instructions
        ? 'not counted (--instructions counts them)'
        : counting === null
          ? 'valgrind --tool=callgrind, node --predictable --random-seed=1 --hash-seed=1'
          : `not counted: ${counting}`,
      options: {
        routers: [...options.routers],
        tables: [...options.tables],
        reference,
        rounds: options.rounds,
        timeMs: options.timeMs,
        warmupMinMs: options.warmupMinMs,
        warmupMaxMs: options.warmupMaxMs,
        builds: options.builds,
        profile: options.profile,
        pin: context.cores !== null,
        instructions: options.instructions,
        seed,
      },
      pairing: null,
    },
    routers: [],
    tables: [],
    results: [],
    instructions: [],
  }
  for (const name of options.routers) {
    const adapter = await loadAdapter(name)
    file.routers.push({
      name,
      description: adapter.description,
      packages: versions(adapter.packages),
      decodesParams: adapter.decodesParams,
    })
  }
  for (const name of options.tables) {
    const table = benchTable(name, seed)
    if (table === null) throw new Error(`unknown table "${name}"`)
    file.tables.push({
      name,
      kind: isStandardTable(name) ? 'standard' : 'generated',
      routes: table.routes.length,
      sets: table.sets.map((s) => ({
        name: s.name,
        description: s.description,
        lookups: s.lookups.length,
      })),
    })
    for (const router of options.routers) file.results.push(pending(router, name))
  }
  save(file)

  // 1. Timed rounds. A router that refuses a table refuses it in every round: it is not started
  //    again.
  const pairs = options.tables.flatMap((table) =>
    options.routers.map((router) => ({ router, table })),
  )
  const total = options.rounds * pairs.length
  let done = 0
  for (let round = 1; round <= options.rounds && !signal.aborted; round++) {
    for (const { router, table } of rotate(pairs, round - 1)) {
      if (signal.aborted) break
      const result = file.results.find(
        (r) => r.router === router && r.table === table,
      ) as RouterResult
      if (result.status === 'cannot-register') {
        done++
        continue
      }
      reporter.next(router, table, round, done, total)
      const entry = await measureOnce(router, table, round, seed, context)
      if (signal.aborted) break // a measurement cut short is not kept
      result.rounds.push(entry)
      summarizeRouters(file.results, reference)
      done++
      reporter.measured(result, entry, done, total)
      save(file)
    }
  }

  // 2. Instructions per lookup, where asked and possible.
  if (options.instructions && counting === null && !signal.aborted) {
    const targets = file.results.filter((r) => isStandardTable(r.table) && r.status === 'measured')
    for (const [i, result] of targets.entries()) {
      if (signal.aborted) break
      reporter.step(`counting instructions: ${result.router} on ${result.table} (callgrind)`)
      const count = await countInstructions(result.router, result.table, 'all', { signal })
      if (signal.aborted) break
      file.instructions.push(count)
      reporter.counted(count, i + 1, targets.length)
      save(file)
    }
  }

  summarizeRouters(file.results, reference)
  file.meta.finishedAt = new Date().toISOString()
  file.meta.interrupted = signal.aborted
  file.meta.complete = !signal.aborted
  save(file)
  return file
}

async function measureOnce(
  router: string,
  table: string,
  round: number,
  seed: number,
  { options, cores, signal }: RouterRunContext,
): Promise<RouterRound> {
  const job: TimeJob = {
    mode: 'time',
    router,
    table,
    seed,
    timeMs: options.timeMs,
    warmupMinMs: options.warmupMinMs,
    warmupMaxMs: options.warmupMaxMs,
    builds: options.builds,
    collect: options.profile === 'default',
  }
  const done = await runChild(process.execPath, ['--expose-gc', MEASURE, JSON.stringify(job)], {
    timeoutMs: JOB_TIMEOUT_MS,
    signal,
    cores,
    exitWithParent: true,
  })
  if (done.failure !== null) return failedRound(round, `the measuring process ${done.failure}`)
  let result: JobResult
  try {
    result = JSON.parse(done.stdout) as JobResult
  } catch {
    return failedRound(
      round,
      `the measuring process printed no result: ${done.stdout.slice(0, 200)}`,
    )
  }
  const builds = result.registrationMs
  return {
    round,
    status: result.status,
    reason: result.reason,
    // The first build is cold (the router's code not yet compiled); the others show the steady cost.
    registrationMs:
      builds.length === 0 ? null : median(builds.length > 1 ? builds.slice(1) : builds),
    coldRegistrationMs: builds[0] ?? null,
    heapBytes: result.heapBytes,
    warmupMs: result.warmupMs,
    sets: result.sets.flatMap((s) =>
      s.timing === null
        ? []
        : [
            {
              name: s.name,
              nsPerLookup: s.timing.p50,
              p99NsPerLookup: s.timing.p99,
              samples: s.timing.samples,
            },
          ],
    ),
    wrong: result.sets
      .filter((s) => s.wrong.length > 0)
      .map((s) => ({ set: s.name, answers: s.wrong.slice(0, 3) })),
  }
}

function failedRound(round: number, reason: string): RouterRound {
  return {
    round,
    status: 'failed',
    reason,
    registrationMs: null,
    coldRegistrationMs: null,
    heapBytes: null,
    warmupMs: null,
    sets: [],
    wrong: [],
  }
}

function pending(router: string, table: string): RouterResult {
  return {
    router,
    table,
    status: 'pending',
    reason: null,
    rounds: [],
    registrationMs: null,
    heapBytes: null,
    warmupMs: null,
    sets: [],
  }
}
