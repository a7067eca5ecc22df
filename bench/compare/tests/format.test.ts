import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ResultsFile } from '../../http/schema.js'
import { BOOTSTRAP_SEED } from '../../lib/stats.js'
import type { RouterFile } from '../../router/schema.js'
import { type Comparison, compare } from '../compare.js'
import {
  changeInterval,
  comparisonJson,
  comparisonMarkdown,
  githubActionBenchmark,
  githubActionBenchmarkTool,
  pValue,
} from '../format.js'
import { parsePair } from '../load.js'
import { count, httpFile, routerFile, source } from './files.js'

function compareFiles(
  base: ResultsFile | RouterFile,
  head: ResultsFile | RouterFile,
  force = false,
): Comparison {
  return compare(parsePair(source('base.json', base), source('head.json', head)), {
    alpha: 0.05,
    force,
  })
}

// Eight rounds of fastify, head 20% slower; hono unchanged; koa with one valid round in head;
// uws only in base, express only in head.
const httpBase = httpFile({
  'fastify json': [50_000, 51_000, 49_000, 50_500, 49_500, 50_200, 49_800, 50_100],
  'hono json': [45_000, 46_000, 44_000],
  'koa json': [30_000, 31_000],
  'uws json': [90_000, 91_000],
})
const httpHead = httpFile(
  {
    'fastify json': [40_000, 40_800, 39_200, 40_400, 39_600, 40_160, 39_840, 40_080],
    'hono json': [45_500, 44_000, 46_000],
    'koa json': [30_000, null],
    'express json': [20_000, 21_000, 19_000],
  },
  { gitCommit: '0123456789ab', node: 'v22.11.0' },
)
const http = compareFiles(httpBase, httpHead)

const routerBase = routerFile(
  { 'routebench github all': [20.123, 21.456, 19.789], 'routebench github static': [5, 5.1, 4.9] },
  {},
  [count('routebench github all', 1234.4)],
)
const routerHead = routerFile(
  { 'routebench github all': [25.1, 26.2, 24.3], 'routebench github static': [5, 5.1, 4.9] },
  {},
  [count('routebench github all', 1300.6)],
)
const router = compareFiles(routerBase, routerHead)

