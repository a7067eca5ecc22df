/**
 * `router.md` and the README sections of the router benchmark, generated from a router results
 * file; never edited by hand.
 */
import { ns } from '../../lib/report/format.js'
import { markdownTable, measuredLine, type Table } from '../../lib/report/markdown.js'
import { WARMUP_QUIET_MS } from '../lookup-loop.js'
import type { RouterFile, RouterResult, SetSummary } from '../schema.js'

function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${value.toFixed(1)} ms`
}

function kib(bytes: number): string {
  return bytes < 1024 * 1024
    ? `${Math.round(bytes / 1024)} KiB`
    : `${(bytes / 1024 / 1024).toFixed(1)} MiB`
}

function ratio(r: { median: number; low: number; high: number }): string {
  return `${r.median.toFixed(2)}× [${r.low.toFixed(2)}–${r.high.toFixed(2)}]`
}

export function routerMethodText(file: RouterFile): string {
  const { meta } = file
  const o = meta.options
  const reference =
    o.reference === null
      ? 'no ratios (the reference router was not measured)'
      : `ratios are time per lookup over \`${o.reference}\`'s in the same round (above 1 is slower), median and 95% bootstrap interval over rounds`
  const raw = file.routers.filter((r) => !r.decodesParams).map((r) => `\`${r.name}\``)
  const contract =
    raw.length === 0
      ? ''
      : ` Param values: ${raw.join(', ')} give them as sent, not percent-decoded, for their users to decode; their answers are checked on the decoded values, and their lookups do less than those of the routers that decode.`
  return [
    measuredLine(meta),
    `Method: ${o.rounds} round${o.rounds === 1 ? '' : 's'}; in each, every router and table in a fresh Node.js process (${meta.placement}), so that the JIT has seen no other router; order rotated each round. In each process the table is registered ${o.builds === 1 ? 'once' : `${o.builds} times`} (registration time: ${o.builds === 1 ? 'that build' : 'the median of the warm builds'}, including the first lookup of every method, where lazy routers finish building), its retained heap taken after full collections, and every answer of every lookup set checked against the table (route and params) before anything is timed: a set with a wrong answer is never timed. Then the right sets are looked up in turn until the time per lookup is steady (the best recent 10 ms window has not improved by 3% for ${WARMUP_QUIET_MS} ms, between ${o.warmupMinMs} and ${o.warmupMaxMs} ms: the warm-up column shows how long the JIT took to settle), and each is timed with mitata ${meta.mitata} for at least ${o.timeMs} ms of CPU, results passed to its \`do_not_optimize\` sink. The randomized sets (\`random-hits\`, \`random-misses\`, \`random-mix\`) were drawn from seed ${o.seed}: \`--seed ${o.seed}\` draws the same ones again.${contract} Figures are the median over mitata's samples of the time per lookup, then the median over rounds with a 95% bootstrap interval; ${reference}. Instructions: ${meta.instructions}.`,
  ].join('\n\n')
}

function find(file: RouterFile, router: string, table: string): RouterResult | undefined {
  return file.results.find((r) => r.router === router && r.table === table)
}

/** What a cell shows for a router that has no figure on a table. */
function absent(result: RouterResult | undefined): string | null {
  if (result === undefined || result.status === 'pending') return '–'
  if (result.status === 'cannot-register') return '✗ cannot register'
  if (result.status === 'failed') return '✗ failed'
  return null
}

function setCell(result: RouterResult | undefined, set: string, fastest: string | null): string {
  const missing = absent(result)
  if (missing !== null) return missing
  const s = result?.sets.find((x) => x.name === set)
  if (s === undefined) return '–'
  if (!s.valid) return '✗ wrong answer'
  if (s.nsPerLookup === null) return '–'
  const text = ns(s.nsPerLookup.median)
  return fastest === result?.router ? `**${text}**` : text
}

/** The router with the lowest median time on a set of a table. */
export function fastestRouter(file: RouterFile, table: string, set: string): string | null {
  let best: { router: string; ns: number } | null = null
  for (const r of file.results) {
    if (r.table !== table || r.status !== 'measured') continue
    const s = r.sets.find((x) => x.name === set)
    if (s?.nsPerLookup == null || !s.valid) continue
    if (best === null || s.nsPerLookup.median < best.ns)
      best = { router: r.router, ns: s.nsPerLookup.median }
  }
  return best?.router ?? null
}

