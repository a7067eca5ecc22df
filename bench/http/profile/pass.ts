/**
 * The profiling pass: where each server's time goes on each scenario, apart from the measured
 * rounds so that the profiler never touches a figure of theirs. Per server and scenario: a fresh
 * server with the profiling agent loaded (agent.ts), warmed up until its cost is steady, measured
 * once without the profiler and once with it (their cost ratio is the profiler's overhead), the
 * profile of the second window kept as a `.cpuprofile` file and split into layers (attribute.ts).
 * Each layer's microseconds per request are the cost per request of the profiled window times the
 * layer's share of the samples that were not idle.
 *
 * The profile samples the main thread, where nearly all of a Node.js server's work is done; the
 * cost per request counts every thread. The few percent that V8's helper threads spend (concurrent
 * marking, background compilation) are thus spread over the layers in proportion.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs'
import { join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ROOT } from '../../lib/paths.js'
import { type MeasureContext, measure, warmUp } from '../measure.js'
import type { Scenario } from '../scenarios.js'
import type { CellProfile } from '../schema.js'
import { startServer } from '../server-process.js'
import type { SteadyRule } from '../steady.js'
import { attribute, type CpuProfile } from './attribute.js'
import { LAYERS, ON_NODE_ONLY, ROUTER_MODULES, ROUTER_NOTES } from './layers.js'

const AGENT = fileURLToPath(new URL('./agent.js', import.meta.url))

/** V8 samples every millisecond by default; a tenth of that gives 10,000 samples a second. */
export const PROFILE_INTERVAL_US = 100

export interface PassOptions {
  readonly server: string
  /** The runtime of the cell: the pass profiles Node.js's (`ON_NODE_ONLY` says why). */
  readonly runtime: string
  readonly scenario: Scenario
  readonly durationSec: number
  readonly rule: SteadyRule
  readonly cores: string | null
  /** Where the `.cpuprofile` files go: `<out>/profiles`. */
  readonly dir: string
  readonly context: MeasureContext
}

/** Waits for a file the agent writes; false if it does not come within `timeoutMs`. */
async function appears(file: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const deadline = performance.now() + timeoutMs
  while (!existsSync(file)) {
    if (performance.now() > deadline || signal.aborted) return false
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  return true
}

/** Profiles one server on one scenario. A failure is a cell with its reason, never a throw. */
export async function profileCell(options: PassOptions): Promise<CellProfile> {
  const { server, runtime, scenario, dir, context } = options
  const base = { server, runtime, scenario: scenario.name, intervalUs: PROFILE_INTERVAL_US }
  const failed = (reason: string): CellProfile => ({ ...base, ...EMPTY, reason })
  if (runtime !== 'node') return failed(ON_NODE_ONLY)
  const work = join(dir, `.${server}-${scenario.name}-${process.pid}`)
  rmSync(work, { recursive: true, force: true })
  mkdirSync(work, { recursive: true })
  let process_: Awaited<ReturnType<typeof startServer>> | null = null
  try {
    process_ = await startServer(server, {
      cores: options.cores,
      nodeArgs: ['--import', AGENT],
      env: {
        ROUTEBENCH_PROFILE_DIR: work,
        ROUTEBENCH_PROFILE_INTERVAL_US: String(PROFILE_INTERVAL_US),
      },
    })
    const target = process_
    await warmUp(target, scenario, options.rule, context)
    const plain = await measure(target, scenario, options.durationSec, 1, null, context)
    if (!plain.round.valid) return failed(plain.round.invalidReason ?? 'invalid')
    process.kill(target.pid, 'SIGUSR2')
    if (!(await appears(join(work, 'started-1'), 5_000, context.signal)))
      return failed('the profiler did not start')
    const profiled = await measure(target, scenario, options.durationSec, 1, null, context)
    process.kill(target.pid, 'SIGUSR2')
    const written = join(work, 'profile-1.cpuprofile')
    if (!(await appears(written, 10_000, context.signal)))
      return failed('the profile was not written')
    if (!profiled.round.valid) return failed(profiled.round.invalidReason ?? 'invalid')
    const file = join(dir, `${server}-${scenario.name}.cpuprofile`)
    renameSync(written, file)
    const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile
    const found = attribute(profile, server, ROOT)
    const costUs = profiled.round.costUs
    const layers = Object.fromEntries(
      LAYERS.map((layer) => {
        const share = found.shares[layer]
        return [layer, { share, us: costUs === null ? null : costUs * share }]
      }),
    ) as NonNullable<CellProfile['layers']>
    const routes = ROUTER_MODULES[server] !== undefined
    return {
      ...base,
      file: relative(join(dir, '..'), file),
      samples: found.samples,
      idleShare: found.samples === 0 ? 0 : found.idle / found.samples,
      costUs,
      unprofiledCostUs: plain.round.costUs,
      overhead: costUs === null || plain.round.costUs === null ? null : costUs / plain.round.costUs,
      layers,
      router: routes
        ? { share: layers.router.share, us: layers.router.us, note: null }
        : { share: null, us: null, note: ROUTER_NOTES[server] ?? 'no router module is known' },
      top: found.top.map((f) => ({ ...f, url: shortUrl(f.url) })),
      reason: null,
    }
  } catch (error) {
    return failed((error as Error).message)
  } finally {
    await process_?.stop()
    rmSync(work, { recursive: true, force: true })
  }
}

/** A script URL as a reader wants it: relative to the checkout, or the `node:` module. */
function shortUrl(url: string): string {
  const root = `file://${ROOT}`
  return url.startsWith(root) ? url.slice(root.length) : url
}

const EMPTY: Omit<CellProfile, 'server' | 'runtime' | 'scenario' | 'intervalUs' | 'reason'> = {
  file: null,
  samples: 0,
  idleShare: null,
  costUs: null,
  unprofiledCostUs: null,
  overhead: null,
  layers: null,
  router: null,
  top: [],
}
