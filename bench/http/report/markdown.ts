/**
 * `results.md` and README's benchmark section, generated from a results file; never edited by hand.
 */

import * as f from '../../lib/report/format.js'
import { markdownTable, measuredLine, type Table } from '../../lib/report/markdown.js'
import type { Result, ResultsFile } from '../schema.js'

const CLIENT_BOUND = '⚠ client-bound'

/** The paragraph that says how the figures were measured. */
export function methodText(file: ResultsFile): string {
  const { meta } = file
  const o = meta.options
  const latency =
    meta.latencyResolution === 'us'
      ? 'latency timed per response to the microsecond'
      : "latency from autocannon's millisecond histogram (worker threads)"
  const baseline =
    o.baseline === null
      ? 'no baseline (ratios unavailable)'
      : `ratios to \`${o.baseline}\` paired round by round`
  return [
    measuredLine(meta),
    `Method: ${o.rounds} interleaved rounds (server and scenario order rotate each round), each server in its own process started afresh per round with ${o.warmupSec} s of unrecorded warm-up per scenario, then ${o.durationSec} s per measurement with autocannon ${meta.autocannon}, ${o.connections} connections, pipelining ${o.pipelining}; ${meta.placement.note}. Figures are medians over rounds with 95% bootstrap intervals; ${baseline}; ${latency}. Every server passed the API conformance suite first; a measurement with any unexpected status, error or timeout is shown as invalid, never as a number. ${meta.clientBoundRule}.`,
  ].join('\n\n')
}

/** Servers × scenarios, ratio to the baseline with its interval; the fastest per column in bold. */
export function summaryTable(file: ResultsFile): Table {
  const scenarios = file.meta.options.scenarios
  const fastest = new Map(scenarios.map((s) => [s, fastestServer(file, s)]))
  const rows = measuredServers(file).map((server) => [
    `\`${server}\``,
    ...scenarios.map((scenario) => {
      const r = find(file, server, scenario)
      if (r === undefined) return '–'
      if (!r.valid) return '✗ invalid'
      const value =
        r.ratio !== null
          ? f.ratioInterval(r.ratio)
          : r.reqPerSec !== null
            ? `${f.reqs(r.reqPerSec.median)} req/s`
            : '–'
      const bold = fastest.get(scenario) === server ? `**${value}**` : value
      return r.clientBound ? `${bold} ⚠` : bold
    }),
  ])
  return {
    header: ['server', ...scenarios],
    align: ['l', ...scenarios.map(() => 'r' as const)],
    rows,
  }
}

/** One table per scenario: req/s, ratio, latency percentiles, peak RSS, flags. */
export function scenarioTable(file: ResultsFile, scenario: string): Table {
  const rows = measuredServers(file).map((server) => {
    const r = find(file, server, scenario)
    const name = `\`${server}\``
    if (r === undefined) return [name, '–', '–', '–', '–', '–', '–', '']
    const rss = r.rssPeakBytes === null ? '–' : f.bytes(r.rssPeakBytes)
    if (!r.valid) return [name, '✗ invalid', '', '', '', '', rss, r.invalidReasons.join('; ')]
    const l = r.latencyUs
    return [
      name,
      r.reqPerSec === null ? '–' : f.reqsInterval(r.reqPerSec),
      r.ratio === null ? '–' : f.ratioInterval(r.ratio),
      l === null ? '–' : f.micros(l.p50),
      l === null ? '–' : f.micros(l.p90),
      l === null ? '–' : f.micros(l.p99),
      rss,
      r.clientBound ? CLIENT_BOUND : '',
    ]
  })
  return {
    header: [
      'server',
      'req/s [95% CI]',
      'ratio [95% CI]',
      'p50',
      'p90',
      'p99',
      'peak RSS',
      'flags',
    ],
    align: ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l'],
    rows,
  }
}

/** Servers that were left out, and why. */
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

export function resultsMarkdown(
  file: ResultsFile,
  scenarioDescriptions: ReadonlyMap<string, string>,
): string {
  const parts = [
    '# routebench results',
    methodText(file),
    '## Throughput relative to the baseline',
    `Ratio of each server's req/s to \`${file.meta.options.baseline ?? 'the baseline'}\`'s in the same rounds, with its 95% interval; **bold** is the fastest per scenario; ⚠ marks a client-bound result (the load generator set the pace, so the figure is a lower bound); ✗ an invalid one.`,
    markdownTable(summaryTable(file)),
    serverNotes(file),
  ]
  for (const scenario of file.meta.options.scenarios) {
    parts.push(
      `## ${scenario}`,
      scenarioDescriptions.get(scenario) ?? '',
      markdownTable(scenarioTable(file, scenario)),
    )
  }
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`
}

/** README's section: the method, the summary matrix, and where the rest is. */
export function readmeSection(file: ResultsFile, outDir: string): string {
  return [
    methodText(file),
    markdownTable(summaryTable(file)),
    serverNotes(file),
    `Per-scenario tables (req/s, latency percentiles, memory): [\`${outDir}/results.md\`](${outDir}/results.md); raw rounds: [\`${outDir}/results.json\`](${outDir}/results.json); charts and tables offline: [\`${outDir}/report.html\`](${outDir}/report.html).`,
    `![Throughput relative to ${file.meta.options.baseline ?? 'the baseline'}, per scenario](${outDir}/ratios.svg)`,
  ]
    .filter((p) => p !== '')
    .join('\n\n')
}

function measuredServers(file: ResultsFile): string[] {
  return file.servers.filter((s) => s.status === 'measured').map((s) => s.name)
}

function find(file: ResultsFile, server: string, scenario: string): Result | undefined {
  return file.results.find((r) => r.server === server && r.scenario === scenario)
}

/**
 * The fastest server on a scenario, among valid results: by the median ratio to the baseline, the
 * figure the tables show (by median req/s without a baseline).
 */
export function fastestServer(file: ResultsFile, scenario: string): string | null {
  const score = (r: Result) => r.ratio?.median ?? r.reqPerSec?.median ?? 0
  let best: Result | null = null
  for (const r of file.results) {
    if (r.scenario !== scenario || !r.valid || r.reqPerSec === null) continue
    if (best === null || score(r) > score(best)) best = r
  }
  return best?.server ?? null
}