describe('Markdown', () => {
  const markdown = comparisonMarkdown(http)
  const lines = markdown.split('\n')

  test('a header naming the kind, both files, their commits and machines', () => {
    assert.equal(lines[0], '# Comparison of HTTP results (npm run bench)')
    assert.ok(
      lines.includes(
        '| base | `base.json` | 2026-11-21 12:00 UTC | `abcdef123456` | Test CPU (2 cores), Linux 6.1 x64, Node.js v20.20.2 |',
      ),
    )
    assert.ok(
      lines.includes(
        '| head | `head.json` | 2026-11-21 12:00 UTC | `0123456789ab` | Test CPU (2 cores), Linux 6.1 x64, Node.js v22.11.0 |',
      ),
    )
  })

  test('unpaired: says that drift between the runs is part of any difference', () => {
    assert.match(
      markdown,
      /\*\*Unpaired\.\*\* The files come from different runs, so drift of the machine between the runs is part of any difference shown\. Test: Mann-Whitney U/,
    )
    assert.doesNotMatch(markdown, /\*\*Paired/)
  })

  test('the level and the correction', () => {
    assert.match(
      markdown,
      /A row changed when its Holm-adjusted p-value is below 0\.05 across the 2 tested rows/,
    )
  })

  test('warnings, each on its own line', () => {
    assert.ok(
      lines.includes(
        "⚠ Different Node.js versions: base v20.20.2, head v22.11.0; part of any difference is Node.js's.",
      ),
    )
  })

  test('one row per (server, scenario), benchstat-like', () => {
    const table = lines.slice(lines.indexOf('## Throughput (req/s), higher is better'))
    assert.deepEqual(table.slice(0, 12), [
      '## Throughput (req/s), higher is better',
      '',
      '5 rows: 1 worse, 1 without significant change, 1 with too few rounds, 1 only in base, 1 only in head.',
      '',
      '| server | scenario | base req/s | head req/s | change [95% CI] | p (adjusted) | verdict |',
      '|---|---|---:|---:|---:|---:|---|',
      '| `fastify` | json | 50,050 (n=8) | 40,040 (n=8) | -20.0% [-21.0%, -19.0%] | 0.00016 (0.00031) | worse |',
      '| `hono` | json | 45,000 (n=3) | 45,500 (n=3) | ~ | 1.0 (1.0) | no significant change |',
      '| `koa` | json | 30,500 (n=2) | 30,000 (n=1) | – | – | too few rounds |',
      '| `uws` | json | 90,500 (n=2) | – | – | – | only in base |',
      '| `express` | json | – | 20,000 (n=3) | – | – | only in head |',
      '',
    ])
  })

  test('router: time per lookup, and instruction counts marked deterministic', () => {
    const text = comparisonMarkdown(router)
    assert.ok(text.includes('## Time per lookup (ns), lower is better'))
    assert.ok(
      text.includes(
        '| `routebench` | github | all | 20.1 ns (n=3) | 25.1 ns (n=3) | ~ | 0.10 (0.20) | no significant change |',
      ),
    )
    assert.ok(text.includes('## Instructions per lookup (callgrind), lower is better'))
    assert.ok(
      text.includes(
        '| `routebench` | github | all | 1,234 | 1,301 | +5.4% | worse (deterministic) |',
      ),
    )
  })

  test('few rounds: says that no row can be significant, and how many rounds would do', () => {
    assert.ok(
      comparisonMarkdown(router).includes(
        "⚠ No row can be significant here: with at most 3 rounds a side, the smallest p-value a rank test can give is 0.10, which Holm's correction over 2 rows makes 0.20, not below 0.05. Measure at least 5 rounds a side (--rounds 5).",
      ),
    )
    assert.doesNotMatch(markdown, /No row can be significant/)
  })

  test('paired: says so, and names the run and arms', () => {
    const base = httpFile(
      { 'fastify json': [100, 101, 102, 103, 104, 105] },
      { pairing: { id: 'run-9', arm: 'main' } },
    )
    const head = httpFile(
      { 'fastify json': [90, 91, 92, 93, 94, 95] },
      { pairing: { id: 'run-9', arm: 'branch' } },
    )
    const text = comparisonMarkdown(compareFiles(base, head))
    assert.match(
      text,
      /\*\*Paired\.\*\* Both files are arms of the side-by-side run `run-9` \(base `main`, head `branch`\): round r of one was measured next to round r of the other/,
    )
    assert.doesNotMatch(text, /Unpaired/)
  })

  test('--force: the differences are named in the output', () => {
    const head = httpFile({ 'fastify json': [1, 2] })
    head.meta.options.durationSec = 3
    const text = comparisonMarkdown(compareFiles(httpFile({ 'fastify json': [1, 2] }), head, true))
    assert.ok(
      text.includes(
        "⚠ Compared with --force although measured differently (base vs head: duration per measurement 1.5 s vs 3 s): part of any difference is the method's.",
      ),
    )
  })
})

