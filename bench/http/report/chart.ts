/**
 * The two charts of a run, as Vega-Lite specs (`renderSvg` draws them): per scenario, each
 * server's CPU cost per request relative to the baseline, and its throughput relative to the
 * baseline where the server set the pace. A bar at the median, a whisker over the 95% interval, a
 * dashed line at the baseline's 1.
 */
import type { TopLevelSpec } from 'vega-lite'
import type { Interval } from '../../lib/schema.js'
import { cellName } from '../cells.js'
import type { Result, ResultsFile } from '../schema.js'
import { manyRuntimes, measuredCells, runtimeLabel } from './markdown.js'

interface Datum {
  scenario: string
  /** The cell's name: `express`, `express@bun`. */
  server: string
  /** The runtime's name and version, which colours the bar in a run on several runtimes. */
  runtime: string
  median: number
  low: number
  high: number
}

function ratioChart(
  file: ResultsFile,
  title: string,
  axis: string,
  ratio: (r: Result) => Interval | null,
): TopLevelSpec {
  const data: Datum[] = []
  for (const r of file.results) {
    const value = r.valid ? ratio(r) : null
    if (value === null) continue
    data.push({
      scenario: r.scenario,
      server: cellName(r),
      runtime: runtimeLabel(file, r.runtime),
      ...value,
    })
  }
  const servers = measuredCells(file).map(cellName)
  // Grouped by runtime: the bars come in the runtimes' order, each runtime in its own colour.
  const runtimes = [...new Set(measuredCells(file).map((c) => runtimeLabel(file, c.runtime)))]
  const color = manyRuntimes(file)
    ? {
        color: {
          field: 'runtime',
          type: 'nominal',
          sort: runtimes,
          scale: { domain: runtimes },
          legend: { title: 'runtime', orient: 'top' },
        },
      }
    : {}
  const x = {
    field: 'server',
    type: 'nominal',
    sort: servers,
    title: null,
    axis: { labelAngle: -45, labelFontSize: 12 },
  } as const
  const y = { type: 'quantitative', title: axis, axis: { labelFontSize: 11 } } as const
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: title,
      subtitle: `${file.meta.cpu.model}, ${file.meta.cpu.count} cores, ${runtimesLine(file)}, ${file.meta.loader.name} ${file.meta.loader.version}, ${file.meta.date.slice(0, 10)}`,
      fontSize: 16,
    },
    data: { values: data },
    facet: {
      field: 'scenario',
      type: 'nominal',
      sort: file.meta.options.scenarios,
      title: null,
      header: { labelFontSize: 14 },
    },
    // A run on several runtimes has two or three times the bars: wider panels, fewer a row.
    columns: servers.length > 12 ? 2 : 4,
    spec: {
      width: Math.max(250, 16 * servers.length),
      height: 190,
      layer: [
        {
          mark: manyRuntimes(file) ? { type: 'bar' } : { type: 'bar', color: '#4c78a8' },
          encoding: { x, y: { ...y, field: 'median' }, ...color },
        },
        {
          mark: { type: 'errorbar', ticks: true },
          encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } },
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

/** `Node.js v20.20.2`, or every runtime of a run on several. */
function runtimesLine(file: ResultsFile): string {
  if (!manyRuntimes(file)) return `Node.js ${file.meta.node}`
  return file.meta.runtimes
    .filter((r) => r.status === 'available')
    .map((r) => runtimeLabel(file, r.name))
    .join(', ')
}

/** Cost per request relative to the baseline: every valid cell with a known cost. */
export function costChartSpec(file: ResultsFile): TopLevelSpec {
  const baseline = file.meta.options.baseline ?? 'the baseline'
  return ratioChart(
    file,
    `Server CPU per request relative to ${baseline} (median, 95% interval; lower is cheaper)`,
    'cost ratio',
    (r) => r.costRatio,
  )
}

/** Throughput relative to the baseline, where the server set the pace. */
export function throughputChartSpec(file: ResultsFile): TopLevelSpec {
  const baseline = file.meta.options.baseline ?? 'the baseline'
  return ratioChart(
    file,
    `Throughput relative to ${baseline} where the server is the bottleneck (median, 95% interval)`,
    'req/s ratio',
    (r) => (r.clientBound ? null : r.ratio),
  )
}
