/** Every file a run writes besides results.json, from a results file. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { README } from '../../lib/paths.js'
import { renderSvg } from '../../lib/report/chart.js'
import { replaceSection, writeAtomic } from '../../lib/report/write.js'
import { SCENARIOS } from '../scenarios.js'
import { ResultsFile, type ResultsFile as ResultsFileType } from '../schema.js'
import { costChartSpec, throughputChartSpec } from './chart.js'
import { reportHtml } from './html.js'
import { readmeSection, resultsMarkdown } from './markdown.js'
import { layerChartSpec } from './profile.js'

/** Writes results.md, cost.svg, ratios.svg, layers.svg (with a profiling pass), report.html and
 * results.schema.json into `out`, and README's section when asked. */
export async function writeReports(
  file: ResultsFileType,
  out: string,
  updateReadme: boolean,
  readme = README,
): Promise<void> {
  const descriptions = new Map(SCENARIOS.map((s) => [s.name, s.description]))
  const charts = {
    cost: await renderSvg(costChartSpec(file)),
    throughput: await renderSvg(throughputChartSpec(file)),
  }
  writeAtomic(join(out, 'results.md'), resultsMarkdown(file, descriptions))
  writeAtomic(join(out, 'cost.svg'), charts.cost)
  writeAtomic(join(out, 'ratios.svg'), charts.throughput)
  const layerSpec = layerChartSpec(file)
  const layers = layerSpec === null ? null : await renderSvg(layerSpec)
  if (layers !== null) writeAtomic(join(out, 'layers.svg'), layers)
  writeAtomic(join(out, 'report.html'), reportHtml(file, { ...charts, layers }, descriptions))
  writeAtomic(join(out, 'results.schema.json'), `${JSON.stringify(ResultsFile, null, 2)}\n`)
  if (updateReadme) {
    writeAtomic(
      readme,
      replaceSection(readFileSync(readme, 'utf8'), 'bench', readmeSection(file, out)),
    )
  }
}
