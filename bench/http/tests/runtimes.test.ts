import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, readlinkSync, realpathSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { findRuntime, RUNTIME_LABELS, type RuntimeLookup } from '@routebench/fixtures'
import { planPlacement } from '../../lib/placement.js'
import { markdownTable } from '../../lib/report/markdown.js'
import { type Cell, cellName, cellsOf } from '../cells.js'
import { processCpuNs } from '../cpu.js'
import { chooseLoader } from '../loaders/index.js'
import { parseOptions } from '../options.js'
import { costChartSpec } from '../report/chart.js'
import { costTable, resultsMarkdown, runtimeTable } from '../report/markdown.js'
import { type Reporter, runBenchmark } from '../run.js'
import type { ResultsFile } from '../schema.js'
import { startServer } from '../server-process.js'
import { emptyResult, summarize } from '../summarize.js'
import { fixture, onNode, round } from './fixture.js'

describe('cells: a server on a runtime', () => {
  const names: [Cell, string][] = [
    [{ server: 'express', runtime: 'node' }, 'express'],
    [{ server: 'express', runtime: 'bun' }, 'express@bun'],
    [{ server: 'hono-bun', runtime: 'bun' }, 'hono-bun'],
    [{ server: 'trie-deno', runtime: 'deno' }, 'trie-deno'],
    [{ server: '10.0.0.2:3000', runtime: 'unknown' }, '10.0.0.2:3000'],
  ]
  for (const [cell, name] of names) {
    test(`${cell.server} on ${cell.runtime} is called ${name}`, () =>
      assert.equal(cellName(cell), name))
  }

  const matrices: [string[], string[], string[]][] = [
    [['trie'], ['node'], ['node-http', 'trie']],
    [
      ['node-http', 'uws'],
      ['node', 'bun'],
      ['node-http', 'uws', 'node-http@bun'],
    ],
    [
      ['trie-deno', 'trie', 'hono-bun'],
      ['deno', 'bun'],
      ['node-http', 'trie@bun', 'hono-bun', 'trie@deno', 'trie-deno'],
    ],
  ]
  for (const [servers, runtimes, cells] of matrices) {
    test(`--servers ${servers} --runtimes ${runtimes}: the baseline on Node.js, then each runtime's servers`, () => {
      const options = parseOptions([
        '--servers',
        servers.join(','),
        '--runtimes',
        runtimes.join(','),
      ])
      assert.deepEqual(cellsOf(options.servers, options.runtimes, 'node-http').map(cellName), cells)
    })
  }
})

// The cost counts every thread of the process measured: that process must be the runtime itself,
// not a wrapper that started it, whether taskset pins it or not.
for (const name of ['bun', 'deno'] as const) {
  const lookup = findRuntime(name)
  const skip = lookup.available ? false : `${RUNTIME_LABELS[name]} is unavailable: ${lookup.reason}`
  test(`a server started on ${RUNTIME_LABELS[name]} is the runtime's own process, all its threads counted`, {
    skip,
  }, async () => {
    if (!lookup.available) return
    for (const cores of [null, '0']) {
      const server = await startServer('node-http', { cores, runtime: lookup.runtime })
      try {
        assert.equal(readlinkSync(`/proc/${server.pid}/exe`), realpathSync(lookup.runtime.command))
        const threads = readFileSync(`/proc/${server.pid}/status`, 'utf8').match(/Threads:\s+(\d+)/)
        assert.ok(Number(threads?.[1]) > 1, 'a runtime runs helper threads')
        assert.ok((processCpuNs(server.pid)?.ns ?? 0) > 0)
      } finally {
        await server.stop()
      }
    }
  })
}

/** A reporter that keeps what it is told. */
function recorder(): Reporter & { skips: string[] } {
  const skips: string[] = []
  return {
    skips,
    step: () => {},
    skipped: (server, reason, failed) =>
      skips.push(`${server} ${failed ? 'failed' : 'skipped'}: ${reason}`),
    measured: () => {},
    next: () => {},
    profiled: () => {},
  }
}

test('a runtime that is missing makes its cells unavailable with the reason, and the run goes on', async () => {
  const missing: RuntimeLookup = { available: false, name: 'deno', reason: 'not here (simulated)' }
  const reporter = recorder()
  const file = await runBenchmark({
    options: parseOptions([
      ...['--servers', 'node-http,trie-deno', '--runtimes', 'node,deno', '--scenarios', 'json'],
      ...['--rounds', '1', '--duration', '0.2', '--warmup', '0', '--loader', 'autocannon'],
    ]),
    placement: planPlacement(false),
    loader: chooseLoader('autocannon', 0),
    reporter,
    save: () => {},
    out: mkdtempSync(join(tmpdir(), 'routebench-runtimes-')),
    signal: new AbortController().signal,
    findRuntime: (name) => (name === 'deno' ? missing : findRuntime(name)),
  })
  assert.deepEqual(
    file.meta.runtimes.map((r) => [r.name, r.status, r.version, r.reason]),
    [
      ['node', 'available', process.versions.node, null],
      ['deno', 'unavailable', null, 'not here (simulated)'],
    ],
  )
  const unavailable = 'Deno is unavailable: not here (simulated)'
  assert.deepEqual(
    file.servers.map((s) => [cellName({ server: s.name, runtime: s.runtime }), s.status, s.reason]),
    [
      ['node-http', 'measured', null],
      ['node-http@deno', 'unavailable', unavailable],
      ['trie-deno', 'unavailable', unavailable],
    ],
  )
  assert.deepEqual(reporter.skips, [
    `node-http@deno skipped: ${unavailable}`,
    `trie-deno skipped: ${unavailable}`,
  ])
  assert.deepEqual(
    file.results.map((r) => [cellName(r), r.scenario, r.valid]),
    [['node-http', 'json', true]],
  )
  assert.equal(file.meta.complete, true)
})

