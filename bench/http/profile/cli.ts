/**
 * `npm run profile -- <server> <scenario>`: one cell of the profiling pass of `npm run bench --
 * --profile`, on its own: where one server's time goes on one scenario. Writes the `.cpuprofile`
 * into `<out>/profiles/` and prints the layers and the functions with the most samples as Markdown
 * on stdout. Exit codes as every command's (bench/lib/command.ts): 1 when the cell could not be
 * profiled (the server failed, answered wrongly, or the profile was not written).
 */
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { serversOn } from '../../../servers/index.js'
import { OptionsError, parseBounded, parseChoice } from '../../lib/args.js'
import { CannotRunError, EXIT, runCommand } from '../../lib/command.js'
import { machine, machineLine } from '../../lib/meta.js'
import { pinSelf, planPlacement } from '../../lib/placement.js'
import { markdownTable } from '../../lib/report/markdown.js'
import {
  type ChosenLoader,
  chooseLoader,
  LOADER_NAMES,
  type LoaderChoice,
  LoaderUnavailableError,
} from '../loaders/index.js'
import { layerTable, topTable } from '../report/profile.js'
import { SCENARIO_NAMES, SCENARIOS, type Scenario } from '../scenarios.js'
import { steadyRule } from '../steady.js'
import { PROFILE_INTERVAL_US, profileCell } from './pass.js'

const USAGE = `usage: npm run profile -- <server> <scenario> [options]

  <server>         one of: ${serversOn('node').join(', ')} (on Node.js: the
                   profile's layers are Node.js's)
  <scenario>       one of: ${SCENARIO_NAMES.join(', ')}
  --duration S     seconds profiled (default 2), after as long without the profiler
  --warmup S       most seconds of warm-up before (default 3; it ends once the cost is steady)
  --loader L       load generator: auto, ${LOADER_NAMES.join(', ')} (default auto)
  --out DIR        the profile goes to DIR/profiles/ (default results)
  --no-pin         do not pin server and load generator to separate cores
  --help           this text

Prints where the time goes (µs per request by layer, the router's share, the functions with the
most samples) and writes the .cpuprofile, which opens in Chrome DevTools or speedscope.`

interface ProfileOptions {
  readonly help: boolean
  readonly server: string
  readonly scenario: Scenario
  readonly durationSec: number
  readonly warmupSec: number
  readonly loader: LoaderChoice
  readonly out: string
  readonly pin: boolean
}

function parse(args: readonly string[]): ProfileOptions {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true, strict: true })
  } catch (error) {
    throw new OptionsError((error as Error).message)
  }
  const { values, positionals } = parsed
  const help = values.help === true
  const [server = '', scenario = '', ...extra] = positionals
  if (!help && (positionals.length < 2 || extra.length > 0))
    throw new OptionsError('give one server and one scenario: npm run profile -- fastify routing')
  return {
    help,
    server: help ? server : parseChoice('<server>', server, serversOn('node')),
    scenario: SCENARIOS.find(
      (s) => s.name === (help ? 'plaintext' : parseChoice('<scenario>', scenario, SCENARIO_NAMES)),
    ) as Scenario,
    durationSec: parseBounded('--duration', values.duration, 2, {
      min: 0.1,
      max: 600,
      what: 'a number of seconds',
    }),
    warmupSec: parseBounded('--warmup', values.warmup, 3, {
      min: 0,
      max: 600,
      what: 'a number of seconds',
    }),
    loader:
      values.loader === undefined
        ? 'auto'
        : parseChoice('--loader', values.loader, ['auto', ...LOADER_NAMES] as const),
    out: values.out ?? 'results',
    pin: values['no-pin'] !== true,
  }
}

const OPTIONS = {
  duration: { type: 'string' },
  warmup: { type: 'string' },
  loader: { type: 'string' },
  out: { type: 'string' },
  'no-pin': { type: 'boolean' },
  help: { type: 'boolean' },
} as const

async function profile(options: ProfileOptions, signal: AbortSignal): Promise<number> {
  const placement = planPlacement(options.pin)
  if (placement.clientCores !== null) pinSelf(placement.clientCores)
  let chosen: ChosenLoader
  try {
    chosen = chooseLoader(options.loader, placement.workers)
  } catch (error) {
    if (error instanceof LoaderUnavailableError)
      throw new CannotRunError(`--loader: ${error.message}`)
    throw error
  }
  process.stderr.write(
    `profile: ${options.server} on ${options.scenario.name}, V8's CPU profiler every ${PROFILE_INTERVAL_US} µs\n` +
      `on ${machineLine(machine())}; ${placement.note}\nload generator: ${chosen.note}\n`,
  )
  const cell = await profileCell({
    server: options.server,
    runtime: 'node',
    scenario: options.scenario,
    durationSec: options.durationSec,
    rule: steadyRule(options.warmupSec),
    cores: placement.serverCores,
    dir: join(options.out, 'profiles'),
    context: {
      loader: chosen.loader,
      connections: 100,
      pipelining: 1,
      clientCores: placement.clientCores,
      signal,
    },
  })
  if (signal.aborted) return EXIT.interrupted
  if (cell.layers === null) {
    process.stderr.write(`profile: ${options.server} on ${options.scenario.name}: ${cell.reason}\n`)
    return EXIT.finding
  }
  const profiles = {
    intervalUs: cell.intervalUs,
    durationSec: options.durationSec,
    overhead: null,
    cells: [cell],
  }
  const overhead =
    cell.overhead === null
      ? ''
      : ` (profiler overhead on the cost: ${((cell.overhead - 1) * 100).toFixed(1)}%)`
  process.stdout.write(
    `${[
      `## ${options.server} on ${options.scenario.name}: where the time goes${overhead}`,
      markdownTable(layerTable(profiles, options.scenario.name)),
      `The ${cell.top.length} functions with the most samples:`,
      markdownTable(topTable(cell)),
      `Profile: \`${join(options.out, cell.file ?? '')}\` (Chrome DevTools: Performance, load profile; or speedscope).`,
    ].join('\n\n')}\n`,
  )
  return EXIT.ok
}

await runCommand({ name: 'profile', usage: USAGE, parse, run: profile })
