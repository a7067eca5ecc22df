/**
 * The command line of `npm run bench`, its defaults and the time it will take. The defaults fit the
 * whole matrix (8 servers × 7 scenarios) into about ten minutes on a two-core machine.
 */
import { parseArgs } from 'node:util'
import { SERVER_NAMES } from '../../servers/index.js'
import { OptionsError, parseBounded, parseList } from '../lib/args.js'
import { SCENARIO_NAMES } from './scenarios.js'

export const BASELINE = 'node-http'

export interface BenchOptions {
  readonly servers: readonly string[]
  readonly scenarios: readonly string[]
  /** Seconds each measurement lasts. */
  readonly durationSec: number
  /** Seconds of unrecorded load per scenario after each server start. */
  readonly warmupSec: number
  readonly rounds: number
  readonly connections: number
  readonly pipelining: number
  readonly profile: 'default' | 'quick'
  readonly pin: boolean
  readonly out: string
  readonly json: boolean
  /** A server already running elsewhere: measured as is, without a baseline. */
  readonly target: string | null
  readonly updateReadme: boolean
  readonly help: boolean
}

const PROFILES = {
  default: { durationSec: 1.5, warmupSec: 0.3, rounds: 5 },
  quick: { durationSec: 0.25, warmupSec: 0.1, rounds: 2 },
} as const

export const USAGE = `usage: npm run bench -- [options]

  --servers a,b        servers to measure (default: all; ${SERVER_NAMES.join(', ')})
  --scenarios x,y      scenarios (default: all; ${SCENARIO_NAMES.join(', ')})
  --rounds N           interleaved rounds (default ${PROFILES.default.rounds}; quick ${PROFILES.quick.rounds})
  --duration S         seconds per measurement (default ${PROFILES.default.durationSec}; quick ${PROFILES.quick.durationSec})
  --warmup S           unrecorded seconds per scenario after each server start (default ${PROFILES.default.warmupSec}; quick ${PROFILES.quick.warmupSec})
  --connections N      concurrent connections (default 100)
  --pipelining N       requests in flight per connection (default 1)
  --quick              a smoke profile: about a minute for the whole matrix
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
  const servers =
    target !== null
      ? [new URL(target).host]
      : values.servers === undefined
        ? [...SERVER_NAMES]
        : parseList('--servers', values.servers, SERVER_NAMES)
  if (target !== null && values.servers !== undefined) {
    throw new OptionsError('--target measures the server at that URL; leave out --servers')
  }
  return {
    servers,
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
      scenarios: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      rounds: { type: 'string' },
      connections: { type: 'string' },
      pipelining: { type: 'string' },
      quick: { type: 'boolean' },
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
  // The baseline is added when missing; each autocannon run costs about 0.12 s beyond its
  // duration (connections, the end of its last sample tick), a server start about 0.5 s, the
  // conformance checks (all servers at once) about 6 s. A full run of 5 rounds measured 10.5 min
  // on a 2-core machine against this estimate's 10.0.
  const servers =
    options.servers.length +
    (options.target === null && !options.servers.includes(BASELINE) ? 1 : 0)
  const runs = options.warmupSec > 0 ? 2 : 1
  const perStart =
    options.scenarios.length * (options.durationSec + options.warmupSec + runs * 0.12) + 0.5
  return options.rounds * servers * perStart + 6
}
