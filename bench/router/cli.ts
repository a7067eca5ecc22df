/**
 * `npm run bench:router`: every router adapter on every route table, each in a fresh process,
 * answers checked before timing, over interleaved rounds; writes results/router.json, router.md
 * and the charts. Exit codes as every command's (bench/lib/command.ts): 1 when a router failed (a
 * crash, not a refusal or a wrong answer, which are results), 130 when interrupted.
 */

import { availableParallelism } from 'node:os'
import { join } from 'node:path'
import { EXIT, runCommand } from '../lib/command.js'
import { machine, machineLine } from '../lib/meta.js'
import { checkOutputFolder } from '../lib/output-place.js'
import { hasTaskset } from '../lib/placement.js'
import { ProgressBar } from '../lib/progress-bar.js'
import * as f from '../lib/report/format.js'
import { writeAtomic } from '../lib/report/write.js'
import { instructionsAvailable } from './instructions.js'
import {
  estimateRouterSeconds,
  parseRouterOptions,
  ROUTER_USAGE,
  type RouterBenchOptions,
} from './options.js'
import { writeRouterReports } from './report/index.js'
import { type RouterReporter, runRouterBenchmark } from './run.js'

async function benchRouter(options: RouterBenchOptions, signal: AbortSignal): Promise<number> {
  await checkOutputFolder('--out', options.out)
  // One measuring process at a time, on the last core, away from this process and its I/O.
  const cores = availableParallelism()
  const pinned = options.pin && cores >= 2 && hasTaskset()
  const core = String(cores - 1)
  const placement = pinned
    ? `one process at a time, pinned to core ${core} with taskset`
    : `one process at a time, not pinned: ${options.pin ? (cores < 2 ? 'one core' : 'taskset not found') : '--no-pin'}`
  const estimate = estimateRouterSeconds(options)
  process.stderr.write(
    `routebench router benchmark: ${options.routers.length} routers × ${options.tables.length} tables, ${options.rounds} round${options.rounds === 1 ? '' : 's'}, about ${f.seconds(estimate)}\n` +
      `on ${machineLine(machine())}; ${placement}\n`,
  )
  if (options.instructions) {
    const missing = instructionsAvailable()
    if (missing !== null) process.stderr.write(`instruction counts skipped: ${missing}\n`)
  }

  const bar = new ProgressBar(estimate)
  const reporter: RouterReporter = {
    step: (text) => bar.show(text),
    next: (router, table, round, done, total) =>
      bar.start(`round ${round} · ${router} · ${table}`, done, total),
    measured(result, round, done, total) {
      const head = `round ${round.round}  ${result.table.padEnd(16)} ${result.router.padEnd(15)}`
      let line: string
      if (round.status !== 'measured') {
        line = `${head} ${round.status === 'failed' ? 'FAILED' : 'cannot register'}: ${round.reason}`
      } else {
        const sets = round.sets.map((s) => `${s.name} ${f.ns(s.nsPerLookup)}`)
        const wrong = round.wrong.map((w) => `${w.set} ✗ wrong answer`)
        line = `${head} ${[...sets, ...wrong].join(' · ')}`
      }
      bar.print(line, done, total)
    },
    counted(count, done, total) {
      const figure =
        count.perLookup === null
          ? `✗ ${count.reason}`
          : `${Math.round(count.perLookup).toLocaleString('en-US')} instructions per lookup`
      bar.print(
        `callgrind ${count.table.padEnd(16)} ${count.router.padEnd(15)} ${figure}`,
        done,
        total,
      )
    },
  }

  const jsonPath = join(options.out, 'router.json')
  const file = await runRouterBenchmark({
    options,
    cores: pinned ? core : null,
    placement,
    reporter,
    save: (partial) => writeAtomic(jsonPath, `${JSON.stringify(partial, null, 2)}\n`),
    signal,
  })
  bar.finish()
  // README shows complete runs only.
  const updateReadme = options.updateReadme && !file.meta.interrupted
  const written = await writeRouterReports(file, options.out, updateReadme)
  if (options.json) process.stdout.write(`${JSON.stringify(file, null, 2)}\n`)
  const files = ['router.json', ...written].map((w) =>
    w.endsWith('README.md') ? w : join(options.out, w),
  )
  process.stderr.write(`wrote ${files.join(', ')}\n`)
  if (options.updateReadme && !updateReadme)
    process.stderr.write('README left as it was: the run was interrupted\n')
  if (file.meta.interrupted) return EXIT.interrupted
  const failed = file.results.filter((r) => r.status === 'failed')
  if (failed.length > 0) {
    process.stderr.write(
      `bench:router: ${failed.length} measurement(s) failed: ${failed.map((r) => `${r.router} on ${r.table}: ${r.reason}`).join('; ')}\n`,
    )
    return EXIT.finding
  }
  return EXIT.ok
}

await runCommand({
  name: 'bench:router',
  usage: ROUTER_USAGE,
  parse: parseRouterOptions,
  run: benchRouter,
})