/** One route table: a column per lookup set, then the details of the `all` pass. */
export function tableTable(file: RouterFile, table: string): Table {
  const info = file.tables.find((t) => t.name === table)
  const sets = info?.sets.map((s) => s.name) ?? []
  const fastest = new Map(sets.map((s) => [s, fastestRouter(file, table, s)]))
  const rows = file.meta.options.routers.map((router) => {
    const r = find(file, router, table)
    const all = r?.sets.find((s) => s.name === 'all')
    const valid = absent(r) === null && all?.valid === true
    return [
      `\`${router}\``,
      ...sets.map((s) => setCell(r, s, fastest.get(s) ?? null)),
      valid && all?.ratio != null ? ratio(all.ratio) : '–',
      valid && all?.p99NsPerLookup != null ? ns(all.p99NsPerLookup) : '–',
      valid && all?.opsPerSec != null
        ? `${(all.opsPerSec / 1e6).toFixed(all.opsPerSec < 1e7 ? 2 : 1)} M`
        : '–',
      r?.registrationMs == null ? '–' : ms(r.registrationMs.median),
      r?.heapBytes == null ? '–' : kib(r.heapBytes),
      r?.warmupMs == null ? '–' : `${Math.round(r.warmupMs)} ms`,
    ]
  })
  return {
    header: [
      'router',
      ...sets,
      'all: ratio [95% CI]',
      'all: p99',
      'all: lookups/s',
      'registration',
      'heap',
      'warm-up',
    ],
    align: ['l', ...sets.map(() => 'r' as const), 'r', 'r', 'r', 'r', 'r', 'r'],
    rows,
  }
}

/** Why routers have no figure on a table: refusals, failures, wrong answers. */
export function tableNotes(file: RouterFile, table: string): string {
  const lines: string[] = []
  for (const router of file.meta.options.routers) {
    const r = find(file, router, table)
    if (r === undefined) continue
    if (r.status === 'cannot-register' || r.status === 'failed') {
      lines.push(`- \`${router}\` ${r.status === 'failed' ? '**failed**: ' : ''}${r.reason}`)
    }
    for (const s of r.sets) {
      if (!s.valid) lines.push(`- \`${router}\`, \`${s.name}\`: wrong answer: ${s.wrong[0]}`)
    }
  }
  return lines.join('\n')
}

/** The scaling series: time per lookup and registration by table size. */
export function scalingTables(file: RouterFile): Table[] {
  const generated = file.tables.filter((t) => t.kind === 'generated')
  if (generated.length === 0) return []
  const sizes = generated.map((t) => `${t.routes.toLocaleString('en-US')} routes`)
  const rows = (cell: (r: RouterResult | undefined, table: string) => string) =>
    file.meta.options.routers.map((router) => [
      `\`${router}\``,
      ...generated.map((t) => cell(find(file, router, t.name), t.name)),
    ])
  const align = ['l' as const, ...generated.map(() => 'r' as const)]
  const lookup: Table = {
    header: ['ns per lookup (sample)', ...sizes],
    align,
    rows: rows((r, table) => setCell(r, 'sample', fastestRouter(file, table, 'sample'))),
  }
  const registration: Table = {
    header: ['registration', ...sizes],
    align,
    rows: rows((r) => absent(r) ?? (r?.registrationMs == null ? '–' : ms(r.registrationMs.median))),
  }
  const heap: Table = {
    header: ['retained heap', ...sizes],
    align,
    rows: rows((r) => absent(r) ?? (r?.heapBytes == null ? '–' : kib(r.heapBytes))),
  }
  return [lookup, registration, heap]
}

export function instructionsTable(file: RouterFile): Table | null {
  if (file.instructions.length === 0) return null
  return {
    header: [
      'router',
      'table',
      'set',
      'instructions per lookup',
      'warm-up passes',
      'counted passes',
    ],
    align: ['l', 'l', 'l', 'r', 'r', 'r'],
    rows: file.instructions.map((c) => [
      `\`${c.router}\``,
      c.table,
      c.set,
      c.perLookup === null ? `✗ ${c.reason}` : Math.round(c.perLookup).toLocaleString('en-US'),
      String(c.warmupPasses),
      String(c.passes),
    ]),
  }
}

