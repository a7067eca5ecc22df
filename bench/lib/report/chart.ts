/**
 * Charts are Vega-Lite specs rendered to SVG by Vega in Node.js: no browser, no canvas, no
 * hand-built SVG.
 */
import * as vega from 'vega'
import type { TopLevelSpec } from 'vega-lite'
import * as vl from 'vega-lite'

export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const compiled = vl.compile(spec).spec
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' })
  try {
    return await view.toSVG()
  } finally {
    view.finalize()
  }
}
