/**
 * The comparison written out: Markdown for people (stdout, a step summary), a JSON document for
 * programs, and the input of github-action-benchmark for a history of head's figures.
 */
import * as f from '../lib/report/format.js'
import { markdownTable, type Table } from '../lib/report/markdown.js'
import { BOOTSTRAP_SEED, type Interval } from '../lib/stats.js'
import {
  type Comparison,
  type CountComparison,
  MIN_ROUNDS,
  type RowComparison,
  type Side,
} from './compare.js'
import { describeDifferences } from './methodology.js'

const KIND_NAMES = {
  http: 'HTTP results (npm run bench)',
  router: 'router results (npm run bench:router)',
} as const

export function comparisonMarkdown(c: Comparison): string {
  const { metric } = c
  const parts = [
    `# Comparison of ${KIND_NAMES[c.kind]}`,
    markdownTable(filesTable(c)),
    methodText(c),
    `**Significance.** A row changed when its Holm-adjusted p-value is below ${c.alpha} across the ${c.tested} tested row${c.tested === 1 ? '' : 's'}, which keeps the chance of any false alarm in this comparison at ${percentOf(c.alpha)}. \`~\` means no significant change. The p column gives each test's p-value and, in parentheses, Holm's. A row needs ${MIN_ROUNDS} rounds a side (${MIN_ROUNDS} pairs when paired) to be tested.`,
    ...(c.forced.length === 0
      ? []
      : [
          `⚠ Compared with --force although measured differently (base vs head: ${describeDifferences(c.forced)}): part of any difference is the method's.`,
        ]),
    ...c.warnings.map((w) => `⚠ ${w}`),
    `## ${metric.title}, ${metric.better} is better`,
    countsLine(c.rows),
    markdownTable(rowsTable(c)),
  ]
  if (c.instructions.length > 0) {
    parts.push(
      '## Instructions per lookup (callgrind), lower is better',
      'Deterministic counts, one per file and row, so there is no test: any change is real, though it may be the change of Node.js or the machine as well as of the code.',
      markdownTable(instructionsTable(c.instructions)),
    )
  }
  if (c.instructionsNote !== null) parts.push(c.instructionsNote)
  return `${parts.join('\n\n')}\n`
}

function filesTable(c: Comparison): Table {
  const row = (side: 'base' | 'head') => {
    const file = c[side]
    return [
      side,
      `\`${file.path}\``,
      `${file.date.slice(0, 16).replace('T', ' ')} UTC`,
      file.gitCommit === null ? 'unknown' : `\`${file.gitCommit}\``,
      file.machine,
    ]
  }
  return {
    header: ['', 'file', 'measured', 'commit', 'machine'],
    align: ['l', 'l', 'l', 'l', 'l'],
    rows: [row('base'), row('head')],
  }
}

function methodText(c: Comparison): string {
  const intervals = `95% bootstrap interval (${c.bootstrapSamples.toLocaleString('en-US')} resamples, fixed seed)`
  if (c.pairing !== null) {
    return `**Paired.** Both files are arms of the side-by-side run \`${c.pairing.id}\` (base \`${c.pairing.base}\`, head \`${c.pairing.head}\`): round r of one was measured next to round r of the other, so the machine's drift cancels. Test: Wilcoxon signed-rank on log(head/base) of each round; change: the median of the per-round ratios head/base, with its ${intervals}.`
  }
  return `**Unpaired.** The files come from different runs, so drift of the machine between the runs is part of any difference shown. Test: Mann-Whitney U on the rounds of each side; change: head's median over base's, with its ${intervals}.`
}

function countsLine(rows: readonly RowComparison[]): string {
  const count = (test: (r: RowComparison) => boolean) => rows.filter(test).length
  const parts: [number, string][] = [
    [count((r) => r.verdict === 'better'), 'better'],
    [count((r) => r.verdict === 'worse'), 'worse'],
    [count((r) => r.status === 'tested' && r.verdict === null), 'without significant change'],
    [count((r) => r.status === 'too-few-rounds'), 'with too few rounds'],
    [count((r) => r.status === 'only-in-base'), 'only in base'],
    [count((r) => r.status === 'only-in-head'), 'only in head'],
  ]
  const text = parts
    .filter(([n]) => n > 0)
    .map(([n, what]) => `${n} ${what}`)
    .join(', ')
  return `${rows.length} row${rows.length === 1 ? '' : 's'}${text === '' ? '' : `: ${text}`}.`
}

function rowsTable(c: Comparison): Table {
  const value = c.kind === 'http' ? f.reqs : f.ns
  const side = (s: Side | null) =>
    s === null ? '–' : `${s.median === null ? '–' : value(s.median.median)} (n=${s.n})`
  const unit = c.kind === 'http' ? ' req/s' : ''
  return {
    header: [
      ...c.metric.keys,
      `base${unit}`,
      `head${unit}`,
      'change [95% CI]',
      'p (adjusted)',
      'verdict',
    ],
    align: [...c.metric.keys.map(() => 'l' as const), 'r', 'r', 'r', 'r', 'l'],
    rows: c.rows.map((r) => [
      `\`${r.keys[0]}\``,
      ...r.keys.slice(1),
      side(r.base),
      side(r.head),
      r.change === null ? '–' : r.significant ? changeInterval(r.change) : '~',
      r.p === null || r.pAdjusted === null ? '–' : `${pValue(r.p)} (${pValue(r.pAdjusted)})`,
      verdictText(r),
    ]),
  }
}

