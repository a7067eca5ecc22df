/** `regress.md`: the verdict, a row per thing measured, and why; for a pull request comment. */
import { machineLine } from '../lib/meta.js'
import * as f from '../lib/report/format.js'
import { markdownTable, type Table } from '../lib/report/markdown.js'
import type { RegressFile, RegressRow } from './result.js'

/** A marker that lets the CI workflow find and replace its own earlier comment. */
export const COMMENT_MARKER = '<!-- routebench-regress -->'

const VERDICTS = {
  pass: 'no regression',
  regression: '**regression**',
  inconclusive: 'inconclusive',
  error: '**error**',
} as const

function figure(value: number | null, metric: string): string {
  if (value === null) return '–'
  if (metric === 'req/s') return `${Math.round(value).toLocaleString('en-US')} req/s`
  if (metric === 'ns per lookup') return `${value.toFixed(1)} ns`
  if (metric === 'CPU µs/req') return `${value.toFixed(1)} µs/req`
  if (metric === 's/req') return `${((1 / value) | 0).toLocaleString('en-US')} req/s`
  return Math.round(value).toLocaleString('en-US')
}

export function rowsTable(rows: readonly RegressRow[]): Table {
  return {
    header: [
      'tier',
      'measured',
      'base',
      'head',
      'slowdown [95% CI]',
      'A/A noise',
      'threshold',
      'verdict',
    ],
    align: ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'l'],
    rows: rows.map((row) => [
      row.tier,
      `\`${row.name}\``,
      figure(row.base, row.metric),
      figure(row.head, row.metric),
      row.slowdown === null
        ? '–'
        : row.tier === 'instructions'
          ? f.signedPercent(row.slowdown.median)
          : `${f.signedPercent(row.slowdown.median)} [${f.signedPercent(row.slowdown.low)}, ${f.signedPercent(row.slowdown.high)}]`,
      row.noise === null
        ? row.tier === 'instructions'
          ? 'exact'
          : '–'
        : `±${(row.noise * 100).toFixed(1)}%`,
      `${(row.threshold * 100).toFixed(row.threshold < 0.1 ? 1 : 0)}%`,
      VERDICTS[row.verdict],
    ]),
  }
}

export function regressMarkdown(file: RegressFile): string {
  const { meta } = file
  const head = `${COMMENT_MARKER}\n### Performance check: ${VERDICTS[file.verdict]}`
  const what = `Base \`${meta.base.ref}\` (\`${meta.base.commit}\`) against head (\`${meta.head.commit}\`), measured side by side on ${machineLine(meta.machine)}; ${meta.placement}.`
  const parts = [head, what]
  if (file.rows.length > 0) parts.push(markdownTable(rowsTable(file.rows)))
  const notes = file.rows
    .filter((row) => row.verdict !== 'pass')
    .map((row) => `- ${row.tier} \`${row.name}\`: ${row.reason}`)
  notes.push(...file.errors.map((error) => `- error: ${error}`))
  if (notes.length > 0) parts.push(notes.join('\n'))
  parts.push(
    'Slowdown: head’s cost over base’s per round (time per lookup, or the inverse of req/s), median and 95% interval over rounds. A/A noise: how far head measured against itself strays from 1 in the same rounds. A row fails only when its whole interval is slower, by at least the threshold and by at least twice the noise; when the noise is too large to tell, it is inconclusive. See "Regression checks" in README.',
  )
  return `${parts.join('\n\n')}\n`
}
