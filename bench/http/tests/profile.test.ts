import assert from 'node:assert/strict'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import Value from 'typebox/value'
import { markdownTable } from '../../lib/report/markdown.js'
import { attribute, type CpuProfile, type ProfileNode } from '../profile/attribute.js'
import { type CallFrame, ownLayer, packageOf } from '../profile/layers.js'
import { readmeSection, resultsMarkdown } from '../report/markdown.js'
import { layerChartSpec, layerTable, routingAnswer, topTable } from '../report/profile.js'
import { ResultsFile } from '../schema.js'
import { fixture, profileFixture } from './fixture.js'

const ROOT = '/repo/'
const frame = (functionName: string, url: string, lineNumber = 0): CallFrame => ({
  functionName,
  url,
  lineNumber,
})

describe('the layer of a function', () => {
  const cases: [string, string, CallFrame, string | null][] = [
    ['Node.js core', 'fastify', frame('parserOnIncoming', 'node:_http_server'), 'network'],
    ['the garbage collector', 'express', frame('(garbage collector)', ''), 'gc'],
    ['the event loop waiting', 'express', frame('(idle)', ''), 'idle'],
    ['code V8 cannot see into', 'uws', frame('(program)', ''), 'native'],
    [
      "express's router package",
      'express',
      frame('match', 'file:///repo/node_modules/router/lib/layer.js'),
      'router',
    ],
    [
      'path-to-regexp inside express',
      'express',
      frame('match', 'file:///repo/node_modules/path-to-regexp/dist/index.js'),
      'router',
    ],
    [
      "express's own package",
      'express',
      frame('handle', 'file:///repo/node_modules/express/lib/application.js'),
      'framework',
    ],
    [
      'find-my-way inside fastify',
      'fastify',
      frame('find', 'file:///repo/node_modules/find-my-way/index.js'),
      'router',
    ],
    [
      'find-my-way, nested in fastify’s own node_modules',
      'fastify',
      frame('find', 'file:///repo/node_modules/fastify/node_modules/find-my-way/index.js'),
      'router',
    ],
    [
      "hono's router modules",
      'hono',
      frame('match', 'file:///repo/node_modules/hono/dist/router/reg-exp-router/router.js'),
      'router',
    ],
    [
      "hono's Context is the framework",
      'hono',
      frame('json', 'file:///repo/node_modules/hono/dist/context.js'),
      'framework',
    ],
    [
      '@koa/router, a scoped package',
      'koa',
      frame('match', 'file:///repo/node_modules/@koa/router/lib/router.js'),
      'router',
    ],
    [
      "this project's router, loaded from its real path",
      'trie',
      frame('match', 'file:///repo/router/dist/router.js'),
      'router',
    ],
    [
      'an app handler',
      'trie',
      frame('answer', 'file:///repo/dist/servers/shared/node-answers.js'),
      'app',
    ],
    [
      'a package that no rule names, for a server without a router',
      'node-http',
      frame('x', 'file:///repo/node_modules/left-pad/index.js'),
      'framework',
    ],
    ['a script outside the project', 'trie', frame('x', 'file:///elsewhere/x.js'), 'other'],
    ['a built-in with no script: its caller decides', 'trie', frame('stringify', ''), null],
  ]
  for (const [name, server, callFrame, layer] of cases) {
    test(name, () => assert.equal(ownLayer(callFrame, server, ROOT), layer))
  }

  test('packageOf: the last node_modules of the path wins, and scopes are kept', () => {
    assert.deepEqual(packageOf('file:///a/node_modules/x/node_modules/@s/p/lib/i.js', ROOT), {
      name: '@s/p',
      path: 'lib/i.js',
    })
    assert.equal(packageOf('node:net', ROOT), null)
  })
})

/** A profile whose nodes are `frames`, as a chain under the root, with their self samples. */
function profile(nodes: { frame: CallFrame; hits: number; parent?: number }[]): CpuProfile {
  const all: (ProfileNode & { children: number[] })[] = [
    { id: 1, callFrame: frame('(root)', ''), hitCount: 0, children: [] },
  ]
  nodes.forEach((n, i) => {
    const id = i + 2
    all.push({ id, callFrame: n.frame, hitCount: n.hits, children: [] })
    all.find((p) => p.id === (n.parent ?? 1))?.children.push(id)
  })
  return { nodes: all, startTime: 0, endTime: 1 }
}

describe('attribution of a profile', () => {
  const hand = profile([
    { frame: frame('(idle)', ''), hits: 50 },
    { frame: frame('(program)', ''), hits: 10 },
    { frame: frame('(garbage collector)', ''), hits: 5 },
    { frame: frame('emit', 'node:events'), hits: 20 }, // id 5
    {
      frame: frame('handle', 'file:///repo/node_modules/express/lib/router.js'),
      hits: 10,
      parent: 5,
    },
    { frame: frame('match', 'file:///repo/node_modules/router/lib/layer.js'), hits: 25, parent: 6 },
    // a built-in called by the router: the router's cost
    { frame: frame('exec', ''), hits: 5, parent: 7 },
    // an app handler, and JSON.stringify called by it, inlined: the app's
    { frame: frame('hello', 'file:///repo/dist/servers/express.js', 11), hits: 10, parent: 6 },
    { frame: frame('stringify', ''), hits: 15, parent: 9 },
  ])

  test("each sample counts for its function's layer; idle is left out of the shares", () => {
    const found = attribute(hand, 'express', ROOT)
    assert.equal(found.samples, 150)
    assert.equal(found.idle, 50)
    assert.deepEqual(found.shares, {
      network: 0.2,
      framework: 0.1,
      router: 0.3,
      app: 0.25,
      gc: 0.05,
      native: 0.1,
      other: 0,
    })
  })

  test('the top functions, most samples first, lines counted from 1', () => {
    const found = attribute(hand, 'express', ROOT, 3)
    assert.deepEqual(
      found.top.map((f) => [f.functionName, f.layer, f.line, f.share]),
      [
        ['match', 'router', 1, 0.25],
        ['emit', 'network', 1, 0.2],
        ['stringify', 'app', 1, 0.15],
      ],
    )
  })

  test('samples listed one by one count as hit counts do', () => {
    const bySample: CpuProfile = {
      ...hand,
      nodes: hand.nodes.map((n) => ({ ...n, hitCount: 0 })),
      samples: hand.nodes.flatMap((n) => Array<number>(n.hitCount ?? 0).fill(n.id)),
    }
    assert.deepEqual(
      attribute(bySample, 'express', ROOT).shares,
      attribute(hand, 'express', ROOT).shares,
    )
  })

  test('the same profile for another server: no router module, so no router layer', () => {
    const found = attribute(hand, 'node-http', ROOT)
    assert.equal(found.shares.router, 0)
    assert.equal(found.shares.framework, 0.1 + 0.3)
  })
})