function verdictText(r: RowComparison): string {
  switch (r.status) {
    case 'only-in-base':
      return 'only in base'
    case 'only-in-head':
      return 'only in head'
    case 'too-few-rounds':
      return 'too few rounds'
    case 'tested':
      return r.verdict === null
        ? r.significant
          ? 'no change'
          : 'no significant change'
        : r.verdict
  }
}

function instructionsTable(rows: readonly CountComparison[]): Table {
  const count = (n: number) => Math.round(n).toLocaleString('en-US')
  return {
    header: ['router', 'table', 'set', 'base', 'head', 'change', 'verdict'],
    align: ['l', 'l', 'l', 'r', 'r', 'r', 'l'],
    rows: rows.map((r) => [
      `\`${r.keys[0]}\``,
      ...r.keys.slice(1),
      count(r.base),
      count(r.head),
      percent(r.change, decimals(r.change)),
      `${r.verdict} (deterministic)`,
    ]),
  }
}

/** `-20.0% [-22.3%, -17.9%]` */
export function changeInterval(i: Interval): string {
  const d = decimals(i.median, i.low, i.high)
  return `${percent(i.median, d)} [${percent(i.low, d)}, ${percent(i.high, d)}]`
}

function decimals(...values: number[]): number {
  return values.every((v) => Math.abs(v) < 1) ? 2 : 1
}

function percent(value: number, digits: number): string {
  const text = value.toFixed(digits)
  if (Number(text) === 0) return `${(0).toFixed(digits)}%`
  return `${value > 0 ? '+' : ''}${text}%`
}

/** Two significant digits; tiny ones as a bound. */
export function pValue(p: number): string {
  return p < 0.0001 ? '<0.0001' : p.toPrecision(2)
}

function percentOf(alpha: number): string {
  return `${Number((alpha * 100).toPrecision(6))}%`
}

/** Every row and its figures, for programs. */
export function comparisonJson(c: Comparison) {
  const side = (s: Side | null) =>
    s === null
      ? null
      : {
          n: s.n,
          median: s.median?.median ?? null,
          low: s.median?.low ?? null,
          high: s.median?.high ?? null,
        }
  return {
    kind: c.kind,
    metric: { unit: c.metric.unit, better: c.metric.better },
    base: c.base,
    head: c.head,
    paired: c.pairing !== null,
    pairing: c.pairing,
    test: c.pairing !== null ? 'wilcoxon-signed-rank' : 'mann-whitney-u',
    change:
      c.pairing !== null ? 'median of per-round ratios head/base' : 'ratio of medians head/base',
    alpha: c.alpha,
    correction: 'holm',
    tested: c.tested,
    bootstrap: { samples: c.bootstrapSamples, seed: BOOTSTRAP_SEED },
    forced: c.forced,
    warnings: c.warnings,
    rows: c.rows.map((r) => ({
      name: r.keys.join(' '),
      keys: Object.fromEntries(c.metric.keys.map((k, i) => [k, r.keys[i]])),
      status: r.status,
      base: side(r.base),
      head: side(r.head),
      pairs: r.pairs,
      ratio: r.ratio,
      change: r.change,
      p: r.p,
      pAdjusted: r.pAdjusted,
      significant: r.significant,
      verdict: r.verdict,
      direction: `${c.metric.better} is better`,
    })),
    instructions: c.instructions.map((r) => ({
      name: r.keys.join(' '),
      keys: { router: r.keys[0], table: r.keys[1], set: r.keys[2] },
      base: r.base,
      head: r.head,
      change: r.change,
      verdict: r.verdict,
      direction: 'lower is better',
    })),
    instructionsNote: c.instructionsNote,
  }
}

/** One entry of github-action-benchmark's `customBiggerIsBetter` / `customSmallerIsBetter` input. */
export interface BenchmarkEntry {
  readonly name: string
  readonly unit: string
  readonly value: number
  /** `± 1234`: half the width of the 95% interval of the median. */
  readonly range: string
  readonly extra: string
}

/**
 * Head's medians as github-action-benchmark reads them: the tool `customBiggerIsBetter` for an
 * HTTP comparison, `customSmallerIsBetter` for a router one. Rows head did not measure are left
 * out.
 */
export function githubActionBenchmark(c: Comparison): BenchmarkEntry[] {
  // Req/s in whole requests; nanoseconds to the hundredth.
  const round =
    c.kind === 'http' ? (v: number) => Math.round(v) : (v: number) => Math.round(v * 100) / 100
  const commit = c.head.gitCommit === null ? 'commit unknown' : `commit ${c.head.gitCommit}`
  return c.rows.flatMap((r) => {
    const m = r.head?.median
    if (r.head === null || m === null || m === undefined) return []
    return [
      {
        name: r.keys.join(' '),
        unit: c.metric.unit,
        value: round(m.median),
        range: `± ${round((m.high - m.low) / 2)}`,
        extra: `${commit}, median of ${r.head.n} round${r.head.n === 1 ? '' : 's'}`,
      },
    ]
  })
}

/** The github-action-benchmark tool that reads `githubActionBenchmark`'s output. */
export function githubActionBenchmarkTool(c: Comparison): string {
  return c.metric.better === 'higher' ? 'customBiggerIsBetter' : 'customSmallerIsBetter'
}
