/**
 * The HTTP tier of `npm run regress`: per server, the base's build and head's (twice, for the A/A
 * pair) run side by side, each in its own process on the server core; each is warmed up until its
 * cost is steady, then every scenario is measured on the three in an ABCCBA order (see arms.ts),
 * a second apart, round after round, with the benchmark's own measurement (bench/http/measure.ts)
 * and load generator. The figure compared is the server's CPU time per request, valid whether the
 * server or the load generator set the pace (the inverse of req/s where the server's CPU cannot be
 * read). Each arm is checked against the current API contract first: a base that answers
 * differently cannot be compared.
 */
import { runConformance } from '../../servers/conformance/index.js'
import type { Loader } from '../http/loaders/index.js'
import { type MeasureContext, measure, warmUp } from '../http/measure.js'
import { SCENARIOS, type Scenario } from '../http/scenarios.js'
import { type ServerProcess, startServer } from '../http/server-process.js'
import { steadyRule } from '../http/steady.js'
import type { Placement } from '../lib/placement.js'
import { median } from '../lib/stats.js'
import { ARMS, type Arm, order } from './arms.js'
import { type ArmCosts, decide, type RoundFigures, roundFigures } from './decide.js'
import type { RegressRow } from './result.js'
import type { Tree } from './trees.js'

export interface HttpTierOptions {
  readonly servers: readonly string[]
  readonly scenarios: readonly string[]
  readonly rounds: number
  readonly durationSec: number
  readonly warmupSec: number
  readonly connections: number
  readonly loader: Loader
  readonly threshold: number
  readonly base: Tree
  readonly head: Tree
  readonly placement: Placement
  readonly signal?: AbortSignal
  readonly log: (line: string) => void
}

export async function httpTier(options: HttpTierOptions): Promise<{
  rows: RegressRow[]
  errors: string[]
}> {
  const scenarios = options.scenarios.map(
    (name) => SCENARIOS.find((s) => s.name === name) as Scenario,
  )
  const errors: string[] = []
  /** Cost per request (µs, or seconds per response) per server, scenario and round, two per arm. */
  const samples = new Map<string, Record<Arm, number[]>[]>()
  let metric = 'CPU µs/req'
  const context: MeasureContext = {
    loader: options.loader,
    connections: options.connections,
    pipelining: 1,
    clientCores: options.placement.clientCores,
    signal: options.signal ?? new AbortController().signal,
  }
  const rule = steadyRule(options.warmupSec)
  const broken = new Set<string>()

  for (let round = 0; round < options.rounds && !options.signal?.aborted; round++) {
    for (const server of options.servers) {
      if (broken.has(server) || options.signal?.aborted) continue
      options.log(`http: round ${round + 1} of ${options.rounds}, ${server}`)
      const started: Partial<Record<Arm, ServerProcess>> = {}
      try {
        for (const arm of ARMS) {
          const tree = arm === 'base' ? options.base : options.head
          const running = await startServer(server, {
            cores: options.placement.serverCores,
            serveScript: tree.serveScript,
          })
          started[arm] = running
          if (round === 0) {
            const report = await runConformance(running.url)
            if (report.failed.length > 0) {
              const first = report.failed[0]
              throw new Error(
                `the ${tree.label} build of ${server} fails the API contract (${report.failed.length} checks, first: ${first?.name}), so it cannot be compared`,
              )
            }
          }
        }
        const arms = started as Record<Arm, ServerProcess>
        for (const arm of ARMS) {
          if (options.warmupSec === 0) break
          for (const scenario of scenarios) await warmUp(arms[arm], scenario, rule, context)
        }
        for (const scenario of scenarios) {
          const times: Record<Arm, number[]> = { base: [], head: [], again: [] }
          for (const arm of order(round)) {
            const cost = await costOf(arms[arm], scenario, options.durationSec, context)
            if (cost.metric !== metric) metric = cost.metric
            times[arm].push(cost.value)
          }
          const key = `${server} ${scenario.name}`
          samples.set(key, [...(samples.get(key) ?? []), times])
        }
      } catch (error) {
        broken.add(server)
        errors.push(`http ${server}: ${(error as Error).message}`)
      } finally {
        await Promise.all(Object.values(started).map((p) => p?.stop()))
      }
    }
  }

  const rows: RegressRow[] = []
  for (const [name, rounds] of samples) {
    if (broken.has(name.split(' ')[0] as string)) continue
    const figures: RoundFigures[] = rounds.map((r) =>
      roundFigures({
        base: [r.base[0] as number, r.base[1] as number],
        head: [r.head[0] as number, r.head[1] as number],
        again: [r.again[0] as number, r.again[1] as number],
      } as ArmCosts),
    )
    const cost = (arm: Arm) =>
      median(rounds.map((r) => Math.sqrt((r[arm][0] as number) * (r[arm][1] as number))))
    rows.push({
      tier: 'http',
      name,
      metric,
      base: cost('base'),
      head: cost('head'),
      rounds: figures,
      threshold: options.threshold,
      ...decide(figures, options.threshold),
    })
  }
  return { rows, errors }
}

/**
 * One measurement's cost: the server's CPU microseconds per request, or, where its CPU cannot be
 * read, seconds per response; throws when any response is not the expected one.
 */
async function costOf(
  server: ServerProcess,
  scenario: Scenario,
  durationSec: number,
  context: MeasureContext,
): Promise<{ metric: string; value: number }> {
  const { round } = await measure(server, scenario, durationSec, 1, null, context)
  if (!round.valid) throw new Error(`${scenario.name} at ${server.url}: ${round.invalidReason}`)
  return round.costUs !== null
    ? { metric: 'CPU µs/req', value: round.costUs }
    : { metric: 's/req', value: 1 / round.reqPerSec }
}
