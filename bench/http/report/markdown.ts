/**
 * `results.md` and README's benchmark section, generated from a results file; never edited by hand.
 *
 * The headline is what each server costs: its CPU time per request, a figure of the server alone,
 * valid whether the server or the load generator set the pace. Throughput comes second, and only
 * where the server was the bottleneck: a client-bound cell shows no number, so that the load
 * generator's speed can never be read as the server's.
 */

import { isRuntimeName, RUNTIME_LABELS } from '@routebench/fixtures'
import * as f from '../../lib/report/format.js'
import { markdownTable, measuredLine, type Table } from '../../lib/report/markdown.js'
import { type Cell, cellName, sameCell } from '../cells.js'
import type { Result, ResultsFile } from '../schema.js'
import { layerTable, profileMethodText, routingAnswer, topTable } from './profile.js'

const CLIENT_BOUND = 'client-bound'

/** The paragraph that says how the figures were measured. */
export function methodText(file: ResultsFile): string {
  const { meta } = file
  const o = meta.options
  const latency =
    meta.latencyResolution === 'us'
      ? meta.loader.name === 'wrk'
        ? "latency of every response to the microsecond (wrk's coordinated-omission correction taken out, as autocannon makes none)"
        : 'latency of every response timed to the microsecond'
      : "latency from autocannon's millisecond histogram (worker threads)"
  const baseline =
    o.baseline === null
      ? 'no baseline (ratios unavailable)'
      : `ratios to \`${o.baseline}\` paired round by round, each pair measured seconds apart`
  const load = `${o.durationSec} s per measurement in two slices, with ${meta.loader.name} ${meta.loader.version} (${meta.loader.auto ? 'chosen by --loader auto' : 'asked for'}), ${o.connections} connections, pipelining ${o.pipelining}`
  const servers =
    o.target === null
      ? `every server in its own process, started afresh each round and ${meta.steadyRule}; then each scenario measured on every server in turn, server and scenario order rotating each round; ${load}; ${meta.placement.note}`
      : `the server at ${o.target}, started and placed by whoever runs it (so no CPU cost, memory or start-up figures), ${meta.steadyRule.replace('warmed', 'warmed up')}; ${load}; the load generator ${meta.placement.pinned ? `on core(s) ${meta.placement.clientCores}` : 'not pinned'}`
  const clock =
    meta.cpuClock === 'stat'
      ? 'clock ticks of /proc/PID/stat (10 ms; schedstat is missing on this kernel)'
      : 'the nanoseconds of /proc/PID/task/*/schedstat'
  const threads = manyRuntimes(file)
    ? ", every thread of it: of every runtime, the runtime's whole process, its JavaScript thread and all its helper threads (garbage collection, compilation, I/O, Bun's and Deno's native HTTP servers), the binary being started directly so that the process measured is the runtime itself"
    : ', every thread of it'
  const cost =
    o.target === null
      ? ` **CPU cost per request** is the server's CPU time${threads} (${clock}), over the responses it sent in the measured window; it is the server's own figure whatever set the pace, though a server that is not saturated does a little more work per request (fewer requests share each turn of its event loop).`
      : ''
  return [
    measuredLine(meta),
    `Method: ${o.rounds} interleaved rounds: ${servers}.${runtimesText(file)}${cost} Figures are medians over rounds with 95% bootstrap intervals; ${baseline}; ${latency}. Every server passed the API conformance suite first; a measurement with any unexpected status, error or timeout is shown as invalid, never as a number. ${meta.clientBoundRule}. ${capitalise(meta.driftRule)}.`,
  ].join('\n\n')
}

/** The runtimes of a run on more than Node.js, in a sentence; nothing for a run on Node.js only. */
function runtimesText(file: ResultsFile): string {
  if (!manyRuntimes(file)) return ''
  const each = file.meta.runtimes.map((r) =>
    r.status === 'available'
      ? runtimeLabel(file, r.name)
      : `${runtimeName(r.name)} (unavailable: ${r.reason})`,
  )
  return ` Runtimes: ${each.join(', ')}; Bun and Deno from their npm packages, Deno running with \`run -A\`. Each server runs on each runtime it is written for (the \`node:http\` servers unchanged on every runtime, the native servers on their own), and every ratio is to \`${file.meta.options.baseline ?? 'the baseline'}\` on Node.js.`
}

