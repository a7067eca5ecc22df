/**
 * `report.html`: the tables and the chart in one file that opens offline: no script, no external
 * style or font, the SVG inline.
 */
import type { ResultsFile } from '../schema.js'
import { methodText, scenarioTable, serverNotes, summaryTable, type Table } from './markdown.js'

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
}

/** The inline Markdown the tables and notes use: `code`, **bold**, [text](link). */
function inline(text: string): string {
  return escapeHtml(text)
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '<a href="$2">$1</a>')
}

function htmlTable(table: Table): string {
  const cell = (tag: string, text: string, i: number) =>
    `<${tag}${table.align[i] === 'r' ? ' class="num"' : ''}>${inline(text)}</${tag}>`
  const head = `<tr>${table.header.map((h, i) => cell('th', h, i)).join('')}</tr>`
  const body = table.rows
    .map((row) => `<tr>${row.map((c, i) => cell('td', c, i)).join('')}</tr>`)
    .join('\n')
  return `<table>\n<thead>${head}</thead>\n<tbody>\n${body}\n</tbody>\n</table>`
}

function paragraphs(markdown: string): string {
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

export function reportHtml(
  file: ResultsFile,
  chartSvg: string,
  descriptions: ReadonlyMap<string, string>,
): string {
  const sections = file.meta.options.scenarios.map(
    (s) =>
      `<h2 id="${escapeHtml(s)}">${escapeHtml(s)}</h2>\n<p>${escapeHtml(descriptions.get(s) ?? '')}</p>\n${htmlTable(scenarioTable(file, s))}`,
  )
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>routebench results, ${escapeHtml(file.meta.date.slice(0, 10))}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; color: #222; }
table { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #ddd; padding: .3rem .6rem; text-align: left; white-space: nowrap; }
th.num, td.num { text-align: right; }
code { font-size: 90%; }
figure { margin: 1.5rem 0; overflow-x: auto; }
</style>
</head>
<body>
<h1>routebench results</h1>
${paragraphs(methodText(file))}
<h2>Throughput relative to the baseline</h2>
${htmlTable(summaryTable(file))}
${paragraphs(serverNotes(file))}
<figure>${chartSvg}</figure>
${sections.join('\n')}
</body>
</html>
`
}
