/**
 * The command line of `npm run bench`, its defaults and the time it will take. The defaults fit the
 * whole matrix (8 servers × 7 scenarios) into about fifteen minutes on a two-core machine.
 */
import { parseArgs } from 'node:util'
import { RUNTIME_LABELS, RUNTIME_NAMES, type RuntimeName } from '@routebench/fixtures'
import { runsOn, runtimesOf, SERVER_NAMES } from '../../servers/index.js'
import { OptionsError, parseBounded, parseChoice, parseList } from '../lib/args.js'
import { cellsOf } from './cells.js'
import { LOADER_NAMES, type LoaderChoice } from './loaders/index.js'
import { SLICES } from './measure.js'
import { SCENARIO_NAMES } from './scenarios.js'

/** The baseline of every ratio: this server on Node.js. */
export const BASELINE = 'node-http'

export interface BenchOptions {
  /** Servers to measure, on each of `runtimes` they run on. */
  readonly servers: readonly string[]
  /** Runtimes to run them on; the baseline runs on Node.js whatever this says. */
  readonly runtimes: readonly RuntimeName[]
  readonly scenarios: readonly string[]
  /** Seconds each measurement lasts. */
  readonly durationSec: number
  /** At most this many seconds of unrecorded load per scenario after each server start: the
   * warm-up ends sooner once the server's cost per request is steady (steady.ts). */
  readonly warmupSec: number
  readonly loader: LoaderChoice
  readonly rounds: number
  readonly connections: number
  readonly pipelining: number
  readonly profile: 'default' | 'quick'
  /** After the rounds, profile every server on every scenario (bench/http/profile/). */
  readonly cpuProfile: boolean
  readonly pin: boolean
  readonly out: string
  readonly json: boolean
  /** A server already running elsewhere: measured as is, without a baseline. */
  readonly target: string | null
  readonly updateReadme: boolean
  readonly help: boolean
}

const PROFILES = {
  default: { durationSec: 1, warmupSec: 3, rounds: 5 },
  quick: { durationSec: 0.2, warmupSec: 0.25, rounds: 2 },
} as const

export const USAGE = `usage: npm run bench -- [options]

  --servers a,b        servers to measure (default: all that run on the runtimes asked for;
                       ${SERVER_NAMES.join(', ')})
  --runtimes r,s       runtimes to run them on: ${RUNTIME_NAMES.join(', ')} (default node); each
                       server runs on those of them it is written for, and the baseline,
                       node-http, on node
  --scenarios x,y      scenarios (default: all; ${SCENARIO_NAMES.join(', ')})
  --rounds N           interleaved rounds (default ${PROFILES.default.rounds}; quick ${PROFILES.quick.rounds})
  --duration S         seconds per measurement (default ${PROFILES.default.durationSec}; quick ${PROFILES.quick.durationSec})
  --warmup S           most seconds of warm-up per scenario after each server start; it ends
                       sooner once the cost per request is steady (default ${PROFILES.default.warmupSec}; quick ${PROFILES.quick.warmupSec})
  --loader L           load generator: auto, ${LOADER_NAMES.join(', ')} (default auto: wrk when
                       installed, else autocannon)
  --connections N      concurrent connections (default 100)
  --pipelining N       requests in flight per connection (default 1)
  --quick              a smoke profile: about a minute and a half for the whole matrix
  --profile            after the rounds, profile each server on each scenario with V8's CPU
                       profiler: where the time goes (network, framework, router, app, GC)
  --out DIR            where to write results (default results)
  --json               print the results JSON on stdout (progress goes to stderr)
  --target URL         measure a server already running there (started with npm run serve)
  --no-pin             do not pin server and load generator to separate cores
  --update-readme      rewrite README's benchmark section from this run
  --help               this text`

export { OptionsError }

