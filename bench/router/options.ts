/**
 * The command line of `npm run bench:router`, its profiles and the time a run will take.
 */
import { parseArgs } from 'node:util'
import { TABLE_NAMES } from '@routebench/fixtures'
import { OptionsError, parseBounded, splitList } from '../lib/args.js'
import { ADAPTER_NAMES } from './adapters/index.js'
import { generatedTableName, SCALING_SIZES } from './generate.js'
import { WARMUP_QUIET_MS } from './lookup-loop.js'

/** The router every ratio is taken against. */
export const REFERENCE = 'routebench'

export interface RouterBenchOptions {
  readonly routers: readonly string[]
  /** Standard tables, then the generated tables of the scaling series (`generated-1000`). */
  readonly tables: readonly string[]
  readonly rounds: number
  /** mitata's minimum CPU time per lookup set and round, in milliseconds. */
  readonly timeMs: number
  /** Warm-up bounds per process: it stops once the time per lookup is steady. */
  readonly warmupMinMs: number
  readonly warmupMaxMs: number
  /** Builds per round to time registration. */
  readonly builds: number
  readonly profile: 'default' | 'quick'
  readonly pin: boolean
  /** Count instructions with callgrind too (slow: about a minute per router and table). */
  readonly instructions: boolean
  /** The seed of the randomized lookup sets; null draws a new one for the run. */
  readonly seed: number | null
  readonly out: string
  readonly json: boolean
  readonly updateReadme: boolean
  readonly help: boolean
}

const PROFILES = {
  default: {
    rounds: 3,
    timeMs: 100,
    warmupMinMs: 400,
    warmupMaxMs: 3_000,
    builds: 3,
    sizes: SCALING_SIZES,
  },
  quick: { rounds: 1, timeMs: 4, warmupMinMs: 20, warmupMaxMs: 20, builds: 1, sizes: [10, 1_000] },
} as const

const STANDARD = TABLE_NAMES as readonly string[]

export const ROUTER_USAGE = `usage: npm run bench:router -- [options]

  --routers a,b      routers to measure (default: all; ${ADAPTER_NAMES.join(', ')})
  --tables x,y       route tables (default: all; ${STANDARD.join(', ')}, scaling)
                     "scaling" is the generated series of ${SCALING_SIZES.join(', ')} routes;
                     generated-N is one generated table of N routes
  --rounds N         rounds, each router and table in a fresh process (default ${PROFILES.default.rounds}; quick ${PROFILES.quick.rounds})
  --time MS          minimum CPU time per lookup set and round (default ${PROFILES.default.timeMs}; quick ${PROFILES.quick.timeMs})
  --quick            a smoke profile, under a minute
  --seed N           draw the randomized lookup sets from seed N, an integer from 0 to
                     4294967295, to repeat a run's sets (default: a new seed, recorded)
  --instructions     also count instructions per lookup with valgrind --tool=callgrind
                     (about a minute per router and table: choose a few with --routers)
  --out DIR          where to write results (default results)
  --json             print router.json on stdout (progress goes to stderr)
  --no-pin           do not pin the measuring process to a core
  --update-readme    rewrite README's router section from this run
  --help             this text`

export function parseRouterOptions(args: readonly string[]): RouterBenchOptions {
  let values: ReturnType<typeof parse>['values']
  try {
    values = parse(args).values
  } catch (error) {
    throw new OptionsError((error as Error).message)
  }
  const profile = values.quick === true ? 'quick' : 'default'
  const defaults = PROFILES[profile]
  const routers =
    values.routers === undefined
      ? [...ADAPTER_NAMES]
      : list('--routers', values.routers, (name) =>
          (ADAPTER_NAMES as readonly string[]).includes(name)
            ? [name]
            : `unknown router "${name}" (known: ${ADAPTER_NAMES.join(', ')})`,
        )
  const scaling = defaults.sizes.map(generatedTableName)
  const tables =
    values.tables === undefined
      ? [...STANDARD, ...scaling]
      : list('--tables', values.tables, (name) => {
          if (STANDARD.includes(name)) return [name]
          if (name === 'scaling') return scaling
          const size = /^generated-([1-9][0-9]{0,5})$/.exec(name)
          if (size !== null) return [name]
          return `unknown table "${name}" (known: ${STANDARD.join(', ')}, scaling, generated-N)`
        })
  return {
    routers,
    tables,
    rounds: parseBounded('--rounds', values.rounds, defaults.rounds, {
      min: 1,
      max: 100,
      integer: true,
    }),
    timeMs: parseBounded('--time', values.time, defaults.timeMs, {
      min: 1,
      max: 60_000,
      integer: true,
    }),
    warmupMinMs: defaults.warmupMinMs,
    warmupMaxMs: defaults.warmupMaxMs,
    builds: defaults.builds,
    profile,
    pin: values['no-pin'] !== true,
    instructions: values.instructions === true,
    seed:
      values.seed === undefined
        ? null
        : parseBounded('--seed', values.seed, 0, { min: 0, max: 2 ** 32 - 1, integer: true }),
    out: values.out ?? 'results',
    json: values.json === true,
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
      routers: { type: 'string' },
      tables: { type: 'string' },
      rounds: { type: 'string' },
      time: { type: 'string' },
      quick: { type: 'boolean' },
      instructions: { type: 'boolean' },
      seed: { type: 'string' },
      out: { type: 'string' },
      json: { type: 'boolean' },
      'no-pin': { type: 'boolean' },
      'update-readme': { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
}

/** Splits a comma list; `expand` gives the names an item stands for, or why it is refused. */
function list(option: string, text: string, expand: (item: string) => string[] | string): string[] {
  const items = splitList(option, text)
  const names: string[] = []
  for (const item of items) {
    const expanded = expand(item)
    if (typeof expanded === 'string') throw new OptionsError(`${option}: ${expanded}`)
    names.push(...expanded)
  }
  return [...new Set(names)]
}

/** Seconds a run will take, from the cost of each part on a two-core machine. */
export function estimateRouterSeconds(options: RouterBenchOptions): number {
  // A process start with its checks costs about 0.2 s and each build 0.07 s; the warm-up lasts its
  // minimum and the quiet period for most routers; each lookup set its minimum time, mitata's
  // 80 ms, and a full collection (30 ms) in the default profile. A standard table has about nine
  // sets (six picked, three randomized), a generated one two; callgrind takes about 25 s a run, two runs per router and table.
  // A full run measured 13 min on a 2-core machine against this estimate's 12.4. mitata's own
  // cost is far smaller at the quick profile's 4 ms a set: a quick run of 13 routers took 35 s.
  const start = 0.2 + 0.07 * options.builds
  const warmup = Math.min(options.warmupMaxMs, options.warmupMinMs + WARMUP_QUIET_MS) / 1000
  const perSet = options.timeMs / 1000 + (options.profile === 'default' ? 0.08 + 0.03 : 0.03)
  let perRound = 0
  for (const table of options.tables) {
    perRound += start + warmup + (STANDARD.includes(table) ? 9 : 2) * perSet
  }
  const counted = options.instructions ? options.tables.filter((t) => STANDARD.includes(t)) : []
  return options.routers.length * (perRound * options.rounds + counted.length * 50)
}
