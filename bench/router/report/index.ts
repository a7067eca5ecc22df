/** Every file `npm run bench:router` writes besides router.json, from a router results file. */
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { README, ROUTER_README } from '../../lib/paths.js'
import { renderSvg } from '../../lib/report/chart.js'
import { replaceSection, writeAtomic } from '../../lib/report/write.js'
import { RouterFile, type RouterFile as RouterFileType } from '../schema.js'
import { lookupChartSpec, scalingChartSpec } from './chart.js'
import { packageReadmeSection, routerMarkdown, routerReadmeSection } from './markdown.js'

/** Writes router.md, router.svg, router-scaling.svg and router.schema.json, and README's section
 * (and router/README.md's performance section) when asked. */
export async function writeRouterReports(
  file: RouterFileType,
  out: string,
  updateReadme: boolean,
  readme = README,
  packageReadme = ROUTER_README,
): Promise<string[]> {
  const written = ['router.md', 'router.svg', 'router.schema.json']
  writeAtomic(join(out, 'router.md'), routerMarkdown(file))
  writeAtomic(join(out, 'router.svg'), await renderSvg(lookupChartSpec(file)))
  const scaling = scalingChartSpec(file)
  if (scaling !== null) {
    writeAtomic(join(out, 'router-scaling.svg'), await renderSvg(scaling))
    written.push('router-scaling.svg')
  }
  writeAtomic(join(out, 'router.schema.json'), `${JSON.stringify(RouterFile, null, 2)}\n`)
  if (updateReadme) {
    writeAtomic(
      readme,
      replaceSection(readFileSync(readme, 'utf8'), 'bench-router', routerReadmeSection(file, out)),
    )
    writeAtomic(
      packageReadme,
      replaceSection(
        readFileSync(packageReadme, 'utf8'),
        'router-perf',
        packageReadmeSection(file),
      ),
    )
    written.push('README.md', 'router/README.md')
  }
  return written
}
