/** HTML for reports that open offline: escaped text, the inline Markdown of table cells, tables
 * and paragraphs. */
import type { Table } from './markdown.js'

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** The inline Markdown the tables and notes use: `code`, **bold**, [text](link). */
function inline(text: string): string {
  return (
    escapeHtml(text)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>')
      // an interval after a figure, `1.23× [1.19–1.27]`, set smaller than the figure
      .replace(/ \[([^\]]+)\](?!\()/g, ' <span class="ci">[$1]</span>')
  )
}

export function htmlTable(table: Table): string {
  const cell = (tag: string, text: string, i: number) =>
    `<${tag}${table.align[i] === 'r' ? ' class="num"' : ''}>${inline(text)}</${tag}>`
  const head = `<tr>${table.header.map((h, i) => cell('th', h, i)).join('')}</tr>`
  const body = table.rows
    .map((row) => `<tr>${row.map((c, i) => cell('td', c, i)).join('')}</tr>`)
    .join('\n')
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`
}

export function paragraphs(markdown: string): string {
  return markdown
    .split('\n\n')
    .filter((p) => p.trim() !== '')
    .map((p) =>
      p.startsWith('- ')
        ? `<ul>${p
            .split('\n')
            .map((li) => `<li>${inline(li.slice(2))}</li>`)
            .join('')}</ul>`
        : `<p>${inline(p)}</p>`,
    )
    .join('\n')
}
