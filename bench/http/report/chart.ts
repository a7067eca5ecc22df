/**
 * The ratio chart: per scenario, each server's throughput relative to the baseline, a bar at the
 * median with a whisker over the 95% interval, as a Vega-Lite spec (`renderSvg` draws it).
 */
import type { TopLevelSpec } from 'vega-lite'
import type { ResultsFile } from '../schema.js'

interface Datum {
  scenario: string
  server: string
  median: number
  low: number
  high: number
  bound: string
}

export function ratioChartSpec(file: ResultsFile): TopLevelSpec {
  const data: Datum[] = []
  for (const r of file.results) {
    if (!r.valid || r.ratio === null) continue
    data.push({
      scenario: r.scenario,
      server: r.server,
      median: r.ratio.median,
      low: r.ratio.low,
      high: r.ratio.high,
      bound: r.clientBound ? 'client-bound (lower bound)' : 'server-bound',
    })
  }
  const servers = file.servers.filter((s) => s.status === 'measured').map((s) => s.name)
  const x = {
    field: 'server',
    type: 'nominal',
    sort: servers,
    title: null,
    axis: { labelAngle: -45 },
  } as const
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: `Throughput relative to ${file.meta.options.baseline ?? 'the baseline'} (median, 95% interval)`,
      subtitle: `${file.meta.cpu.model}, ${file.meta.cpu.count} cores, Node.js ${file.meta.node}, ${file.meta.date.slice(0, 10)}`,
    },
    data: { values: data },
    facet: { field: 'scenario', type: 'nominal', sort: file.meta.options.scenarios, title: null },
    columns: 4,
    spec: {
      width: 180,
      height: 140,
      layer: [
        {
          mark: 'bar',
          encoding: {
            x,
            y: { field: 'median', type: 'quantitative', title: 'ratio' },
            color: {
              field: 'bound',
              type: 'nominal',
              title: null,
              legend: { labelLimit: 400, orient: 'bottom' },
              scale: {
                domain: ['server-bound', 'client-bound (lower bound)'],
                range: ['#4c78a8', '#f58518'],
              },
            },
          },
        },
        {
          mark: { type: 'errorbar', ticks: true },
          encoding: {
            x,
            y: { field: 'low', type: 'quantitative', title: 'ratio' },
            y2: { field: 'high' },
          },
        },
        {
          mark: { type: 'rule', strokeDash: [3, 3], color: '#888' },
          encoding: { y: { datum: 1 } },
        },
      ],
    },
    config: { font: 'sans-serif' },
  } as TopLevelSpec
}