/** Whether the run has cells on more than one runtime (or asked for another than Node.js). */
export function manyRuntimes(file: ResultsFile): boolean {
  return file.meta.runtimes.some((r) => r.name !== 'node')
}

function runtimeName(name: string): string {
  return isRuntimeName(name) ? RUNTIME_LABELS[name] : name
}

/** `Bun 1.4.5`. */
export function runtimeLabel(file: ResultsFile, name: string): string {
  const version = file.meta.runtimes.find((r) => r.name === name)?.version
  return version === null || version === undefined
    ? runtimeName(name)
    : `${runtimeName(name)} ${version}`
}

/**
 * The first cells of a table row: the server's name; in a run on several runtimes, a runtime
 * column first, named on the first row of each runtime's group (the rows come grouped).
 */
function rowHead(file: ResultsFile, cells: readonly Cell[], i: number): string[] {
  const cell = cells[i] as Cell
  if (!manyRuntimes(file)) return [`\`${cellName(cell)}\``]
  const first = i === 0 || cells[i - 1]?.runtime !== cell.runtime
  return [first ? runtimeLabel(file, cell.runtime) : '', `\`${cell.server}\``]
}

function headColumns(file: ResultsFile): { header: string[]; align: ('l' | 'r')[] } {
  return manyRuntimes(file)
    ? { header: ['runtime', 'server'], align: ['l', 'l'] }
    : { header: ['server'], align: ['l'] }
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}

/** Servers × scenarios: the cost ratio with its interval (the baseline's row in µs); cheapest bold. */
export function costTable(file: ResultsFile): Table {
  const scenarios = file.meta.options.scenarios
  const cheapest = new Map(scenarios.map((s) => [s, cheapestServer(file, s)]))
  const cells = measuredCells(file)
  const rows = cells.map((cell, i) => [
    ...rowHead(file, cells, i),
    ...scenarios.map((scenario) => {
      const r = find(file, cell, scenario)
      if (r === undefined) return '–'
      if (!r.valid) return '✗ invalid'
      if (r.costUs === null) return '–'
      const value =
        isBaseline(file, cell) || r.costRatio === null
          ? `${f.microsInterval(r.costUs)}`
          : f.ratioInterval(r.costRatio)
      return same(cheapest.get(scenario), cell) ? `**${value}**` : value
    }),
  ])
  const head = headColumns(file)
  return {
    header: [...head.header, ...scenarios],
    align: [...head.align, ...scenarios.map(() => 'r' as const)],
    rows,
  }
}

/**
 * Servers × scenarios: the throughput ratio with its interval where the server set the pace (the
 * baseline's row in req/s); a client-bound cell shows no number. Fastest in bold.
 */
export function throughputTable(file: ResultsFile): Table {
  const scenarios = file.meta.options.scenarios
  const fastest = new Map(scenarios.map((s) => [s, fastestServer(file, s)]))
  const cells = measuredCells(file)
  const rows = cells.map((cell, i) => [
    ...rowHead(file, cells, i),
    ...scenarios.map((scenario) => {
      const r = find(file, cell, scenario)
      if (r === undefined) return '–'
      if (!r.valid) return '✗ invalid'
      if (r.clientBound) return CLIENT_BOUND
      const value =
        r.ratio !== null && !isBaseline(file, cell)
          ? f.ratioInterval(r.ratio)
          : r.reqPerSec !== null
            ? `${f.reqs(r.reqPerSec.median)} req/s`
            : '–'
      return same(fastest.get(scenario), cell) ? `**${value}**` : value
    }),
  ])
  const head = headColumns(file)
  return {
    header: [...head.header, ...scenarios],
    align: [...head.align, ...scenarios.map(() => 'r' as const)],
    rows,
  }
}

