/**
 * The HTTP tier of `npm run regress`: per server, the base's build and head's (twice, for the A/A
 * pair) run side by side, each in its own process on the server core; every scenario is measured
 * on the three in an ABCCBA order (see arms.ts), a second apart, round after round. Each
 * arm is checked against the current API contract first: a base that answers differently cannot
 * be compared.
 */
import { runConformance } from '../../servers/conformance/index.js'
import { runLoad } from '../http/load.js'
import { SCENARIOS, type Scenario } from '../http/scenarios.js'
import { type ServerProcess, startServer } from '../http/server-process.js'
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
  /** req/s per server, scenario and round, two per arm. */
  const samples = new Map<string, Record<Arm, number[]>[]>()
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
        const urls = started as Record<Arm, ServerProcess>
        for (const arm of ARMS) {
          for (const scenario of scenarios)
            await load(urls[arm].url, scenario, options.warmupSec, options)
        }
        for (const scenario of scenarios) {
          const times: Record<Arm, number[]> = { base: [], head: [], again: [] }
          for (const arm of order(round)) {
            times[arm].push(await load(urls[arm].url, scenario, options.durationSec, options))
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
    // req/s is a speed: its inverse is the cost that decide() compares.
    const figures: RoundFigures[] = rounds.map((r) =>
      roundFigures({
        base: [1 / (r.base[0] as number), 1 / (r.base[1] as number)],
        head: [1 / (r.head[0] as number), 1 / (r.head[1] as number)],
        again: [1 / (r.again[0] as number), 1 / (r.again[1] as number)],
      } as ArmCosts),
    )
    const speed = (arm: Arm) =>
      median(rounds.map((r) => Math.sqrt((r[arm][0] as number) * (r[arm][1] as number))))
    rows.push({
      tier: 'http',
      name,
      metric: 'req/s',
      base: speed('base'),
      head: speed('head'),
      rounds: figures,
      threshold: options.threshold,
      ...decide(figures, options.threshold),
    })
  }
  return { rows, errors }
}

/** One measurement; throws when any response is not the expected one. */
async function load(
  url: string,
  scenario: Scenario,
  durationSec: number,
  options: HttpTierOptions,
): Promise<number> {
  const result = await runLoad({
    url,
    scenario,
    durationSec,
    connections: options.connections,
    pipelining: 1,
    workers: options.placement.workers,
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  })
  const expected = String(scenario.expectedStatus)
  const other = Object.keys(result.statuses).filter((code) => code !== expected)
  if (result.responses === 0 || other.length > 0 || result.errors > 0 || result.timeouts > 0) {
    throw new Error(
      `${scenario.name} at ${url}: ${result.responses} responses, statuses ${JSON.stringify(result.statuses)}, ${result.errors} errors, ${result.timeouts} timeouts`,
    )
  }
  return result.reqPerSec
}
