/**
 * `npm run regress -- --base <git-ref>`: is this checkout slower than the base? The base is
 * checked out into a temporary worktree, installed and built; then both are measured side by side
 * in the same job, interleaved, with an A/A pair of head against itself that gives this run's noise
 * floor (see decide.ts for the rule). Writes regress.json and regress.md, prints the Markdown.
 * Exit codes as every command's (bench/lib/command.ts): 0 no regression, 1 regression, 2 the
 * comparison could not be made, 3 inconclusive, 130 interrupted. The worktree and every process
 * are removed whatever happens.
 */
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { loadServer, ServerUnavailableError, serversOn } from '../../servers/index.js'
import { chooseLoader, LoaderUnavailableError } from '../http/loaders/index.js'
import { EXIT, runCommand } from '../lib/command.js'
import { machine, machineLine } from '../lib/meta.js'
import { checkOutputFolder } from '../lib/output-place.js'
import { hasTaskset, pinSelf, planPlacement } from '../lib/placement.js'
import { writeAtomic } from '../lib/report/write.js'
import { instructionsAvailable } from '../router/instructions.js'
import { EXIT_CODES, overall, type Verdict } from './decide.js'
import { httpTier } from './http-tier.js'
import { parseRegressOptions, REGRESS_USAGE, type RegressOptions } from './options.js'
import { regressMarkdown } from './report.js'
import { REGRESS_SCHEMA_VERSION, type RegressFile, type RegressRow } from './result.js'
import { instructionTier, routerTier } from './router-tier.js'
import {
  affectedServers,
  type BaseTree,
  baseTree,
  changedFiles,
  existingTree,
  headTree,
  RegressError,
  type Tree,
} from './trees.js'

/** Router tier, in each process: the warm-up, and ABCCBA rounds of windows of this length. */
const ROUTER_WARMUP_MS = 2500
const ROUTER_WINDOWS = 6
const ROUTER_WINDOW_MS = 20

/** Where the router tier's processes ran, in words: placement.note speaks of server and client. */
function routerPlacement(cores: string | null, pin: boolean): string {
  if (cores !== null) return `router processes on core ${cores} (taskset)`
  if (!pin) return 'router processes not pinned (--no-pin)'
  if (!hasTaskset()) return 'router processes not pinned: taskset not found (install util-linux)'
  return 'router processes not pinned: one core'
}

async function regress(options: RegressOptions, signal: AbortSignal): Promise<number> {
  await checkOutputFolder('--out', options.out)
  const log = (line: string) => process.stderr.write(`regress: ${line}\n`)
  const placement = planPlacement(options.pin)
  if (placement.clientCores !== null) pinSelf(placement.clientCores)
  const m = machine()
  log(`on ${machineLine(m)}`)
  // Said of the tiers that ran only: a router-only run has no load generator to place.
  const placed: string[] = []

  const head = headTree()
  let base: Tree | null = null
  let worktree: BaseTree | null = null
  const rows: RegressRow[] = []
  const errors: string[] = []
  try {
    if (options.baseDir !== null) base = existingTree(options.baseDir)
    else base = worktree = await baseTree(options.base as string, log, signal)

    if (options.tiers.includes('router')) {
      if (!existsSync(base.routerModule)) {
        errors.push(`router: the base has no built router (${base.routerModule})`)
      } else {
        const modules = { baseModule: base.routerModule, headModule: head.routerModule }
        const timed = await routerTier({
          ...modules,
          tables: options.tables,
          rounds: options.routerRounds,
          maxRounds: options.routerMaxRounds,
          windows: ROUTER_WINDOWS,
          windowMs: ROUTER_WINDOW_MS,
          warmupMs: ROUTER_WARMUP_MS,
          threshold: options.routerThreshold,
          cores: placement.serverCores,
          signal,
          log,
        })
        rows.push(...timed.rows)
        errors.push(...timed.errors)
        placed.push(routerPlacement(placement.serverCores, options.pin))
        if (options.instructions) {
          const missing = instructionsAvailable()
          if (missing !== null) errors.push(`instructions: ${missing}`)
          else {
            const counted = await instructionTier({
              ...modules,
              tables: options.tables,
              threshold: options.instructionsThreshold,
              signal,
              log,
            })
            rows.push(...counted.rows)
            errors.push(...counted.errors)
          }
        }
      }
    }

    if (options.tiers.includes('http') && !signal.aborted) {
      const wanted =
        options.servers ?? affectedServers(changedFiles(base.commit), serversOn('node'))
      const servers: string[] = []
      for (const name of wanted) {
        try {
          await loadServer(name)
          servers.push(name)
        } catch (error) {
          if (!(error instanceof ServerUnavailableError)) throw error
          log(`http: ${name} skipped: ${error.message}`)
        }
      }
      if (servers.length === 0) {
        log(
          options.servers === null
            ? 'http: no server code changed since the base; skipped (--servers all measures every server)'
            : 'http: no server can run here; skipped',
        )
      } else if (!existsSync(base.serveScript)) {
        errors.push(`http: the base has no built servers (${base.serveScript})`)
      } else {
        placed.push(placement.note)
        const measured = await httpTier({
          loader: chooseLoader(options.loader, placement.workers).loader,
          servers,
          scenarios: options.scenarios,
          rounds: options.httpRounds,
          durationSec: options.durationSec,
          warmupSec: options.warmupSec,
          connections: 100,
          threshold: options.httpThreshold,
          base,
          head,
          placement,
          signal,
          log,
        })
        rows.push(...measured.rows)
        errors.push(...measured.errors)
      }
    }
  } catch (error) {
    if (error instanceof LoaderUnavailableError) errors.push(`http: --loader: ${error.message}`)
    else if (error instanceof RegressError) errors.push(error.message)
    else throw error
  } finally {
    worktree?.remove()
  }
  if (signal.aborted) errors.push('interrupted')

  const verdicts = rows.map((r) => r.verdict)
  const verdict: Verdict | 'error' = verdicts.includes('regression')
    ? 'regression'
    : errors.length > 0
      ? 'error'
      : overall(verdicts)
  const file: RegressFile = {
    schemaVersion: REGRESS_SCHEMA_VERSION,
    kind: 'regress',
    meta: {
      date: new Date().toISOString(),
      base: { ref: options.base ?? options.baseDir ?? '', commit: base?.commit ?? 'unknown' },
      head: { commit: head.commit },
      machine: m,
      placement: placed.length > 0 ? placed.join('; ') : 'nothing measured',
      options: { ...options },
    },
    rows,
    errors,
    verdict,
  }
  const markdown = regressMarkdown(file)
  writeAtomic(join(options.out, 'regress.json'), `${JSON.stringify(file, null, 2)}\n`)
  writeAtomic(join(options.out, 'regress.md'), markdown)
  process.stdout.write(options.json ? `${JSON.stringify(file, null, 2)}\n` : markdown)
  log(`${verdict}; wrote ${options.out}/regress.json and regress.md`)
  return signal.aborted ? EXIT.interrupted : EXIT_CODES[verdict]
}

await runCommand({
  name: 'regress',
  usage: REGRESS_USAGE,
  parse: parseRegressOptions,
  run: regress,
  stopping: 'stopping: removing the worktree and every process',
})
