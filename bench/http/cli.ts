/**
 * `npm run bench`: checks every server against the API contract, measures them in interleaved
 * rounds against the node-http baseline, and writes results/ (JSON, Markdown, an SVG chart, an
 * HTML report). Exit codes as every command's (bench/lib/command.ts): 1 when a server failed or a
 * measurement was invalid, 130 when interrupted (what was measured is kept).
 */
import { join } from 'node:path'
import { CannotRunError, EXIT, runCommand } from '../lib/command.js'
import { machine, machineLine } from '../lib/meta.js'
import { checkOutputFolder } from '../lib/output-place.js'
import { pinSelf, planPlacement } from '../lib/placement.js'
import * as f from '../lib/report/format.js'
import { writeAtomic } from '../lib/report/write.js'
import { type ChosenLoader, chooseLoader, LoaderUnavailableError } from './loaders/index.js'
import { type BenchOptions, estimateSeconds, parseOptions, USAGE } from './options.js'
import { Progress } from './progress.js'
import { writeReports } from './report/index.js'
import { runBenchmark } from './run.js'

async function bench(options: BenchOptions, signal: AbortSignal): Promise<number> {
  await checkOutputFolder('--out', options.out)
  const placement = planPlacement(options.pin)
  if (placement.clientCores !== null) {
    const failed = pinSelf(placement.clientCores)
    if (failed !== null)
      process.stderr.write(
        `bench: could not pin the load generator (${failed}); continuing unpinned\n`,
      )
  }
  let loader: ChosenLoader
  try {
    loader = chooseLoader(options.loader, placement.workers)
  } catch (error) {
    if (error instanceof LoaderUnavailableError)
      throw new CannotRunError(`--loader: ${error.message}`)
    throw error
  }
  const estimate = estimateSeconds(options)
  const onNodeOnly = options.runtimes.length === 1 && options.runtimes[0] === 'node'
  const servers =
    options.target ??
    `${options.servers.join(', ')}${onNodeOnly ? '' : ` on ${options.runtimes.join(', ')}`}`
  process.stderr.write(
    `routebench: ${servers} × ${options.scenarios.length} scenarios, ${options.rounds} rounds of ${options.durationSec} s, about ${f.seconds(estimate)}\n` +
      `on ${machineLine(machine())}; ${placement.note}\n` +
      `load generator: ${loader.note}\n`,
  )

  const progress = new Progress(estimate)
  const jsonPath = join(options.out, 'results.json')
  const file = await runBenchmark({
    options,
    placement,
    loader,
    reporter: progress,
    out: options.out,
    save: (partial) => writeAtomic(jsonPath, `${JSON.stringify(partial, null, 2)}\n`),
    signal,
  })
  progress.finish()
  // README shows complete runs only.
  const updateReadme = options.updateReadme && !file.meta.interrupted
  await writeReports(file, options.out, updateReadme)
  if (options.json) process.stdout.write(`${JSON.stringify(file, null, 2)}\n`)

  const failed = file.servers.filter((s) => s.status === 'failed')
  const invalid = file.results.filter((r) => !r.valid)
  process.stderr.write(
    `wrote ${options.out}/results.json, results.md, cost.svg, ratios.svg, report.html${updateReadme ? ' and README.md' : ''}\n`,
  )
  if (options.updateReadme && !updateReadme)
    process.stderr.write('README left as it was: the run was interrupted\n')
  if (file.meta.interrupted) return EXIT.interrupted
  if (failed.length > 0 || invalid.length > 0) {
    process.stderr.write(
      `bench: ${failed.length} server(s) failed, ${invalid.length} measurement(s) invalid; see ${options.out}/results.md\n`,
    )
    return EXIT.finding
  }
  return EXIT.ok
}

await runCommand({ name: 'bench', usage: USAGE, parse: parseOptions, run: bench })