describe('where the time goes, written', () => {
  const file = profileFixture()

  test('the fixture with its profiles follows the schema', () => {
    assert.deepEqual([...Value.Errors(ResultsFile, file)], [])
  })

  test('a table of µs per request by layer, and the router share or why there is none', () => {
    const profiles = file.profiles as NonNullable<typeof file.profiles>
    assert.equal(
      markdownTable(layerTable(profiles, 'routing')),
      [
        "| server | µs/req | node:http and the network stack (JavaScript) | framework | router | the app's handlers | garbage collection | native code (C++ HTTP parser, libuv, uWS) | other | router share |",
        '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
        '| `node-http` | 40.0 | 16.0 | 0.00 | 0.00 | 12.0 | 4.00 | 8.00 | 0.00 | no router: its dispatch on req.method and req.url is app code |',
        '| `fastify` | 60.0 | 18.0 | 12.0 | 9.00 | 6.00 | 6.00 | 9.00 | 0.00 | 15% |',
      ].join('\n'),
    )
  })

  test('the answer in words', () => {
    assert.equal(
      routingAnswer(file),
      'Routing is 15% of a `fastify` request (9.00 of 60.0 µs) on the 203 GitHub routes. (`node-http` no router: its dispatch on req.method and req.url is app code.)',
    )
  })

  test('the top functions of a cell', () => {
    const cell = file.profiles?.cells[1]
    assert.ok(cell)
    assert.equal(
      markdownTable(topTable(cell)),
      [
        '| function | where | layer | share |',
        '|---|---|---|---:|',
        '| `find` | node_modules/find-my-way/index.js:120 | router | 12% |',
        '| `(program)` | – | native | 9% |',
      ].join('\n'),
    )
  })

  test('results.md and README get the section; every cell its top functions in results.md', () => {
    const descriptions = new Map([['routing', 'all 203 GitHub routes']])
    const md = resultsMarkdown(file, descriptions)
    assert.match(md, /\n## Where the time goes\n\nRouting is 15% of a `fastify` request/)
    assert.match(md, /every 100 µs/)
    assert.match(md, /With the profiler on, a server's CPU per request was \+4\.0% of what it was/)
    assert.match(
      md,
      /<summary>fastify: the 2 functions with the most samples \(<code>profiles\/fastify-routing\.cpuprofile<\/code>\)<\/summary>/,
    )
    const readme = readmeSection(file, 'results')
    assert.match(readme, /\n### Where the time goes\n/)
    assert.match(readme, /!\[Where the time goes, per scenario\]\(results\/layers\.svg\)/)
    assert.doesNotMatch(resultsMarkdown(fixture(), descriptions), /Where the time goes/)
  })

  test('the chart stacks each server’s layers, µs per request', () => {
    const spec = layerChartSpec(file)
    assert.ok(spec !== null, 'a file with a profiling pass has a layer chart')
    const values = (spec.data as { values: { server: string; layer: string; us: number }[] }).values
    assert.equal(
      values.filter((v) => v.server === 'fastify').reduce((a, v) => a + v.us, 0),
      60,
    )
    assert.equal(layerChartSpec({ ...file, profiles: null }), null)
  })
})

const SERVE_PROFILE = fileURLToPath(new URL('../profile/cli.js', import.meta.url))

describe('npm run profile', () => {
  test('profiles fastify on routing for a second and finds its framework and its router', {
    skip: !existsSync('/proc/self/schedstat') && 'needs /proc',
    timeout: 60_000,
  }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'routebench-profile-'))
    const child = spawn(
      process.execPath,
      [SERVE_PROFILE, 'fastify', 'routing', '--duration', '1', '--warmup', '1', '--out', out],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    )
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s
    })
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s
    })
    const code = await new Promise((resolve) => child.once('close', resolve))
    assert.equal(code, 0, stderr)
    const row = stdout.split('\n').find((line) => line.startsWith('| `fastify` |'))
    assert.ok(row, stdout)
    const cells = row.split('|').map((c) => c.trim())
    // server, µs/req, network, framework, router, ...: samples in the framework and the router
    assert.ok(Number(cells[4]) > 0, `framework: ${row}`)
    assert.ok(Number(cells[5]) > 0, `router: ${row}`)
    const saved = join(out, 'profiles', 'fastify-routing.cpuprofile')
    const written = JSON.parse(readFileSync(saved, 'utf8')) as CpuProfile
    assert.ok(written.nodes.length > 10)
    assert.deepEqual(
      (await import('node:fs')).readdirSync(join(out, 'profiles')),
      ['fastify-routing.cpuprofile'],
      'no working files are left behind',
    )
  })
})
