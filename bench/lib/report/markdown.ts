/** Markdown every report writes: tables from data, and the line that says when and where a run
 * was measured. */
import { machineLine } from '../meta.js'

/** The run's first line: when, on what, at which commit, and whether it is complete. */
export function measuredLine(meta: {
  readonly date: string
  readonly gitCommit: string | null
  readonly complete: boolean
  readonly interrupted: boolean
  readonly node: string
  readonly os: string
  readonly cpu: { readonly model: string; readonly count: number }
}): string {
  const when = meta.date.slice(0, 16).replace('T', ' ')
  const commit = meta.gitCommit === null ? '' : `, commit \`${meta.gitCommit}\``
  const state = meta.complete
    ? ''
    : meta.interrupted
      ? ' **Interrupted run: partial results.**'
      : ' **Run in progress.**'
  return `Measured ${when} UTC on ${machineLine(meta)}${commit}.${state}`
}

/** A table as data, rendered to Markdown here and to HTML in html.ts. Cell text may hold `code`
 * and **bold** spans. */
export interface Table {
  readonly header: readonly string[]
  /** 'r' for figures, 'l' for text. */
  readonly align: readonly ('l' | 'r')[]
  readonly rows: readonly (readonly string[])[]
}

export function markdownTable(table: Table): string {
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`
  const rule = `|${table.align.map((a) => (a === 'r' ? '---:' : '---')).join('|')}|`
  return [line(table.header), rule, ...table.rows.map(line)].join('\n')
}
