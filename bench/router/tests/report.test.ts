import assert from 'node:assert/strict'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import Value from 'typebox/value'
import { renderSvg } from '../../lib/report/chart.js'
import { ns } from '../../lib/report/format.js'
import { markdownTable, type Table } from '../../lib/report/markdown.js'
import { lookupChartSpec, scalingChartSpec } from '../report/chart.js'
import { writeRouterReports } from '../report/index.js'
import {
  contestLine,
  contestTable,
  fastestLine,
  fastestRouter,
  footprintLine,
  instructionsTable,
  routerMarkdown,
  routerMethodText,
  scalingTables,
  summaryTable,
  tableNotes,
  tableTable,
} from '../report/markdown.js'
import { RouterFile } from '../schema.js'
import { FAILURE, REFUSAL, routerFixture, WRONG_PARSE, WRONG_STATIC } from './fixture.js'

function values(spec: object): Record<string, unknown>[] {
  return (spec as { data: { values: Record<string, unknown>[] } }).data.values
}

describe('router report writers', () => {
  test('the fixture is a valid router results file', () => {
    const errors = [...Value.Errors(RouterFile, routerFixture())].map(
      (e) => `${e.instancePath} ${e.message}`,
    )
    assert.deepEqual(errors, [])
  })

  const times: [number, string][] = [
    [3, '3.00 ns'],
    [42.5, '42.5 ns'],
    [420, '420 ns'],
    [12_345.6, '12,346 ns'],
    [250_000, '250 µs'],
  ]
  for (const [value, text] of times) {
    test(`ns(${value}) is ${text}`, () => assert.equal(ns(value), text))
  }

  test('summary: the `all` pass per standard table, fastest in bold, ratios in brackets', () => {
    assert.equal(
      markdownTable(summaryTable(routerFixture())),
      [
        '| router | static (157) | parse (26) |',
        '|---|---:|---:|',
        '| `routebench` | 21.0 ns | 110 ns |',
        '| `find-my-way` | 31.5 ns (1.50×) | **93.5 ns** (0.85×) |',
        '| `hono-linear` | **16.8 ns** (0.80×) | 165 ns (1.50×) |',
        '| `medley` | ✗ wrong answer | ✗ cannot register |',
        '| `path-to-regexp` | 420 ns (20.00×) | ✗ failed |',
      ].join('\n'),
    )
  })

  test('the fastest router is the lowest valid median of a set that measured', () => {
    const file = routerFixture()
    const cases: [string, string, string | null][] = [
      ['static', 'all', 'hono-linear'], // medley answered wrongly
      ['parse', 'all', 'find-my-way'],
      ['parse', 'static', 'find-my-way'], // path-to-regexp's 2 ns: it failed a round
      ['parse', 'trailing-slash', 'routebench'], // hono-linear answered wrongly
      ['generated-100', 'sample', 'medley'],
      ['parse', 'no-such-set', null],
    ]
    for (const [table, set, router] of cases) {
      assert.equal(fastestRouter(file, table, set), router, `${table} ${set}`)
    }
  })

  test('a table: a column per set, then the ratio, p99, rate, registration, heap and warm-up', () => {
    const table = tableTable(routerFixture(), 'parse')
    assert.deepEqual(table.header, [
      'router',
      'all',
      'static',
      'trailing-slash',
      'all: ratio [95% CI]',
      'all: p99',
      'all: lookups/s',
      'registration',
      'heap',
      'warm-up',
    ])
    assert.deepEqual(table.align, ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'])
    const [routebench, findMyWay, honoLinear, medley, pathToRegexp] = table.rows
    const measured = ['1.50 ms', '150 KiB', '240 ms']
    assert.deepEqual(routebench, [
      '`routebench`',
      '110 ns',
      '5.00 ns',
      '**8.00 ns**',
      '1.00× [1.00–1.00]',
      '220 ns',
      '9.09 M',
      ...measured,
    ])
    assert.deepEqual(findMyWay, [
      '`find-my-way`',
      '**93.5 ns**',
      '**3.00 ns**',
      '9.00 ns',
      '0.85× [0.80–0.90]',
      '187 ns',
      '10.7 M',
      ...measured,
    ])
    assert.deepEqual(honoLinear, [
      '`hono-linear`',
      '165 ns',
      '4.00 ns',
      '✗ wrong answer',
      '1.50× [1.50–1.50]',
      '330 ns',
      '6.06 M',
      ...measured,
    ])
    assert.deepEqual(medley, [
      '`medley`',
      ...Array(3).fill('✗ cannot register'),
      ...Array(6).fill('–'),
    ])
    assert.deepEqual(pathToRegexp?.slice(0, 7), [
      '`path-to-regexp`',
      ...Array(3).fill('✗ failed'),
      ...Array(3).fill('–'),
    ])
    assert.equal(
      markdownTable(table).split('\n')[3],
      '| `find-my-way` | **93.5 ns** | **3.00 ns** | 9.00 ns | 0.85× [0.80–0.90] | 187 ns | 10.7 M | 1.50 ms | 150 KiB | 240 ms |',
    )
  })

  test('the notes list refusals, failures and wrong answers, in router order', () => {
    const file = routerFixture()
    assert.equal(
      tableNotes(file, 'parse'),
      [
        `- \`hono-linear\`, \`trailing-slash\`: wrong answer: ${WRONG_PARSE}`,
        `- \`medley\` ${REFUSAL}`,
        `- \`path-to-regexp\` **failed**: ${FAILURE}`,
      ].join('\n'),
    )
    assert.equal(tableNotes(file, 'static'), `- \`medley\`, \`all\`: wrong answer: ${WRONG_STATIC}`)
  })

  test('the scaling series: time per lookup, registration and heap by table size', () => {
    assert.deepEqual(scalingTables(routerFixture()).map(markdownTable), [
      [
        '| ns per lookup (sample) | 10 routes | 100 routes |',
        '|---|---:|---:|',
        '| `routebench` | 12.0 ns | 15.0 ns |',
        '| `find-my-way` | 14.0 ns | 18.0 ns |',
        '| `hono-linear` | **11.0 ns** | 40.0 ns |',
        '| `medley` | 13.0 ns | **14.0 ns** |',
        '| `path-to-regexp` | 60.0 ns | ✗ failed |',
      ].join('\n'),
      [
        '| registration | 10 routes | 100 routes |',
        '|---|---:|---:|',
        '| `routebench` | 0.05 ms | 0.50 ms |',
        '| `find-my-way` | 0.05 ms | 0.50 ms |',
        '| `hono-linear` | 0.05 ms | 0.50 ms |',
        '| `medley` | 0.05 ms | 0.50 ms |',
        '| `path-to-regexp` | 0.05 ms | ✗ failed |',
      ].join('\n'),
      [
        '| retained heap | 10 routes | 100 routes |',
        '|---|---:|---:|',
        '| `routebench` | 8 KiB | 2.0 MiB |',
        '| `find-my-way` | 8 KiB | 2.0 MiB |',
        '| `hono-linear` | 8 KiB | 2.0 MiB |',
        '| `medley` | 8 KiB | 2.0 MiB |',
        '| `path-to-regexp` | 8 KiB | ✗ failed |',
      ].join('\n'),
    ])
  })

  test('no generated table, no scaling section', () => {
    const file = routerFixture()
    file.tables = file.tables.filter((t) => t.kind === 'standard')
    assert.deepEqual(scalingTables(file), [])
    assert.doesNotMatch(routerMarkdown(file), /## Scaling/)
  })

  test('the method names the machine, Node.js, mitata, the rounds and the reference', () => {
    const text = routerMethodText(routerFixture())
    for (const part of [
      /^Measured 2026-11-21 12:00 UTC on Test CPU \(2 cores\), Linux 6\.1 x64, Node\.js v20\.20\.2, commit `abcdef123456`\.\n\nMethod: 3 rounds;/,
      /every router and table in a fresh Node\.js process \(one process at a time, pinned to core 1 with taskset\)/,
      /the table is registered 5 times/,
      /between 200 and 2500 ms/,
      /timed with mitata 1\.0\.34 for at least 150 ms of CPU/,
      /ratios are time per lookup over `routebench`'s in the same round \(above 1 is slower\)/,
      /Instructions: not counted \(--instructions counts them\)\.$/,
    ]) {
      assert.match(text, part)
    }
    assert.doesNotMatch(text, /Interrupted|in progress/)
  })

  const states: [string, (file: RouterFile) => void, RegExp][] = [
    [
      'an interrupted run',
      (file) => Object.assign(file.meta, { complete: false, interrupted: true }),
      /commit `abcdef123456`\. \*\*Interrupted run: partial results\.\*\*\n/,
    ],
    [
      'a run in progress',
      (file) => Object.assign(file.meta, { complete: false, finishedAt: null }),
      /commit `abcdef123456`\. \*\*Run in progress\.\*\*\n/,
    ],
    [
      'a run without the reference',
      (file) => Object.assign(file.meta.options, { reference: null }),
      /; no ratios \(the reference router was not measured\)\./,
    ],
    [
      'a run from outside git',
      (file) => Object.assign(file.meta, { gitCommit: null }),
      /Node\.js v20\.20\.2\.\n/,
    ],
  ]
  for (const [what, change, expected] of states) {
    test(`the method says so for ${what}`, () => {
      const file = routerFixture()
      change(file)
      assert.match(routerMethodText(file), expected)
    })
  }

  test('router.md: method, summary, a section per standard table with its sets, scaling', () => {
    const md = routerMarkdown(routerFixture())
    assert.deepEqual(md.match(/^#+ .*$/gm), [
      '# Router benchmark',
      '## Every route once, per table',
      '## Every lookup set: the fastest other router',
      '## static: 157 routes',
      '## parse: 26 routes',
      '## Scaling',
    ])
    assert.ok(md.includes(`\n${markdownTable(summaryTable(routerFixture()))}\n`))
    assert.match(
      md,
      /## parse: 26 routes\n\n- `all`: every route once, in table order \(26\)\n- `static`: a static path: GET \/1\/users\n/,
    )
    assert.ok(md.includes(`\n${tableNotes(routerFixture(), 'parse')}\n`))
    assert.match(md, /Time per lookup over 64 routes spread evenly over each table/)
    assert.ok(md.endsWith('| `path-to-regexp` | 8 KiB | ✗ failed |\n'))
  })

  test('instructions per lookup, when counted', () => {
    const file = routerFixture()
    assert.equal(instructionsTable(file), null)
    file.instructions = [
      {
        router: 'routebench',
        table: 'parse',
        set: 'all',
        perLookup: 1234.6,
        warmupPasses: 2000,
        passes: 1000,
        totals: [5_000_000, 37_000_000],
        reason: null,
      },
      {
        router: 'rou3',
        table: 'parse',
        set: 'all',
        perLookup: null,
        warmupPasses: 2000,
        passes: 1000,
        totals: [],
        reason: 'valgrind exited with code 1',
      },
    ]
    assert.deepEqual([...Value.Errors(RouterFile, file)], [])
    assert.equal(
      markdownTable(instructionsTable(file) ?? { header: [], align: [], rows: [] }),
      [
        '| router | table | set | instructions per lookup | warm-up passes | counted passes |',
        '|---|---|---|---:|---:|---:|',
        '| `routebench` | parse | all | 1,235 | 2000 | 1000 |',
        '| `rou3` | parse | all | ✗ valgrind exited with code 1 | 2000 | 1000 |',
      ].join('\n'),
    )
    assert.match(routerMarkdown(file), /\n## Instructions per lookup \(callgrind\)\n/)
  })

  test('the lookup chart has a bar per measured, right `all` pass, and renders to SVG', async () => {
    const spec = lookupChartSpec(routerFixture())
    assert.deepEqual(
      values(spec).map((v) => `${v.router} ${v.table} ${v.median}`),
      [
        'routebench static 21',
        'find-my-way static 31.5',
        'hono-linear static 16.8',
        'path-to-regexp static 420',
        'routebench parse 110',
        'find-my-way parse 93.5',
        'hono-linear parse 165',
      ],
    )
    const svg = await renderSvg(spec)
    assert.match(svg, /^<svg[^>]*xmlns="http:\/\/www\.w3\.org\/2000\/svg"/)
    assert.match(svg, /Time per lookup, every route of the table once/)
    assert.match(svg, /Test CPU, Node\.js v20\.20\.2, 2026-11-21/)
    for (const router of ['routebench', 'find-my-way', 'hono-linear', 'path-to-regexp']) {
      assert.ok(svg.includes(router), router)
    }
  })

  test('the scaling chart has a point per measured sample, and renders to SVG', async () => {
    const file = routerFixture()
    const spec = scalingChartSpec(file)
    assert.ok(spec !== null)
    assert.deepEqual(
      values(spec).map((v) => `${v.router} ${v.routes} ${v.ns}`),
      [
        'routebench 10 12',
        'find-my-way 10 14',
        'hono-linear 10 11',
        'medley 10 13',
        'path-to-regexp 10 60',
        'routebench 100 15',
        'find-my-way 100 18',
        'hono-linear 100 40',
        'medley 100 14',
      ],
    )
    const svg = await renderSvg(spec)
    assert.match(svg, /^<svg/)
    assert.match(svg, /Time per lookup by table size/)
    for (const router of file.meta.options.routers) assert.ok(svg.includes(router), router)

    file.tables = file.tables.filter((t) => t.name !== 'generated-100')
    assert.equal(scalingChartSpec(file), null, 'one size is no series')
  })

  test('every set of every standard table: ours, the fastest other router and its ratio', () => {
    const file = routerFixture()
    assert.deepEqual(markdownTable(contestTable(file) as Table).split('\n'), [
      '| table | set | `routebench` | fastest other router | its time over ours [95% CI] |',
      '|---|---|---:|---|---:|',
      '| static | `all` | 21.0 ns | `hono-linear` 16.8 ns | 0.80× [0.80–0.80] |',
      '| static | `static` | 5.00 ns | `medley` 3.00 ns | 0.60× [0.60–0.60] |',
      '| static | `miss` | 4.00 ns | `medley` 3.00 ns | 0.75× [0.75–0.75] |',
      '| parse | `all` | 110 ns | `find-my-way` 93.5 ns | 0.85× [0.80–0.90] |',
      '| parse | `static` | 5.00 ns | `find-my-way` 3.00 ns | 0.60× [0.60–0.60] |',
      '| parse | `trailing-slash` | 8.00 ns | `find-my-way` 9.00 ns | 1.13× [1.13–1.13] |',
    ])
    assert.equal(
      contestLine(file),
      '`routebench` is the fastest on 1 of 6 lookup sets; not on static `all` (`hono-linear`), static `static` (`medley`), static `miss` (`medley`), parse `all` (`find-my-way`), parse `static` (`find-my-way`).',
    )
    file.meta.options.reference = null
    assert.equal(contestTable(file), null)
    assert.equal(contestLine(file), '')
  })

  test("a sentence gives the reference's registration time and retained heap per table", () => {
    assert.equal(
      footprintLine(routerFixture()),
      "`routebench`'s registration time (the median of the warm builds, the first lookup of each method included) and retained heap: static 1.50 ms and 150 KiB, parse 1.50 ms and 150 KiB.",
    )
  })

  test('the method gives the seed, and the routers that leave params encoded', () => {
    const text = routerMethodText(routerFixture())
    assert.match(
      text,
      /The randomized sets \(`random-hits`, `random-misses`, `random-mix`\) were drawn from seed 12345: `--seed 12345` draws the same ones again\./,
    )
    assert.match(
      text,
      /Param values: `hono-linear`, `medley`, `path-to-regexp` give them as sent, not percent-decoded/,
    )
    const file = routerFixture()
    for (const r of file.routers) r.decodesParams = true
    assert.doesNotMatch(routerMethodText(file), /Param values:/)
  })

  test('a sentence names the fastest router of each table, and how often routebench is', () => {
    assert.equal(
      fastestLine(routerFixture()),
      'Fastest on each table (median time of the `all` pass): static `hono-linear`, parse `find-my-way`. `routebench` is the fastest on 0 of 2.',
    )
  })

  test('writeRouterReports writes every file, and README only when asked', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'routebench-router-report-'))
    const readme = join(dir, 'README.md')
    const before = [
      'intro',
      '<!-- bench:start -->',
      'http results',
      '<!-- bench:end -->',
      '<!-- bench-router:start -->',
      'old',
      '<!-- bench-router:end -->',
      'outro',
      '',
    ].join('\n')
    writeFileSync(readme, before)
    const file = routerFixture()
    const out = join(dir, 'out')
    assert.deepEqual(await writeRouterReports(file, out, false, readme), [
      'router.md',
      'router.svg',
      'router.schema.json',
      'router-scaling.svg',
    ])
    assert.equal(readFileSync(join(out, 'router.md'), 'utf8'), routerMarkdown(file))
    for (const name of ['router.svg', 'router-scaling.svg']) {
      assert.match(readFileSync(join(out, name), 'utf8'), /^<svg/, name)
    }
    assert.deepEqual(
      JSON.parse(readFileSync(join(out, 'router.schema.json'), 'utf8')),
      JSON.parse(JSON.stringify(RouterFile)),
    )
    assert.equal(readFileSync(readme, 'utf8'), before)

    const again = join(dir, 'again')
    const packageReadme = join(dir, 'package-README.md')
    writeFileSync(
      packageReadme,
      '# pkg\n<!-- router-perf:start -->\nold\n<!-- router-perf:end -->\n',
    )
    const written = await writeRouterReports(file, again, true, readme, packageReadme)
    assert.deepEqual(written.slice(-2), ['README.md', 'router/README.md'])
    const pkg = readFileSync(packageReadme, 'utf8')
    assert.ok(
      pkg.startsWith(
        '# pkg\n<!-- router-perf:start -->\nMeasured with `npm run bench:router` in the routebench repository',
      ),
      pkg,
    )
    const contest = markdownTable(contestTable(file) as Table)
    assert.ok(
      pkg.includes(
        `\n${markdownTable(summaryTable(file))}\n\n${fastestLine(file)}\n\n${footprintLine(file)}\n\n${contest}\n\n${contestLine(file)}\n<!-- router-perf:end -->\n`,
      ),
    )
    const text = readFileSync(readme, 'utf8')
    assert.ok(
      text.startsWith(
        'intro\n<!-- bench:start -->\nhttp results\n<!-- bench:end -->\n<!-- bench-router:start -->\nMeasured 2026-11-21 12:00 UTC',
      ),
      text,
    )
    assert.ok(text.includes(`\n${markdownTable(summaryTable(file))}\n`))
    assert.ok(text.includes(`[\`${again}/router.md\`](${again}/router.md)`))
    assert.ok(
      text.endsWith(
        `![Time per lookup by router and table](${again}/router.svg)\n<!-- bench-router:end -->\noutro\n`,
      ),
    )
    assert.doesNotMatch(text, /\nold\n/)
  })

  test('a README without the router markers is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'routebench-router-report-'))
    const readme = join(dir, 'README.md')
    writeFileSync(readme, 'intro\n<!-- bench:start -->\n<!-- bench:end -->\n')
    await assert.rejects(
      writeRouterReports(routerFixture(), join(dir, 'out'), true, readme, join(dir, 'none.md')),
      /README has no <!-- bench-router:start --> \.\.\. <!-- bench-router:end --> section to rewrite/,
    )
  })
})
