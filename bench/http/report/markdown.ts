/**
 * `results.md` and README's benchmark section, generated from a results file; never edited by hand.
 *
 * The headline is what each server costs: its CPU time per request, a figure of the server alone,
 * valid whether the server or the load generator set the pace. Throughput comes second, and only
 * where the server was the bottleneck: a client-bound cell shows no number, so that the load
 * generator's speed can never be read as the server's.
 */

import * as f from '../../lib/report/format.js'
import { markdownTable, measuredLine, type Table } from '../../lib/report/markdown.js'
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
  const cost =
    o.target === null
      ? ` **CPU cost per request** is the server's CPU time, every thread of it (${clock}), over the responses it sent in the measured window; it is the server's own figure whatever set the pace, though a server that is not saturated does a little more work per request (fewer requests share each turn of its event loop).`
      : ''
  return [
    measuredLine(meta),
    `Method: ${o.rounds} interleaved rounds: ${servers}.${cost} Figures are medians over rounds with 95% bootstrap intervals; ${baseline}; ${latency}. Every server passed the API conformance suite first; a measurement with any unexpected status, error or timeout is shown as invalid, never as a number. ${meta.clientBoundRule}. ${capitalise(meta.driftRule)}.`,
  ].join('\n\n')
}

function capitalise(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`
}

/** Servers × scenarios: the cost ratio with its interval (the baseline's row in µs); cheapest bold. */
export function costTable(file: ResultsFile): Table {
  const scenarios = file.meta.options.scenarios
  const baseline = file.meta.options.baseline
  const cheapest = new Map(scenarios.map((s) => [s, cheapestServer(file, s)]))
  const rows = measuredServers(file).map((server) => [
    `\`${server}\``,
    ...scenarios.map((scenario) => {
      const r = find(file, server, scenario)
      if (r === undefined) return '–'
      if (!r.valid) return '✗ invalid'
      if (r.costUs === null) return '–'
      const value =
        server === baseline || r.costRatio === null
          ? `${f.microsInterval(r.costUs)}`
          : f.ratioInterval(r.costRatio)
      return cheapest.get(scenario) === server ? `**${value}**` : value
    }),
  ])
  return {
    header: ['server', ...scenarios],
    align: ['l', ...scenarios.map(() => 'r' as const)],
    rows,
  }
}

/**
 * Servers × scenarios: the throughput ratio with its interval where the server set the pace (the
 * baseline's row in req/s); a client-bound cell shows no number. Fastest in bold.
 */
export function throughputTable(file: ResultsFile): Table {
  const scenarios = file.meta.options.scenarios
  const baseline = file.meta.options.baseline
  const fastest = new Map(scenarios.map((s) => [s, fastestServer(file, s)]))
  const rows = measuredServers(file).map((server) => [
    `\`${server}\``,
    ...scenarios.map((scenario) => {
      const r = find(file, server, scenario)
      if (r === undefined) return '–'
      if (!r.valid) return '✗ invalid'
      if (r.clientBound) return CLIENT_BOUND
      const value =
        r.ratio !== null && server !== baseline
          ? f.ratioInterval(r.ratio)
          : r.reqPerSec !== null
            ? `${f.reqs(r.reqPerSec.median)} req/s`
            : '–'
      return fastest.get(scenario) === server ? `**${value}**` : value
    }),
  ])
  return {
    header: ['server', ...scenarios],
    align: ['l', ...scenarios.map(() => 'r' as const)],
    rows,
  }
}

/** One table per scenario: cost, throughput, latency, memory, warm-up and flags. */
export function scenarioTable(file: ResultsFile, scenario: string): Table {
  const rows = measuredServers(file).map((server) => {
    const r = find(file, server, scenario)
    const name = `\`${server}\``
    if (r === undefined) return [name, '–', '–', '–', '–', '–', '–', '–', '–', '–', '']
    const rss = r.rssPeakBytes === null ? '–' : f.bytes(r.rssPeakBytes)
    const warm = r.warmupMs === null ? '–' : `${(r.warmupMs / 1000).toFixed(1)} s`
    if (!r.valid)
      return [name, '✗ invalid', '', '', '', '', '', '', rss, warm, r.invalidReasons.join('; ')]
    const l = r.latencyUs
    const flags = [
      r.clientBound ? CLIENT_BOUND : '',
      r.driftRounds > 0 ? `drift in ${r.driftRounds} of ${r.rounds.length} rounds` : '',
      r.unsteadyRounds > 0 ? `not steady in ${r.unsteadyRounds} of ${r.rounds.length} rounds` : '',
    ]
    return [
      name,
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
  return {
    header: [
      'server',
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
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    rows,
  }
}

/** Servers that were left out, and why; start-up times. */
export function serverNotes(file: ResultsFile): string {
  const lines = file.servers
    .filter((s) => s.status !== 'measured')
    .map(
      (s) =>
        `- \`${s.name}\` ${s.status === 'unavailable' ? 'skipped' : '**failed**'}: ${s.reason}`,
    )
  const startups = file.servers
    .filter((s) => s.startupMs !== null)
    .map((s) => `\`${s.name}\` ${Math.round(s.startupMs?.median ?? 0)} ms`)
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
        `<details><summary>${cell.server}: the ${cell.top.length} functions with the most samples (<code>${cell.file}</code>)</summary>\n\n${markdownTable(topTable(cell))}\n\n</details>`,
      )
    }
  }
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`
}

/** README's section: the method, both headline tables, and where the rest is. */
export function readmeSection(file: ResultsFile, outDir: string): string {
  const baseline = file.meta.options.baseline ?? 'the baseline'
  return [
    methodText(file),
    `**CPU cost per request.** ${costCaption(file)}`,
    markdownTable(costTable(file)),
    `**Throughput.** ${throughputCaption(file)}`,
    markdownTable(throughputTable(file)),
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
    profileMethodText(profiles),
    ...scenarios.flatMap((scenario) => [
      `**${scenario}**: server CPU µs per request by layer (a layer without a cost shows its share)`,
      markdownTable(layerTable(profiles, scenario)),
    ]),
  ]
}

function measuredServers(file: ResultsFile): string[] {
  return file.servers.filter((s) => s.status === 'measured').map((s) => s.name)
}

function find(file: ResultsFile, server: string, scenario: string): Result | undefined {
  return file.results.find((r) => r.server === server && r.scenario === scenario)
}

/**
 * The fastest server on a scenario, among valid results the server set the pace of: by the median
 * ratio to the baseline, the figure the tables show (by median req/s without a baseline).
 */
export function fastestServer(file: ResultsFile, scenario: string): string | null {
  const score = (r: Result) => r.ratio?.median ?? r.reqPerSec?.median ?? 0
  let best: Result | null = null
  for (const r of file.results) {
    if (r.scenario !== scenario || !r.valid || r.clientBound || r.reqPerSec === null) continue
    if (best === null || score(r) > score(best)) best = r
  }
  return best?.server ?? null
}

/** The server with the lowest median cost per request on a scenario, among valid results. */
export function cheapestServer(file: ResultsFile, scenario: string): string | null {
  let best: Result | null = null
  for (const r of file.results) {
    if (r.scenario !== scenario || !r.valid || r.costUs === null) continue
    if (best === null || r.costUs.median < (best.costUs?.median ?? 0)) best = r
  }
  return best?.server ?? null
}