/** One table per scenario: cost, throughput, latency, memory, warm-up and flags. */
export function scenarioTable(file: ResultsFile, scenario: string): Table {
  const cells = measuredCells(file)
  const rows = cells.map((cell, i) => {
    const r = find(file, cell, scenario)
    const name = rowHead(file, cells, i)
    if (r === undefined) return [...name, '–', '–', '–', '–', '–', '–', '–', '–', '–', '']
    const rss = r.rssPeakBytes === null ? '–' : f.bytes(r.rssPeakBytes)
    const warm = r.warmupMs === null ? '–' : `${(r.warmupMs / 1000).toFixed(1)} s`
    if (!r.valid)
      return [...name, '✗ invalid', '', '', '', '', '', '', rss, warm, r.invalidReasons.join('; ')]
    const l = r.latencyUs
    const flags = [
      r.clientBound ? CLIENT_BOUND : '',
      r.driftRounds > 0 ? `drift in ${r.driftRounds} of ${r.rounds.length} rounds` : '',
      r.unsteadyRounds > 0 ? `not steady in ${r.unsteadyRounds} of ${r.rounds.length} rounds` : '',
    ]
    return [
      ...name,
      r.costUs === null ? '–' : f.microsInterval(r.costUs),
      r.costRatio === null ? '–' : f.ratioInterval(r.costRatio),
      r.reqPerSec === null ? '–' : f.reqsInterval(r.reqPerSec),
      r.ratio === null || r.clientBound ? '–' : f.ratioInterval(r.ratio),
      l === null ? '–' : f.micros(l.p50),
      l === null ? '–' : f.micros(l.p90),
      l === null ? '–' : f.micros(l.p99),
      rss,
      warm,
      flags.filter((x) => x !== '').join('; '),
    ]
  })
  const head = headColumns(file)
  return {
    header: [
      ...head.header,
      'CPU µs/req [95% CI]',
      'cost ratio',
      'req/s [95% CI]',
      'req/s ratio',
      'p50',
      'p90',
      'p99',
      'peak RSS',
      'warm-up',
      'flags',
    ],
    align: [...head.align, 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    rows,
  }
}

/**
 * One scenario, runtimes side by side: a row per server, a column per runtime, each cell the
 * server's CPU per request on that runtime as a ratio to the baseline's on Node.js (its own cell
 * in µs). The native servers of each runtime share a row (`hono-bun` / `hono-deno`). A server
 * that failed on a runtime says so; one that does not run there is `–`.
 */
export function runtimeTable(file: ResultsFile, scenario: string): Table {
  const runtimes = file.meta.runtimes.map((r) => r.name)
  const rows = new Map<string, Map<string, string>>()
  const names = new Map<string, Set<string>>()
  for (const info of file.servers) {
    const cell = { server: info.name, runtime: info.runtime }
    // `hono-bun` and `hono-deno` are hono on each runtime's own server: one row.
    const native = info.name.endsWith(`-${info.runtime}`)
    const family = native ? `${info.name.slice(0, -info.runtime.length - 1)} native` : info.name
    const row = rows.get(family) ?? new Map<string, string>()
    rows.set(family, row)
    names.set(family, (names.get(family) ?? new Set()).add(info.name))
    if (info.status === 'unavailable') {
      row.set(info.runtime, 'unavailable')
      continue
    }
    if (info.status === 'failed') {
      row.set(info.runtime, '✗ fails the contract')
      continue
    }
    const r = find(file, cell, scenario)
    if (r === undefined) continue
    if (!r.valid) row.set(info.runtime, '✗ invalid')
    else if (r.costUs === null) row.set(info.runtime, '–')
    else if (isBaseline(file, cell) || r.costRatio === null)
      row.set(info.runtime, f.microsInterval(r.costUs))
    else row.set(info.runtime, f.ratioInterval(r.costRatio))
  }
  return {
    header: ['server', ...runtimes.map((r) => runtimeLabel(file, r))],
    align: ['l', ...runtimes.map(() => 'r' as const)],
    rows: [...rows].map(([family, row]) => [
      [...(names.get(family) ?? [])].map((n) => `\`${n}\``).join(' / '),
      ...runtimes.map((r) => row.get(r) ?? '–'),
    ]),
  }
}

export function runtimeCaption(file: ResultsFile): string {
  const baseline = file.meta.options.baseline ?? 'the baseline'
  return `Each server on each runtime: its CPU per request as a ratio to \`${baseline}\`'s on Node.js in the same rounds (that cell in µs per request), with the 95% interval; below 1 is cheaper. \`hono-bun\` / \`hono-deno\` and \`trie-bun\` / \`trie-deno\` are hono and this project's router on the runtime's own server (\`Bun.serve\`, \`Deno.serve\`); the others run on \`node:http\`, Bun's and Deno's through their compatibility layers. ✗ fails the contract: the server does not answer as the API says on that runtime (see the notes below the tables); – it does not run there.`
}

/** "Runtimes side by side": a table per scenario (only `only`'s, when given); nothing for a run on
 * Node.js only. */
export function runtimeSection(
  file: ResultsFile,
  heading: string,
  only?: readonly string[],
): string[] {
  if (!manyRuntimes(file) || file.meta.options.target !== null) return []
  const scenarios = file.meta.options.scenarios.filter(
    (s) => only === undefined || only.includes(s),
  )
  return [
    `${heading} Runtimes side by side`,
    runtimeCaption(file),
    ...scenarios.flatMap((scenario) => [
      `**${scenario}**: CPU per request relative to \`${file.meta.options.baseline ?? 'the baseline'}\` on Node.js`,
      markdownTable(runtimeTable(file, scenario)),
    ]),
  ]
}

/** Servers that were left out, and why; start-up times. */
export function serverNotes(file: ResultsFile): string {
  const lines = file.servers
    .filter((s) => s.reason !== null)
    .map(
      (s) =>
        `- \`${cellName({ server: s.name, runtime: s.runtime })}\` ${s.status === 'measured' ? 'measured' : s.status === 'unavailable' ? 'skipped' : '**failed**'}: ${s.status === 'measured' ? (s.reason ?? '').replace(/^measured, but /, '') : s.reason}`,
    )
  const startups = file.servers
    .filter((s) => s.startupMs !== null)
    .map(
      (s) =>
        `\`${cellName({ server: s.name, runtime: s.runtime })}\` ${Math.round(s.startupMs?.median ?? 0)} ms`,
    )
  if (startups.length > 0)
    lines.push(`- Start-up time, spawn to first correct answer (median): ${startups.join(', ')}.`)
  return lines.join('\n')
}

/** The sentences under the headline tables. */
export function costCaption(file: ResultsFile): string {
  const baseline = file.meta.options.baseline ?? 'the baseline'
  return `Server CPU per request, as a ratio to \`${baseline}\`'s in the same rounds (its own row gives its microseconds per request), with the 95% interval: below 1 is cheaper; **bold** is the cheapest per scenario; ✗ an invalid measurement.`
}

export function throughputCaption(file: ResultsFile): string {
  const baseline = file.meta.options.baseline ?? 'the baseline'
  return `Requests per second as a ratio to \`${baseline}\`'s in the same rounds (its own row in req/s), where the server set the pace. \`${CLIENT_BOUND}\`: the load generator was the bottleneck (${file.meta.loader.name}, ${file.meta.loader.threads} thread${file.meta.loader.threads === 1 ? '' : 's'}), so the server's throughput is not known, only that it is at least the load generator's; its cost above is still its own.`
}

export function resultsMarkdown(
  file: ResultsFile,
  scenarioDescriptions: ReadonlyMap<string, string>,
): string {
  const parts = [
    '# routebench results',
    methodText(file),
    '## CPU cost per request',
    costCaption(file),
    markdownTable(costTable(file)),
    '## Throughput where the server is the bottleneck',
    throughputCaption(file),
    markdownTable(throughputTable(file)),
    ...runtimeSection(file, '##'),
    serverNotes(file),
    ...profileSection(file, '##'),
  ]
  for (const scenario of file.meta.options.scenarios) {
    parts.push(
      `## ${scenario}`,
      scenarioDescriptions.get(scenario) ?? '',
      markdownTable(scenarioTable(file, scenario)),
    )
    for (const cell of file.profiles?.cells.filter((c) => c.scenario === scenario) ?? []) {
      if (cell.top.length === 0) continue
      parts.push(
        `<details><summary>${cellName(cell)}: the ${cell.top.length} functions with the most samples (<code>${cell.file}</code>)</summary>\n\n${markdownTable(topTable(cell))}\n\n</details>`,
      )
    }
  }
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`
}

/** README's runtime comparison: the HTTP stack alone, and a framework's routing on top of it. */
const README_RUNTIME_SCENARIOS = ['plaintext', 'routing']

/** README's section: the method, both headline tables, the runtimes side by side, and where the
 * rest is. */
export function readmeSection(file: ResultsFile, outDir: string): string {
  const baseline = file.meta.options.baseline ?? 'the baseline'
  return [
    methodText(file),
    `**CPU cost per request.** ${costCaption(file)}`,
    markdownTable(costTable(file)),
    `**Throughput.** ${throughputCaption(file)}`,
    markdownTable(throughputTable(file)),
    ...runtimeSection(file, '###', README_RUNTIME_SCENARIOS),
    serverNotes(file),
    ...profileSection(file, '###', ['routing']),
    `Per-scenario tables (cost, req/s, latency percentiles, memory, warm-up): [\`${outDir}/results.md\`](${outDir}/results.md); raw rounds: [\`${outDir}/results.json\`](${outDir}/results.json); charts and tables offline: [\`${outDir}/report.html\`](${outDir}/report.html).`,
    `![CPU cost per request relative to ${baseline}, per scenario](${outDir}/cost.svg)`,
    file.profiles === null ? '' : `![Where the time goes, per scenario](${outDir}/layers.svg)`,
  ]
    .filter((p) => p !== '')
    .join('\n\n')
}

/**
 * "Where the time goes" for a file with a profiling pass: the method, the answer in words and a
 * table of layers per scenario (only `only`'s, when given); nothing without a pass.
 */
export function profileSection(
  file: ResultsFile,
  heading: string,
  only?: readonly string[],
): string[] {
  const profiles = file.profiles
  if (profiles === null) return []
  const scenarios = file.meta.options.scenarios.filter(
    (s) => only === undefined || only.includes(s),
  )
  return [
    `${heading} Where the time goes`,
    routingAnswer(file) ?? '',
    profileMethodText(profiles, manyRuntimes(file)),
    ...scenarios.flatMap((scenario) => [
      `**${scenario}**: server CPU µs per request by layer (a layer without a cost shows its share)`,
      markdownTable(layerTable(profiles, scenario)),
    ]),
  ]
}

/** The measured cells, grouped by runtime as the run lists them. */
export function measuredCells(file: ResultsFile): Cell[] {
  return file.servers
    .filter((s) => s.status === 'measured')
    .map((s) => ({ server: s.name, runtime: s.runtime }))
}

function isBaseline(file: ResultsFile, cell: Cell): boolean {
  return cell.server === file.meta.options.baseline && cell.runtime === 'node'
}

function same(a: Cell | null | undefined, b: Cell): boolean {
  return a !== null && a !== undefined && sameCell(a, b)
}

function find(file: ResultsFile, cell: Cell, scenario: string): Result | undefined {
  return file.results.find((r) => sameCell(r, cell) && r.scenario === scenario)
}

/**
 * The fastest cell on a scenario, among valid results the server set the pace of: by the median
 * ratio to the baseline, the figure the tables show (by median req/s without a baseline).
 */
export function fastestServer(file: ResultsFile, scenario: string): Cell | null {
  const score = (r: Result) => r.ratio?.median ?? r.reqPerSec?.median ?? 0
  let best: Result | null = null
  for (const r of file.results) {
    if (r.scenario !== scenario || !r.valid || r.clientBound || r.reqPerSec === null) continue
    if (best === null || score(r) > score(best)) best = r
  }
  return best
}

/** The cell with the lowest median cost per request on a scenario, among valid results. */
export function cheapestServer(file: ResultsFile, scenario: string): Cell | null {
  let best: Result | null = null
  for (const r of file.results) {
    if (r.scenario !== scenario || !r.valid || r.costUs === null) continue
    if (best === null || r.costUs.median < (best.costUs?.median ?? 0)) best = r
  }
  return best
}