/** One sentence naming the fastest router of each standard table, and how often the reference
 * is: where this project's router is not the fastest, the results say so. */
export function fastestLine(file: RouterFile): string {
  const tables = file.tables.filter((t) => t.kind === 'standard')
  const winners = tables.map((t) => [t.name, fastestRouter(file, t.name, 'all')] as const)
  const reference = file.meta.options.reference
  const wins = winners.filter(([, w]) => w === reference).length
  const list = winners.map(([t, w]) => `${t} \`${w ?? '–'}\``).join(', ')
  const tally =
    reference === null ? '' : ` \`${reference}\` is the fastest on ${wins} of ${tables.length}.`
  return `Fastest on each table (median time of the \`all\` pass): ${list}.${tally}`
}

/**
 * Every set of every standard table: the fastest router other than the reference, and its time
 * over the reference's, paired round by round (above 1: the reference is faster). Null without a
 * reference.
 */
export function contestTable(file: RouterFile): Table | null {
  const reference = file.meta.options.reference
  if (reference === null) return null
  const rows: string[][] = []
  for (const t of file.tables.filter((x) => x.kind === 'standard')) {
    for (const { name: set } of t.sets) {
      const own = find(file, reference, t.name)?.sets.find((s) => s.name === set)
      let best: { router: string; ns: number; ratio: SetSummary['ratio'] } | null = null
      for (const r of file.results) {
        if (r.table !== t.name || r.router === reference || r.status !== 'measured') continue
        const s = r.sets.find((x) => x.name === set)
        if (s?.nsPerLookup == null || !s.valid) continue
        if (best === null || s.nsPerLookup.median < best.ns)
          best = { router: r.router, ns: s.nsPerLookup.median, ratio: s.ratio }
      }
      const ownText =
        own === undefined || own.nsPerLookup === null
          ? own?.valid === false
            ? '✗ wrong answer'
            : '–'
          : ns(own.nsPerLookup.median)
      rows.push([
        t.name,
        `\`${set}\``,
        ownText,
        best === null ? '–' : `\`${best.router}\` ${ns(best.ns)}`,
        best?.ratio == null ? '–' : ratio(best.ratio),
      ])
    }
  }
  return {
    header: [
      'table',
      'set',
      `\`${reference}\``,
      'fastest other router',
      'its time over ours [95% CI]',
    ],
    align: ['l', 'l', 'r', 'l', 'r'],
    rows,
  }
}

/** How many sets of the standard tables the reference is the fastest on, and which it is not. */
export function contestLine(file: RouterFile): string {
  const reference = file.meta.options.reference
  if (reference === null) return ''
  const tables = file.tables.filter((t) => t.kind === 'standard')
  const behind: string[] = []
  let total = 0
  for (const t of tables) {
    for (const { name: set } of t.sets) {
      const fastest = fastestRouter(file, t.name, set)
      if (fastest === null) continue
      total++
      if (fastest !== reference) behind.push(`${t.name} \`${set}\` (\`${fastest}\`)`)
    }
  }
  const tail = behind.length === 0 ? '' : `; not on ${behind.join(', ')}`
  return `\`${reference}\` is the fastest on ${total - behind.length} of ${total} lookup sets${tail}.`
}

/** What the reference router costs to build and keep, per standard table. */
export function footprintLine(file: RouterFile): string {
  const reference = file.meta.options.reference
  if (reference === null) return ''
  const cells = file.tables
    .filter((t) => t.kind === 'standard')
    .flatMap((t) => {
      const r = find(file, reference, t.name)
      if (r?.registrationMs == null || r.heapBytes === null) return []
      return [`${t.name} ${ms(r.registrationMs.median)} and ${kib(r.heapBytes)}`]
    })
  if (cells.length === 0) return ''
  return `\`${reference}\`'s registration time (the median of the warm builds, the first lookup of each method included) and retained heap: ${cells.join(', ')}.`
}