describe('JSON', () => {
  const json = comparisonJson(http)

  test('the method of the comparison', () => {
    assert.equal(json.kind, 'http')
    assert.deepEqual(json.metric, { unit: 'req/s', better: 'higher' })
    assert.equal(json.paired, false)
    assert.equal(json.test, 'mann-whitney-u')
    assert.equal(json.correction, 'holm')
    assert.equal(json.alpha, 0.05)
    assert.equal(json.tested, 2)
    assert.deepEqual(json.bootstrap, { samples: 10_000, seed: BOOTSTRAP_SEED })
  })

  test('every row with medians, counts, interval, p-values and verdict', () => {
    assert.equal(json.rows.length, 5)
    const fastify = json.rows[0]
    assert.equal(fastify?.name, 'fastify json')
    assert.deepEqual(fastify?.keys, { server: 'fastify', scenario: 'json' })
    assert.equal(fastify?.status, 'tested')
    assert.equal(fastify?.base?.n, 8)
    assert.equal(fastify?.base?.median, 50_050)
    assert.equal(fastify?.head?.median, 40_040)
    assert.equal(fastify?.ratio?.median, 40_040 / 50_050)
    assert.equal(fastify?.p, 2 / 12_870)
    assert.equal(fastify?.pAdjusted, (2 * 2) / 12_870)
    assert.equal(fastify?.significant, true)
    assert.equal(fastify?.verdict, 'worse')
    assert.equal(fastify?.direction, 'higher is better')
    const uws = json.rows[3]
    assert.deepEqual([uws?.status, uws?.head, uws?.p], ['only-in-base', null, null])
  })

  test('survives a round trip through JSON.stringify', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(json)), json)
  })
})

describe('github-action-benchmark', () => {
  test("HTTP: head's medians in req/s, for customBiggerIsBetter", () => {
    assert.equal(githubActionBenchmarkTool(http), 'customBiggerIsBetter')
    assert.deepEqual(githubActionBenchmark(http), [
      {
        name: 'fastify json',
        unit: 'req/s',
        value: 40_040,
        range: '± 400',
        extra: 'commit 0123456789ab, median of 8 rounds',
      },
      {
        name: 'hono json',
        unit: 'req/s',
        value: 45_500,
        range: '± 1000',
        extra: 'commit 0123456789ab, median of 3 rounds',
      },
      {
        name: 'koa json',
        unit: 'req/s',
        value: 30_000,
        range: '± 0',
        extra: 'commit 0123456789ab, median of 1 round',
      },
      {
        name: 'express json',
        unit: 'req/s',
        value: 20_000,
        range: '± 1000',
        extra: 'commit 0123456789ab, median of 3 rounds',
      },
    ])
  })

  test("router: head's medians in ns per lookup, for customSmallerIsBetter", () => {
    assert.equal(githubActionBenchmarkTool(router), 'customSmallerIsBetter')
    assert.deepEqual(githubActionBenchmark(router), [
      {
        name: 'routebench github all',
        unit: 'ns per lookup',
        value: 25.1,
        range: '± 0.95',
        extra: 'commit abcdef123456, median of 3 rounds',
      },
      {
        name: 'routebench github static',
        unit: 'ns per lookup',
        value: 5,
        range: '± 0.1',
        extra: 'commit abcdef123456, median of 3 rounds',
      },
    ])
  })

  test('a head without a commit, and rows head never measured', () => {
    const head = httpFile(
      { 'fastify json': [null, null], 'hono json': [10, 12] },
      { gitCommit: null },
    )
    const entries = githubActionBenchmark(compareFiles(head, head))
    assert.deepEqual(
      entries.map((e) => [e.name, e.extra]),
      [['hono json', 'commit unknown, median of 2 rounds']],
    )
  })
})

describe('numbers', () => {
  const changes: [{ median: number; low: number; high: number }, string][] = [
    [{ median: -20, low: -22.34, high: -17.91 }, '-20.0% [-22.3%, -17.9%]'],
    [{ median: 25, low: 12.96, high: 31.04 }, '+25.0% [+13.0%, +31.0%]'],
    [{ median: 0.5, low: -0.25, high: 0.91 }, '+0.50% [-0.25%, +0.91%]'],
    [{ median: 0, low: -0.001, high: 1.5 }, '0.0% [0.0%, +1.5%]'],
  ]
  for (const [interval, text] of changes) {
    test(`change ${text}`, () => assert.equal(changeInterval(interval), text))
  }
  const ps: [number, string][] = [
    [1, '1.0'],
    [0.2, '0.20'],
    [0.0312, '0.031'],
    [0.0001554, '0.00016'],
    [0.00009, '<0.0001'],
  ]
  for (const [p, text] of ps) test(`p ${p} is ${text}`, () => assert.equal(pValue(p), text))
})