export function parseOptions(args: readonly string[]): BenchOptions {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(args).values
  } catch (error) {
    throw new OptionsError((error as Error).message)
  }
  const profile = values.quick === true ? 'quick' : 'default'
  const defaults = PROFILES[profile]
  const target = values.target === undefined ? null : parseTarget(values.target)
  const runtimes =
    values.runtimes === undefined
      ? (['node'] as RuntimeName[])
      : parseList('--runtimes', values.runtimes, RUNTIME_NAMES)
  if (target !== null && values.runtimes !== undefined) {
    throw new OptionsError(
      '--target measures the server at that URL, on its own runtime; leave out --runtimes',
    )
  }
  const servers =
    target !== null
      ? [new URL(target).host]
      : values.servers === undefined
        ? SERVER_NAMES.filter((name) => runtimes.some((r) => runsOn(name, r)))
        : parseList('--servers', values.servers, SERVER_NAMES)
  for (const name of target === null ? servers : []) {
    const on = runtimesOf(name)
    if (!on.some((r) => runtimes.includes(r))) {
      throw new OptionsError(
        `--servers: ${name} runs on ${on.map((r) => RUNTIME_LABELS[r]).join(', ')} only; add ${on.join(' or ')} to --runtimes`,
      )
    }
  }
  if (target !== null && values.profile === true) {
    throw new OptionsError(
      '--profile profiles the servers this run starts; it cannot profile --target',
    )
  }
  if (target !== null && values.servers !== undefined) {
    throw new OptionsError('--target measures the server at that URL; leave out --servers')
  }
  return {
    servers,
    runtimes,
    scenarios:
      values.scenarios === undefined
        ? [...SCENARIO_NAMES]
        : parseList('--scenarios', values.scenarios, SCENARIO_NAMES),
    durationSec: parseBounded('--duration', values.duration, defaults.durationSec, {
      min: 0.1,
      max: 3600,
      what: 'a number of seconds',
    }),
    warmupSec: parseBounded('--warmup', values.warmup, defaults.warmupSec, {
      min: 0,
      max: 3600,
      what: 'a number of seconds',
    }),
    loader:
      values.loader === undefined
        ? 'auto'
        : parseChoice('--loader', values.loader, ['auto', ...LOADER_NAMES] as const),
    rounds: parseBounded('--rounds', values.rounds, defaults.rounds, {
      min: 1,
      max: 1000,
      integer: true,
    }),
    connections: parseBounded('--connections', values.connections, 100, {
      min: 1,
      max: 10_000,
      integer: true,
    }),
    pipelining: parseBounded('--pipelining', values.pipelining, 1, {
      min: 1,
      max: 1000,
      integer: true,
    }),
    profile,
    cpuProfile: values.profile === true,
    pin: values['no-pin'] !== true,
    out: values.out ?? 'results',
    json: values.json === true,
    target,
    updateReadme: values['update-readme'] === true,
    help: values.help === true,
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      servers: { type: 'string' },
      runtimes: { type: 'string' },
      scenarios: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      loader: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      pipelining: { type: 'string' },
      quick: { type: 'boolean' },
      profile: { type: 'boolean' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      target: { type: 'string' },
      'no-pin': { type: 'boolean' },
      'update-readme': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
}

function parseTarget(text: string): string {
  let url: URL
  try {
    url = new URL(text)
  } catch {
    throw new OptionsError(`--target must be a URL such as http://10.0.0.2:3000, got "${text}"`)
  }
  if (url.protocol !== 'http:')
    throw new OptionsError(`--target must be an http:// URL, got "${text}"`)
  if (url.pathname !== '/' || url.search !== '') {
    throw new OptionsError(
      `--target is the server's base URL, without a path or query, got "${text}"`,
    )
  }
  return `http://${url.host}`
}

/** Seconds a run will take: measurements, warm-ups, server starts and the conformance checks. */
export function estimateSeconds(options: BenchOptions): number {
  // A cell is a server on a runtime; the baseline is added when missing. A server start costs
  // about 0.5 s; a warm-up lasts until the cost is steady, about 1.6 s for most servers and
  // scenarios, never more than its bound; a measurement its duration plus about 0.05 s per slice
  // to start the load generator and open its connections; the conformance checks (all servers at
  // once) about 8 s. The profiling pass profiles the cells on Node.js.
  const cells =
    options.target === null ? cellsOf(options.servers, options.runtimes, BASELINE) : null
  const servers = cells?.length ?? 1
  const profiled = cells?.filter((c) => c.runtime === 'node').length ?? 1
  const warmup = Math.min(options.warmupSec, 1.6)
  const perCell = warmup + options.durationSec + SLICES * 0.05
  const perRound = servers * (0.5 + options.scenarios.length * perCell)
  // The profiling pass: a start, a warm-up and two measurements per server and scenario.
  const profiling = options.cpuProfile
    ? profiled *
      options.scenarios.length *
      (0.7 + warmup + 2 * (options.durationSec + SLICES * 0.05))
    : 0
  return options.rounds * perRound + profiling + 8
}