/** The fixture, with node-http and fastify measured on Bun too, hono failing there, and Deno. */
function runtimesFixture(): ResultsFile {
  const file = fixture()
  const bun = (server: string) => ({ server, runtime: 'bun' })
  const plain = emptyResult(bun('node-http'), 'plaintext')
  const routing = emptyResult(bun('node-http'), 'routing')
  const nativePlain = emptyResult(bun('trie-bun'), 'plaintext')
  const nativeRouting = emptyResult(bun('trie-bun'), 'routing')
  plain.rounds = [round(1, 50_000), round(2, 55_000), round(3, 52_500)]
  routing.rounds = [round(1, 30_000), round(2, 33_000), round(3, 31_000)]
  nativePlain.rounds = [round(1, 80_000), round(2, 88_000), round(3, 84_000)]
  nativeRouting.rounds = [round(1, 60_000), round(2, 66_000), round(3, 62_000)]
  file.results.push(plain, routing, nativePlain, nativeRouting)
  summarize(file.results, onNode('node-http'))
  file.meta.runtimes.push(
    { name: 'bun', status: 'available', version: '1.4.5', command: '/bun', reason: null },
    { name: 'deno', status: 'unavailable', version: null, command: null, reason: 'not here' },
  )
  file.meta.options.runtimes = ['node', 'bun', 'deno']
  const info = { style: 'x', packages: {}, conformance: null, startupMs: null }
  file.servers.push(
    { ...info, name: 'node-http', runtime: 'bun', status: 'measured', reason: null },
    {
      ...info,
      name: 'hono',
      runtime: 'bun',
      status: 'failed',
      reason: '957 of 1108 conformance checks failed (a known difference on Bun: chunked)',
    },
    { ...info, name: 'trie-bun', runtime: 'bun', status: 'measured', reason: null },
    {
      ...info,
      name: 'trie-deno',
      runtime: 'deno',
      status: 'unavailable',
      reason: 'Deno is unavailable: not here',
    },
  )
  return file
}

describe('reports of a run on several runtimes', () => {
  test('the headline tables group the servers by runtime, named with its version', () => {
    assert.equal(
      markdownTable(costTable(runtimesFixture())),
      [
        '| runtime | server | plaintext | routing |',
        '|---|---|---:|---:|',
        '| Node.js 20.20.2 | `node-http` | 23.8 µs [22.7–25.0] | 32.3 µs [30.3–33.3] |',
        '|  | `fastify` | 0.67× [0.67–0.67] | ✗ invalid |',
        '| Bun 1.4.5 | `node-http` | 0.80× [0.80–0.80] | 1.00× [1.00–1.00] |',
        '|  | `trie-bun` | **0.50× [0.50–0.50]** | **0.50× [0.50–0.50]** |',
      ].join('\n'),
    )
  })

  test('runtimes side by side: a row per server, a column per runtime, native servers in one row', () => {
    assert.equal(
      markdownTable(runtimeTable(runtimesFixture(), 'plaintext')),
      [
        '| server | Node.js 20.20.2 | Bun 1.4.5 | Deno |',
        '|---|---:|---:|---:|',
        '| `node-http` | 23.8 µs [22.7–25.0] | 0.80× [0.80–0.80] | – |',
        '| `fastify` | 0.67× [0.67–0.67] | – | – |',
        '| `uws` | unavailable | – | – |',
        '| `broken` | ✗ fails the contract | – | – |',
        '| `hono` | – | ✗ fails the contract | – |',
        '| `trie-bun` / `trie-deno` | – | 0.50× [0.50–0.50] | unavailable |',
      ].join('\n'),
    )
  })

  test('results.md says which runtimes ran, that the cost counts all their threads, and why a cell failed', () => {
    const md = resultsMarkdown(runtimesFixture(), new Map())
    assert.match(md, /Runtimes: Node\.js 20\.20\.2, Bun 1\.4\.5, Deno \(unavailable: not here\)/)
    assert.match(md, /every thread of it: of every runtime, the runtime's whole process/)
    assert.match(md, /\n## Runtimes side by side\n/)
    assert.match(
      md,
      /- `hono@bun` \*\*failed\*\*: 957 of 1108 conformance checks failed \(a known difference on Bun/,
    )
    assert.match(md, /- `trie-deno` skipped: Deno is unavailable: not here/)
  })

  test('the charts colour each runtime and name each cell', () => {
    const spec = costChartSpec(runtimesFixture()) as unknown as {
      data: { values: { server: string; runtime: string }[] }
      spec: { layer: { encoding: { color?: { field: string } } }[] }
    }
    assert.deepEqual(
      [...new Set(spec.data.values.map((v) => `${v.server} (${v.runtime})`))],
      [
        'node-http (Node.js 20.20.2)',
        'fastify (Node.js 20.20.2)',
        'node-http@bun (Bun 1.4.5)',
        'trie-bun (Bun 1.4.5)',
      ],
    )
    assert.equal(spec.spec.layer[0]?.encoding.color?.field, 'runtime')
  })

  test('a run on Node.js alone reads as before: no runtime column, no runtimes section', () => {
    const file = fixture()
    assert.equal(costTable(file).header[0], 'server')
    assert.doesNotMatch(resultsMarkdown(file, new Map()), /Runtimes/)
    const spec = costChartSpec(file) as unknown as {
      spec: { layer: { encoding: { color?: unknown } }[] }
    }
    assert.equal(spec.spec.layer[0]?.encoding.color, undefined)
  })
})
