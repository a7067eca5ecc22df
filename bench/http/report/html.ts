/**
 * `report.html`: the tables and the chart in one file that opens offline: no script, no external
 * style or font, the SVG inline.
 */

import { escapeHtml, htmlTable, paragraphs } from '../../lib/report/html.js'
import type { ResultsFile } from '../schema.js'
import { methodText, scenarioTable, serverNotes, summaryTable } from './markdown.js'

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
