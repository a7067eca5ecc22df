import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import Value from 'typebox/value'
import { renderSvg } from '../../lib/report/chart.js'
import { markdownTable } from '../../lib/report/markdown.js'
import { replaceSection } from '../../lib/report/write.js'
import { costChartSpec, throughputChartSpec } from '../report/chart.js'
import { reportHtml } from '../report/html.js'
import { writeReports } from '../report/index.js'
import { costTable, methodText, resultsMarkdown, throughputTable } from '../report/markdown.js'
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

  test('cost table: the ratio of CPU per request, the baseline in µs, cheapest in bold', () => {
    // fastify's fixture rounds serve 1.5 times node-http's req/s at one core: two thirds the cost
    assert.equal(
      markdownTable(costTable(fixture())),
      [
        '| server | plaintext | routing |',
        '|---|---:|---:|',
        '| `node-http` | 23.8 µs [22.7–25.0] | **32.3 µs [30.3–33.3]** |',
        '| `fastify` | **0.67× [0.67–0.67]** | ✗ invalid |',
      ].join('\n'),
    )
  })

  test('throughput table: no number for a client-bound cell, fastest of the others in bold', () => {
    assert.equal(
      markdownTable(throughputTable(fixture())),
      [
        '| server | plaintext | routing |',
        '|---|---:|---:|',
        '| `node-http` | **42,000 req/s** | **31,000 req/s** |',
        '| `fastify` | client-bound | ✗ invalid |',
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
      /3 interleaved rounds: every server in its own process, started afresh each round and warmed on each scenario until steady; .* 1\.5 s per measurement in two slices, with wrk 4\.1\.0 \(chosen by --loader auto\), 100 connections, pipelining 1; server on core 0/,
    )
    assert.match(md, /\*\*CPU cost per request\*\* is the server's CPU time, every thread of it/)
    assert.match(
      md,
      /\| `fastify` \| 15\.9 µs \[15\.2–16\.7\] \| 0\.67× \[0\.67–0\.67\] \| 63,000 \[60,000–66,000\] \| – \| 802 µs \| 1\.50 ms \| 4\.20 ms \| 60\.0 MiB \| 1\.5 s \| client-bound \|/,
    )
    assert.match(
      md,
      /\| `fastify` \| ✗ invalid \|.*round 2: unexpected status 404 ×12 \(expected 200\) \|/,
    )
    assert.match(md, /- `uws` skipped: uws cannot load here/)
    assert.match(md, /- `broken` \*\*failed\*\*: 3 of 1108 conformance checks failed/)
    assert.match(md, /## routing\n\nall 203 GitHub routes\n/)
  })

  test('a --target run says what it measured: no process of its own, no cost', () => {
    const file = fixture()
    file.meta.options.target = 'http://10.0.0.2:3000'
    file.meta.options.baseline = null
    const method = methodText(file)
    assert.match(
      method,
      /the server at http:\/\/10\.0\.0\.2:3000, started and placed by whoever runs it \(so no CPU cost, memory or start-up figures\)/,
    )
    assert.doesNotMatch(
      method,
      /started afresh each round|server on core 0|CPU cost per request\*\* is/,
    )
  })

  test('the cost chart has a bar per valid cost ratio and the machine in its subtitle', async () => {
    const spec = costChartSpec(fixture())
    const values = (spec.data as { values: { server: string; scenario: string }[] }).values
    assert.deepEqual(
      values.map((v) => `${v.server} ${v.scenario}`),
      ['node-http plaintext', 'node-http routing', 'fastify plaintext'],
    )
    const svg = await renderSvg(spec)
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    assert.match(svg, /Server CPU per request relative to node-http/)
    assert.match(svg, /Test CPU, 2 cores, Node\.js v20\.20\.2, wrk 4\.1\.0/)
    assert.match(svg, /fastify/)
  })

  test('the throughput chart leaves out client-bound cells', () => {
    const spec = throughputChartSpec(fixture())
    const values = (spec.data as { values: { server: string; scenario: string }[] }).values
    assert.deepEqual(
      values.map((v) => `${v.server} ${v.scenario}`),
      ['node-http plaintext', 'node-http routing'],
    )
  })

  test('the HTML report is self-contained: tables and the SVG inline, no script or link', async () => {
    const charts = { cost: '<svg id="cost"></svg>', throughput: '<svg id="throughput"></svg>' }
    const html = reportHtml(fixture(), charts, descriptions)
    assert.match(html, /<table>/)
    assert.match(html, /<svg id="cost"><\/svg>[\s\S]*<svg id="throughput"><\/svg>/)
    assert.match(
      html,
      /<td><code>fastify<\/code><\/td><td class="num"><strong>0\.67× <span class="ci">\[0\.67–0\.67\]<\/span><\/strong><\/td>/,
    )
    assert.doesNotMatch(html, /<script|<link|src="http/)
  })

  test('writeReports writes every file, and README only when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'routebench-report-'))
    const readme = join(dir, 'README.md')
    writeFileSync(readme, 'intro\n<!-- bench:start -->\nold\n<!-- bench:end -->\noutro\n')
    await writeReports(fixture(), join(dir, 'out'), false, readme)
    for (const name of [
      'results.md',
      'cost.svg',
      'ratios.svg',
      'report.html',
      'results.schema.json',
    ]) {
      assert.ok(readFileSync(join(dir, 'out', name), 'utf8').length > 100, name)
    }
    assert.match(readFileSync(readme, 'utf8'), /\nold\n/)
    const out = join(dir, 'again')
    await writeReports(fixture(), out, true, readme)
    const text = readFileSync(readme, 'utf8')
    assert.match(text, /^intro\n<!-- bench:start -->\nMeasured 2026-11-21/)
    assert.ok(
      text.endsWith(
        `![CPU cost per request relative to node-http, per scenario](${out}/cost.svg)\n<!-- bench:end -->\noutro\n`,
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
