/**
 * The router benchmark's two charts as Vega-Lite specs: time per lookup by router and table, and
 * time per lookup by table size. `renderSvg` draws them.
 */
import type { TopLevelSpec } from 'vega-lite'
import type { RouterFile } from '../schema.js'

export function lookupChartSpec(file: RouterFile): TopLevelSpec {
  const tables = file.tables.filter((t) => t.kind === 'standard').map((t) => t.name)
  const data = file.results.flatMap((r) => {
    const all = r.sets.find((s) => s.name === 'all')
    if (!tables.includes(r.table) || r.status !== 'measured') return []
    if (!all?.valid || all.nsPerLookup === null) return []
    return [{ table: r.table, router: r.router, ...all.nsPerLookup }]
  })
  const x = {
    field: 'router',
    type: 'nominal',
    sort: file.meta.options.routers,
    title: null,
    axis: { labelAngle: -45 },
  } as const
  const y = {
    type: 'quantitative',
    scale: { type: 'log' },
    title: 'ns per lookup (log)',
  } as const
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Time per lookup, every route of the table once (median, 95% interval; lower is faster)',
      subtitle: `${file.meta.cpu.model}, Node.js ${file.meta.node}, ${file.meta.date.slice(0, 10)}`,
    },
    data: { values: data },
    facet: { field: 'table', type: 'nominal', sort: tables, title: null },
    columns: 3,
    resolve: { scale: { y: 'shared' } },
    spec: {
      width: 220,
      height: 150,
      layer: [
        {
          // Points, not bars: a bar on a log scale has no baseline to stand on.
          mark: { type: 'point', filled: true, size: 60 },
          encoding: {
            x,
            y: { ...y, field: 'median' },
            color: {
              condition: {
                test: `datum.router === '${file.meta.options.reference}'`,
                value: '#f58518',
              },
              value: '#4c78a8',
            },
          },
        },
        {
          mark: { type: 'errorbar', ticks: true },
          encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' } },
        },
      ],
    },
    config: { font: 'sans-serif' },
  } as TopLevelSpec
}

export function scalingChartSpec(file: RouterFile): TopLevelSpec | null {
  const generated = file.tables.filter((t) => t.kind === 'generated')
  if (generated.length < 2) return null
  const data = file.results.flatMap((r) => {
    const t = generated.find((g) => g.name === r.table)
    const s = r.sets.find((x) => x.name === 'sample')
    if (t === undefined || r.status !== 'measured' || !s?.valid || s.nsPerLookup === null) return []
    return [{ routes: t.routes, router: r.router, ns: s.nsPerLookup.median }]
  })
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Time per lookup by table size (median; log-log)',
      subtitle: `${file.meta.cpu.model}, Node.js ${file.meta.node}, ${file.meta.date.slice(0, 10)}`,
    },
    data: { values: data },
    width: 420,
    height: 280,
    mark: { type: 'line', point: true },
    encoding: {
      x: { field: 'routes', type: 'quantitative', scale: { type: 'log' }, title: 'routes' },
      y: { field: 'ns', type: 'quantitative', scale: { type: 'log' }, title: 'ns per lookup' },
      color: {
        field: 'router',
        type: 'nominal',
        sort: file.meta.options.routers,
        scale: { scheme: 'tableau20' },
      },
    },
    config: { font: 'sans-serif' },
  } as TopLevelSpec
}