/** Standard tables × routers: the `all` pass, time per lookup and ratio. */
export function summaryTable(file: RouterFile): Table {
  const tables = file.tables.filter((t) => t.kind === 'standard')
  return {
    header: ['router', ...tables.map((t) => `${t.name} (${t.routes})`)],
    align: ['l', ...tables.map(() => 'r' as const)],
    rows: file.meta.options.routers.map((router) => [
      `\`${router}\``,
      ...tables.map((t) => {
        const r = find(file, router, t.name)
        const cell = setCell(r, 'all', fastestRouter(file, t.name, 'all'))
        const all = r?.sets.find((s) => s.name === 'all')
        // no ratio beside a cell that shows no figure (a failure, a refusal, a wrong answer)
        const paired = r?.status === 'measured' && all?.valid ? all.ratio : null
        return paired !== null && router !== file.meta.options.reference
          ? `${cell} (${paired.median.toFixed(2)}×)`
          : cell
      }),
    ]),
  }
}

export function routerMarkdown(file: RouterFile): string {
  const parts = [
    '# Router benchmark',
    routerMethodText(file),
    '## Every route once, per table',
    'Median time per lookup over a pass that looks every route of the table up once; in brackets, the ratio to the reference router. **Bold** is the fastest per table.',
    markdownTable(summaryTable(file)),
    fastestLine(file),
  ]
  const contest = contestTable(file)
  if (contest !== null) {
    parts.push(
      '## Every lookup set: the fastest other router',
      "Per table and lookup set, this project's router and the fastest of the others, with that router's time per lookup over ours, paired round by round (above 1: ours is faster).",
      markdownTable(contest),
      contestLine(file),
    )
  }
  for (const t of file.tables.filter((x) => x.kind === 'standard')) {
    parts.push(
      `## ${t.name}: ${t.routes} routes`,
      t.sets.map((s) => `- \`${s.name}\`: ${s.description}`).join('\n'),
      markdownTable(tableTable(file, t.name)),
      tableNotes(file, t.name),
    )
  }
  const scaling = scalingTables(file)
  if (scaling.length > 0) {
    // A table smaller than the sample is looked up whole: the largest has the full sample.
    const sampled = Math.max(
      ...file.tables.filter((t) => t.kind === 'generated').map((t) => t.sets[0]?.lookups ?? 0),
    )
    parts.push(
      '## Scaling',
      `Generated REST-style tables (five routes per resource: two static, two with one param, one with two). Time per lookup over ${sampled} routes spread evenly over each table (every route of a smaller one), registration time and retained heap, by table size.`,
      ...scaling.map(markdownTable),
    )
  }
  const instructions = instructionsTable(file)
  if (instructions !== null) {
    parts.push(
      '## Instructions per lookup (callgrind)',
      'Deterministic: the same code and lookups give the same count to a few thousandths of a percent, whatever else the machine is doing.',
      markdownTable(instructions),
    )
  }
  return `${parts.filter((p) => p !== '').join('\n\n')}\n`
}

export function routerReadmeSection(file: RouterFile, outDir: string): string {
  const contest = contestTable(file)
  return [
    routerMethodText(file),
    markdownTable(summaryTable(file)),
    fastestLine(file),
    footprintLine(file),
    ...(contest === null ? [] : [markdownTable(contest), contestLine(file)]),
    `Every lookup set, p99, registration, heap and the scaling series: [\`${outDir}/router.md\`](${outDir}/router.md); raw samples: [\`${outDir}/router.json\`](${outDir}/router.json).`,
    `![Time per lookup by router and table](${outDir}/router.svg)`,
  ].join('\n\n')
}

/**
 * The router package's README section: the same summary, for readers of the package on its own
 * (no links into the project's results folder, which the package does not ship).
 */
export function packageReadmeSection(file: RouterFile): string {
  const contest = contestTable(file)
  return [
    'Measured with `npm run bench:router` in the routebench repository, where `results/router.md` has every lookup set, p99, registration time, heap and the scaling series.',
    routerMethodText(file),
    markdownTable(summaryTable(file)),
    fastestLine(file),
    footprintLine(file),
    ...(contest === null ? [] : [markdownTable(contest), contestLine(file)]),
  ].join('\n\n')
}
