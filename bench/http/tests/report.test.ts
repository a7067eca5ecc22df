import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import Value from 'typebox/value'
import { renderSvg } from '../../lib/report/chart.js'
import { markdownTable } from '../../lib/report/markdown.js'
import { replaceSection } from '../../lib/report/write.js'
import { ratioChartSpec } from '../report/chart.js'
import { reportHtml } from '../report/html.js'
import { writeReports } from '../report/index.js'
import { resultsMarkdown, summaryTable } from '../report/markdown.js'
import { ResultsFile } from '../schema.js'
import { fixture } from './fixture.js'

const descriptions = new Map([
  ['plaintext', 'GET / → text'],
  ['routing', 'all 203 GitHub routes'],
])

describe('report writers', () => {
  test('the fixture is a valid results file', () => {
    assert.deepEqual([...Value.Errors(ResultsFile, fixture())], [])
  })

  test('summary table: ratios with intervals, fastest in bold, flags', () => {
    assert.equal(
      markdownTable(summaryTable(fixture())),
      [
        '| server | plaintext | routing |',
        '|---|---:|---:|',
        '| `node-http` | 1.00× [1.00–1.00] | **1.00× [1.00–1.00]** |',
        '| `fastify` | **1.50× [1.50–1.50]** ⚠ | ✗ invalid |',
      ].join('\n'),
    )
  })

  test('results.md has the method, the machine and a table per scenario', () => {
    const md = resultsMarkdown(fixture(), descriptions)
    assert.match(md, /^# routebench results\n/)
    assert.match(
      md,
      /Measured 2026-11-21 12:00 UTC on Test CPU \(2 cores\), Linux 6\.1 x64, Node\.js v20\.20\.2, commit `abcdef123456`\./,
    )
    assert.match(
      md,
      /3 interleaved rounds .* 0\.3 s of unrecorded warm-up per scenario, then 1\.5 s per measurement with autocannon 9\.0\.0, 100 connections, pipelining 1; server on core 0/,
    )
    assert.match(
      md,
      /\| `fastify` \| 63,000 \[60,000–66,000\] \| 1\.50× \[1\.50–1\.50\] \| 802 µs \| 1\.50 ms \| 4\.20 ms \| 60\.0 MiB \| ⚠ client-bound \|/,
    )
    assert.match(
      md,
      /\| `fastify` \| ✗ invalid \|.*round 2: unexpected status 404 ×12 \(expected 200\) \|/,
    )
    assert.match(md, /- `uws` skipped: uws cannot load here/)
    assert.match(md, /- `broken` \*\*failed\*\*: 3 of 1108 conformance checks failed/)
    assert.match(md, /## routing\n\nall 203 GitHub routes\n/)
  })

  test('the chart is an SVG with a bar per valid ratio and the machine in its subtitle', async () => {
    const spec = ratioChartSpec(fixture())
    const values = (spec.data as { values: { server: string; scenario: string }[] }).values
    assert.deepEqual(
      values.map((v) => `${v.server} ${v.scenario}`),
      ['node-http plaintext', 'node-http routing', 'fastify plaintext'],
    )
    const svg = await renderSvg(spec)
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    assert.match(svg, /Throughput relative to node-http/)
    assert.match(svg, /Test CPU, 2 cores, Node\.js v20\.20\.2/)
    assert.match(svg, /fastify/)
  })

  test('the HTML report is self-contained: tables and the SVG inline, no script or link', async () => {
    const html = reportHtml(fixture(), '<svg id="chart"></svg>', descriptions)
    assert.match(html, /<table>/)
    assert.match(html, /<svg id="chart"><\/svg>/)
    assert.match(
      html,
      /<td><code>fastify<\/code><\/td><td class="num"><strong>1\.50× \[1\.50–1\.50\]<\/strong> ⚠<\/td>/,
    )
    assert.doesNotMatch(html, /<script|<link|src="http/)
  })

  test('writeReports writes every file, and README only when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'routebench-report-'))
    const readme = join(dir, 'README.md')
    writeFileSync(readme, 'intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\noutro\n')
    await writeReports(fixture(), join(dir, 'out'), false, readme)
    for (const name of ['results.md', 'ratios.svg', 'report.html', 'results.schema.json']) {
      assert.ok(readFileSync(join(dir, 'out', name), 'utf8').length > 100, name)
    }
    assert.match(readFileSync(readme, 'utf8'), /\nold\n/)
    const out = join(dir, 'again')
    await writeReports(fixture(), out, true, readme)
    const text = readFileSync(readme, 'utf8')
    assert.match(text, /^intro\n<!-- bench:start -->\nMeasured 2026-11-21/)
    assert.ok(
      text.endsWith(
        `![Throughput relative to node-http, per scenario](${out}/ratios.svg)\n<!-- bench:end -->\noutro\n`,
      ),
    )
  })

  test('replaceSection refuses a README without the markers', () => {
    assert.throws(
      () => replaceSection('no markers here', 'bench', 'x'),
      /README has no <!-- bench:start -->/,
    )
  })
})
