/**
 * `report.html`: the tables and the charts in one file that opens offline: no script, no external
 * style or font, the SVGs inline. Laid out for a window of 1400 px or so: the headline tables fit,
 * the wide per-scenario tables scroll on their own, and the charts scale to the page.
 */

import { escapeHtml, htmlTable, paragraphs } from '../../lib/report/html.js'
import { cellName } from '../cells.js'
import type { ResultsFile } from '../schema.js'
import {
  costCaption,
  costTable,
  manyRuntimes,
  methodText,
  runtimeCaption,
  runtimeTable,
  scenarioTable,
  serverNotes,
  throughputCaption,
  throughputTable,
} from './markdown.js'
import { layerTable, profileMethodText, routingAnswer, topTable } from './profile.js'

export interface Charts {
  readonly cost: string
  readonly throughput: string
  /** With a profiling pass: the layers of each server's cost. */
  readonly layers?: string | null
}

/** "Where the time goes", with a profiling pass: the method, the answer, a table per scenario. */
function profileHtml(file: ResultsFile, chart: string | null): string {
  const profiles = file.profiles
  if (profiles === null) return ''
  const tables = file.meta.options.scenarios.map(
    (s) =>
      `<h3>${escapeHtml(s)}</h3>\n<div class="wide">${htmlTable(layerTable(profiles, s))}</div>`,
  )
  return `<h2>Where the time goes</h2>
${paragraphs(routingAnswer(file) ?? '')}
${paragraphs(profileMethodText(profiles, manyRuntimes(file)))}
${chart === null ? '' : `<figure>${chart}</figure>`}
${tables.join('\n')}`
}

/** "Runtimes side by side", in a run on more than Node.js: a table per scenario. */
function runtimeHtml(file: ResultsFile): string {
  if (!manyRuntimes(file) || file.meta.options.target !== null) return ''
  const tables = file.meta.options.scenarios.map(
    (s) => `<h3>${escapeHtml(s)}</h3>\n<div class="wide">${htmlTable(runtimeTable(file, s))}</div>`,
  )
  return `<h2>Runtimes side by side</h2>
${paragraphs(runtimeCaption(file))}
${tables.join('\n')}`
}

function topFunctions(file: ResultsFile, scenario: string): string {
  const cells =
    file.profiles?.cells.filter((c) => c.scenario === scenario && c.top.length > 0) ?? []
  return cells
    .map(
      (c) =>
        `<details><summary>${escapeHtml(cellName(c))}: the functions with the most samples (<code>${escapeHtml(c.file ?? '')}</code>)</summary><div class="wide">${htmlTable(topTable(c))}</div></details>`,
    )
    .join('\n')
}

export function reportHtml(
  file: ResultsFile,
  charts: Charts,
  descriptions: ReadonlyMap<string, string>,
): string {
  const sections = file.meta.options.scenarios.map(
    (s) =>
      `<h3 id="${escapeHtml(s)}">${escapeHtml(s)}</h3>\n<p>${escapeHtml(descriptions.get(s) ?? '')}</p>\n<div class="wide">${htmlTable(scenarioTable(file, s))}</div>${topFunctions(file, s)}`,
  )
  const contents = file.meta.options.scenarios
    .map((s) => `<a href="#${escapeHtml(s)}">${escapeHtml(s)}</a>`)
    .join(' · ')
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>routebench results, ${escapeHtml(file.meta.date.slice(0, 10))}</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 84rem; margin: 2rem auto; padding: 0 1.5rem; color: #222; }
h1 { margin-bottom: .5rem; }
h2 { margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
p, li { max-width: 60rem; }
table { border-collapse: collapse; margin: 1rem 0; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid #ddd; padding: .35rem .6rem; text-align: left; white-space: nowrap; vertical-align: top; }
th { background: #f4f4f4; }
th.num, td.num { text-align: right; }
td:last-child { white-space: normal; }
.ci { color: #666; font-size: 85%; }
.wide { overflow-x: auto; }
code { font-size: 90%; }
figure { margin: 1.5rem 0; }
figure svg { max-width: 100%; height: auto; }
nav { margin: 1rem 0; }
</style>
</head>
<body>
<h1>routebench results</h1>
${paragraphs(methodText(file))}
<nav>Per scenario: ${contents}</nav>
<h2>CPU cost per request</h2>
${paragraphs(costCaption(file))}
<div class="wide">${htmlTable(costTable(file))}</div>
<figure>${charts.cost}</figure>
<h2>Throughput where the server is the bottleneck</h2>
${paragraphs(throughputCaption(file))}
<div class="wide">${htmlTable(throughputTable(file))}</div>
<figure>${charts.throughput}</figure>
${runtimeHtml(file)}
${paragraphs(serverNotes(file))}
${profileHtml(file, charts.layers ?? null)}
<h2>Per scenario</h2>
${sections.join('\n')}
</body>
</html>
`
}
