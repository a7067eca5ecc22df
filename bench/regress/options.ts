/** The command line of `npm run regress`. */
import { parseArgs } from 'node:util'
import { TABLE_NAMES } from '@routebench/fixtures'
import { serversOn } from '../../servers/index.js'
import { LOADER_NAMES, type LoaderChoice } from '../http/loaders/index.js'
import { SCENARIO_NAMES } from '../http/scenarios.js'
import { OptionsError, parseBounded, parseChoice, parseList } from '../lib/args.js'

export const TIERS = ['router', 'http'] as const
export type Tier = (typeof TIERS)[number]

export interface RegressOptions {
  /** A git ref to check out, or null with `baseDir`. */
  readonly base: string | null
  /** An installed and built checkout to use as the base instead. */
  readonly baseDir: string | null
  readonly tiers: readonly Tier[]
  readonly tables: readonly string[]
  /** HTTP servers, or null for those the change touches. */
  readonly servers: readonly string[] | null
  readonly scenarios: readonly string[]
  readonly routerRounds: number
  readonly routerMaxRounds: number
  readonly httpRounds: number
  readonly durationSec: number
  /** The most seconds of warm-up per http arm and scenario; it ends once the cost is steady. */
  readonly warmupSec: number
  readonly loader: LoaderChoice
  /** Thresholds as fractions (0.05 is 5%). */
  readonly routerThreshold: number
  readonly httpThreshold: number
  readonly instructionsThreshold: number
  readonly instructions: boolean
  readonly pin: boolean
  readonly out: string
  readonly json: boolean
  readonly help: boolean
}

export const REGRESS_USAGE = `usage: npm run regress -- --base <git-ref> [options]

  --base REF                 the commit to compare with (a branch, tag or commit; in CI origin/main)
  --base-dir DIR             an installed and built checkout to use as the base instead
  --tier router,http         what to measure (default: both; http only for servers the change touches)
  --tables a,b               router tables (default: ${TABLE_NAMES.join(', ')})
  --servers a,b|all          http servers (default: those whose code the change touches)
  --scenarios x,y            http scenarios (default: all; ${SCENARIO_NAMES.join(', ')})
  --rounds N                 rounds for both tiers (default: router 8 processes per table, http 5)
  --max-rounds N             router tables left inconclusive get 4 more processes at a time,
                             up to N in all (default: twice the router rounds)
  --duration S               seconds per http measurement (default 1)
  --warmup S                 most seconds of http warm-up per build and scenario; it ends sooner
                             once the cost per request is steady (default 3)
  --loader L                 http load generator: auto, ${LOADER_NAMES.join(', ')} (default auto: wrk
                             when installed)
  --router-threshold PCT     smallest router slowdown that fails (default 5)
  --http-threshold PCT       smallest http slowdown that fails (default 10)
  --instructions             also count router instructions per lookup with callgrind (needs valgrind)
  --instructions-threshold PCT  smallest change in instructions that fails (default 2)
  --out DIR                  where regress.json and regress.md go (default results/regress)
  --json                     print regress.json on stdout
  --no-pin                   do not pin processes to cores
  --help                     this text

exit codes: 0 no regression, 1 regression, 2 the comparison could not be made (a bad command
line, an unknown ref, a base that does not build or serve the contract), 3 inconclusive,
130 interrupted`

export function parseRegressOptions(args: readonly string[]): RegressOptions {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(args).values
  } catch (error) {
    throw new OptionsError((error as Error).message)
  }
  const help = values.help === true
  if (!help && (values.base === undefined) === (values['base-dir'] === undefined)) {
    throw new OptionsError('give the base to compare with: --base <git-ref> or --base-dir <dir>')
  }
  const rounds =
    values.rounds === undefined
      ? null
      : parseBounded('--rounds', values.rounds, 0, { min: 3, max: 1000, integer: true })
  const routerRounds = rounds ?? 8
  const routerMaxRounds =
    values['max-rounds'] === undefined
      ? Math.min(2 * routerRounds, 1000)
      : parseBounded('--max-rounds', values['max-rounds'], 0, {
          min: routerRounds,
          max: 1000,
          integer: true,
        })
  return {
    base: values.base ?? null,
    baseDir: values['base-dir'] ?? null,
    tiers: values.tier === undefined ? [...TIERS] : parseList('--tier', values.tier, TIERS),
    tables:
      values.tables === undefined
        ? [...TABLE_NAMES]
        : parseList('--tables', values.tables, TABLE_NAMES),
    servers:
      values.servers === undefined
        ? null
        : values.servers === 'all'
          ? [...serversOn('node')]
          : parseList('--servers', values.servers, serversOn('node')),
    scenarios:
      values.scenarios === undefined
        ? [...SCENARIO_NAMES]
        : parseList('--scenarios', values.scenarios, SCENARIO_NAMES),
    routerRounds,
    routerMaxRounds,
    httpRounds: rounds ?? 5,
    durationSec: parseBounded('--duration', values.duration, 1, { min: 0.1, max: 600 }),
    warmupSec: parseBounded('--warmup', values.warmup, 3, { min: 0, max: 600 }),
    loader:
      values.loader === undefined
        ? 'auto'
        : parseChoice('--loader', values.loader, ['auto', ...LOADER_NAMES] as const),
    routerThreshold: percent('--router-threshold', values['router-threshold'], 5),
    httpThreshold: percent('--http-threshold', values['http-threshold'], 10),
    instructionsThreshold: percent('--instructions-threshold', values['instructions-threshold'], 2),
    instructions: values.instructions === true,
    pin: values['no-pin'] !== true,
    out: values.out ?? 'results/regress',
    json: values.json === true,
    help,
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      base: { type: 'string' },
      'base-dir': { type: 'string' },
      tier: { type: 'string' },
      tables: { type: 'string' },
      servers: { type: 'string' },
      scenarios: { type: 'string' },
      rounds: { type: 'string' },
      'max-rounds': { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      loader: { type: 'string' },
      'router-threshold': { type: 'string' },
      'http-threshold': { type: 'string' },
      'instructions-threshold': { type: 'string' },
      instructions: { type: 'boolean' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      'no-pin': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
}

/** A threshold given in percent, as a fraction. */
function percent(option: string, text: string | undefined, fallback: number): number {
  return parseBounded(option, text, fallback, { min: 0.01, max: 100 }) / 100
}
