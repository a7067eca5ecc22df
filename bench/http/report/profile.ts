/**
 * "Where the time goes": the profiling pass of a run in tables and words, for results.md, the HTML
 * report and README; generated, never edited by hand.
 */
import type { TopLevelSpec } from 'vega-lite'
import * as f from '../../lib/report/format.js'
import type { Table } from '../../lib/report/markdown.js'
import { cellName } from '../cells.js'
import { LAYER_NAMES, LAYERS, type Layer, ON_NODE_ONLY } from '../profile/layers.js'
import type { CellProfile, Profiles, ResultsFile } from '../schema.js'

const percent = (share: number) => `${Math.round(share * 100)}%`
const micros = (us: number) => (us < 10 ? us.toFixed(2) : us.toFixed(1))

/** How the pass was made, and what the profiler cost; `otherRuntimes` when the run had cells on
 * Bun or Deno, which are not profiled. */
export function profileMethodText(profiles: Profiles, otherRuntimes = false): string {
  const others = otherRuntimes ? ` The servers on Bun and Deno are ${ON_NODE_ONLY}.` : ''
  const overhead =
    profiles.overhead === null
      ? ''
      : ` With the profiler on, a server's CPU per request was ${f.signedPercent(profiles.overhead.median)} of what it was without it in the window just before (median over every cell, 95% interval ${f.signedPercent(profiles.overhead.low)} to ${f.signedPercent(profiles.overhead.high)}); the layers below are of the profiled window.`
  return `A pass of its own after the measured rounds: each server started afresh with V8's sampling CPU profiler loaded (through \`node:inspector\`, every ${profiles.intervalUs} µs), warmed up until steady, measured ${profiles.durationSec} s without the profiler and ${profiles.durationSec} s with it. Each sample counts for the function it caught running; a function counts for its layer: Node.js's own modules (\`node:\`), the framework's packages, the router's module, the app's handlers (\`servers/\`), the garbage collector, or native code V8 cannot see into (\`(program)\`: the C++ HTTP parser, libuv, all of uWebSockets.js); a built-in with no script counts for its caller. A layer's µs per request is its share of the samples that were not idle times the cost per request. The profile samples the main thread, where nearly all of the work is; the cost counts every thread.${overhead} Each profile is in \`profiles/\`: open it in Chrome DevTools (Performance, load profile) or speedscope.${others}`
}

function cellsOf(profiles: Profiles, scenario: string): CellProfile[] {
  return profiles.cells.filter((c) => c.scenario === scenario)
}

/** One scenario: a row per server, µs per request by layer, and the router's share. */
export function layerTable(profiles: Profiles, scenario: string): Table {
  const rows = cellsOf(profiles, scenario).map((cell) => {
    const name = `\`${cellName(cell)}\``
    if (cell.layers === null) return [name, `✗ ${cell.reason}`, ...LAYERS.map(() => ''), '']
    const layers = cell.layers
    return [
      name,
      cell.costUs === null ? '–' : micros(cell.costUs),
      ...LAYERS.map((layer) => {
        const figure = layers[layer]
        return figure.us === null ? percent(figure.share) : micros(figure.us)
      }),
      routerCell(cell),
    ]
  })
  return {
    header: ['server', 'µs/req', ...LAYERS.map((l) => LAYER_NAMES[l]), 'router share'],
    align: ['l', 'r', ...LAYERS.map(() => 'r' as const), 'l'],
    rows,
  }
}

function routerCell(cell: CellProfile): string {
  if (cell.router === null) return '–'
  if (cell.router.share === null) return cell.router.note ?? '–'
  return percent(cell.router.share)
}

/** The functions that took the most of one cell, by self time. */
export function topTable(cell: CellProfile): Table {
  return {
    header: ['function', 'where', 'layer', 'share'],
    align: ['l', 'l', 'l', 'r'],
    rows: cell.top.map((f) => [
      `\`${f.functionName}\``,
      f.url === '' ? '–' : `${f.url}:${f.line}`,
      f.layer,
      percent(f.share),
    ]),
  }
}

/**
 * The answer to the question README starts with, in words, for the scenario that routes the most:
 * what share of a request its router takes, server by server.
 */
export function routingAnswer(file: ResultsFile): string | null {
  const profiles = file.profiles
  if (profiles === null) return null
  const scenario = file.meta.options.scenarios.includes('routing')
    ? 'routing'
    : file.meta.options.scenarios[0]
  if (scenario === undefined) return null
  const cells = cellsOf(profiles, scenario).filter((c) => c.layers !== null)
  const routed = cells.filter((c) => c.router?.share !== null && c.router?.share !== undefined)
  if (routed.length === 0) return null
  const parts = routed.map((c) => {
    const us = c.router?.us
    return `${percent(c.router?.share as number)} of a \`${cellName(c)}\` request (${us === null || us === undefined ? '?' : micros(us)} of ${c.costUs === null ? '?' : micros(c.costUs)} µs)`
  })
  const notes = cells
    .filter((c) => c.router?.note !== null && c.router?.note !== undefined)
    .map((c) => `\`${cellName(c)}\` ${c.router?.note}`)
  const where = scenario === 'routing' ? 'on the 203 GitHub routes' : `on ${scenario}`
  const list =
    parts.length === 1 ? parts[0] : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
  return `Routing is ${list} ${where}.${notes.length > 0 ? ` (${notes.join('; ')}.)` : ''}`
}

/** Per scenario, each server's µs per request stacked by layer. */
export function layerChartSpec(file: ResultsFile): TopLevelSpec | null {
  const profiles = file.profiles
  if (profiles === null) return null
  const order = new Map(LAYERS.map((layer, i) => [layer, i]))
  const data = profiles.cells.flatMap((cell) =>
    cell.layers === null
      ? []
      : LAYERS.flatMap((layer: Layer) => {
          const us = cell.layers?.[layer].us
          return us === null || us === undefined
            ? []
            : [
                {
                  scenario: cell.scenario,
                  server: cellName(cell),
                  layer: LAYER_NAMES[layer],
                  us,
                  order: order.get(layer),
                },
              ]
        }),
  )
  const servers = file.servers
    .filter((s) => s.status === 'measured' && s.runtime === 'node')
    .map((s) => s.name)
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: {
      text: 'Where the time goes: server CPU µs per request by layer (V8 CPU profiles)',
      subtitle: `${file.meta.cpu.model}, ${file.meta.cpu.count} cores, Node.js ${file.meta.node}, ${file.meta.date.slice(0, 10)}`,
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
    columns: 4,
    resolve: { scale: { y: 'independent' } },
    spec: {
      width: 250,
      height: 190,
      mark: 'bar',
      encoding: {
        x: {
          field: 'server',
          type: 'nominal',
          sort: servers,
          title: null,
          axis: { labelAngle: -45 },
        },
        y: { field: 'us', type: 'quantitative', aggregate: 'sum', title: 'µs per request' },
        color: {
          field: 'layer',
          type: 'nominal',
          sort: LAYERS.map((l) => LAYER_NAMES[l]),
          title: null,
          legend: { orient: 'bottom', columns: 4, labelLimit: 320 },
        },
        order: { field: 'order', type: 'quantitative' },
      },
    },
    config: { font: 'sans-serif' },
  } as TopLevelSpec
}
