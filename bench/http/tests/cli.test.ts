import assert from 'node:assert/strict'
import { type ChildProcess, spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { findRuntime } from '@routebench/fixtures'
import Value from 'typebox/value'
import { processesOf } from '../../lib/tests/processes.js'
import { cellName } from '../cells.js'
import { ResultsFile } from '../schema.js'

/**
 * The harness run for real, as `npm run bench` runs it, on small matrices: its output checked
 * against the documented schema, and its behaviour when interrupted or when a server dies. Every
 * process a run starts carries a marker in its environment, so a test can find the servers and
 * check that none is left behind. Nothing here depends on how fast anything is.
 */

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url))

interface Run {
  readonly child: ChildProcess
  readonly marker: string
  readonly out: string
  stderr: string
  readonly exit: Promise<number | null>
}

function bench(args: string[], env: Record<string, string> = {}): Run {
  const marker = randomUUID()
  const out = mkdtempSync(join(tmpdir(), 'routebench-cli-'))
  const child = spawn(process.execPath, [CLI, '--out', out, ...args], {
    env: { ...process.env, ...env, ROUTEBENCH_TEST_RUN: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const run: Run = {
    child,
    marker,
    out,
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  }
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    run.stderr += chunk
  })
  child.stdout?.resume()
  return run
}

async function waitFor(run: Run, pattern: RegExp, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!pattern.test(run.stderr)) {
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${pattern}; stderr:\n${run.stderr}`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

function results(run: Run): ResultsFile {
  const file: unknown = JSON.parse(readFileSync(join(run.out, 'results.json'), 'utf8'))
  const errors = [...Value.Errors(ResultsFile, file)].map((e) => `${e.instancePath} ${e.message}`)
  assert.deepEqual(errors, [], 'results.json must follow the documented schema')
  return file as ResultsFile
}

const hasProc = existsSync('/proc/self/environ')
const others = (['bun', 'deno'] as const).filter((r) => findRuntime(r).available)
const hasWrk = spawnSync('wrk', ['-v']).error === undefined

describe('npm run bench', { concurrency: false }, () => {
  const loaders: [string, string | false][] = [
    ['autocannon', false],
    ['wrk', !hasWrk && 'wrk is not installed (apt-get install wrk)'],
  ]
  for (const [loader, skip] of loaders) {
    test(`--loader ${loader} on two servers writes a complete run that follows the schema`, {
      skip,
    }, async () => {
      const run = bench([
        ...[
          '--quick',
          '--loader',
          loader,
          '--servers',
          'trie',
          '--scenarios',
          'plaintext,not-found',
        ],
        ...['--duration', '0.5', '--warmup', '0.5'],
      ])
      const code = await run.exit
      assert.equal(code, 0, run.stderr)
      const file = results(run)
      assert.equal(file.meta.complete, true)
      assert.equal(file.meta.interrupted, false)
      assert.equal(file.meta.loader.name, loader)
      assert.equal(file.meta.loader.auto, false)
      assert.equal(file.meta.cpuClock, hasProc ? 'schedstat' : null)
      assert.deepEqual(file.meta.options.servers, ['node-http', 'trie']) // the baseline is added
      assert.deepEqual(
        file.results.map((r) => `${r.server} ${r.scenario} ${r.rounds.length} ${r.valid}`),
        [
          'node-http plaintext 2 true',
          'node-http not-found 2 true',
          'trie plaintext 2 true',
          'trie not-found 2 true',
        ],
      )
      for (const r of file.results) {
        assert.ok(r.reqPerSec !== null && r.reqPerSec.median > 0)
        assert.ok(r.latencyUs !== null && r.latencyUs.p50 > 0 && r.latencyUs.p99 >= r.latencyUs.p50)
        assert.deepEqual(Object.keys(r.rounds[0]?.statuses ?? {}), [
          r.scenario === 'not-found' ? '404' : '200',
        ])
        if (hasProc) {
          // a server's CPU time per response: positive, and no more than its one core allows
          assert.ok(r.costUs !== null && r.costUs.median > 0)
          for (const round of r.rounds) {
            assert.equal(round.slices.length, 2)
            assert.ok(round.warmupMs !== null && round.warmupMs > 0)
            assert.ok((round.costUs as number) <= (1e6 / round.reqPerSec) * 1.2)
          }
        }
      }
      assert.deepEqual(
        file.servers.map((s) => [s.name, s.status, s.conformance?.failed]),
        [
          ['node-http', 'measured', 0],
          ['trie', 'measured', 0],
        ],
      )
      for (const name of [
        'results.md',
        'cost.svg',
        'ratios.svg',
        'report.html',
        'results.schema.json',
      ]) {
        assert.ok(existsSync(join(run.out, name)), name)
      }
      assert.match(run.stderr, /routebench: trie × 2 scenarios, 2 rounds of 0.5 s, about \d+ s/)
      assert.match(run.stderr, new RegExp(`\nload generator: ${loader} `))
      if (hasProc) assert.deepEqual(processesOf(run.marker), [])
    })
  }

  test('--runtimes: node-http on every installed runtime and the native servers, in one run', {
    skip: others.length === 0 && 'neither Bun nor Deno is installed',
  }, async () => {
    const runtimes = ['node', ...others]
    const run = bench([
      ...['--quick', '--runtimes', runtimes.join(','), '--scenarios', 'plaintext'],
      ...['--servers', ['node-http', 'trie-bun', 'trie-deno'].join(',')],
    ])
    const code = await run.exit
    assert.equal(code, 0, run.stderr)
    const file = results(run)
    assert.deepEqual(
      file.meta.runtimes.map((r) => [r.name, r.status]),
      runtimes.map((r) => [r, 'available']),
    )
    for (const r of file.meta.runtimes) assert.match(r.version ?? '', /^\d+\.\d+\.\d+/)
    const cells = others.flatMap((r) => [`node-http@${r}`, `trie-${r}`])
    assert.deepEqual(
      file.servers.map((s) => [cellName({ server: s.name, runtime: s.runtime }), s.status]),
      ['node-http', ...cells].map((name) => [name, 'measured']),
    )
    for (const r of file.results) {
      assert.equal(r.valid, true, r.invalidReasons.join('; '))
      if (hasProc) assert.ok(r.costUs !== null && r.costRatio !== null && r.costUs.median > 0)
    }
    const md = readFileSync(join(run.out, 'results.md'), 'utf8')
    assert.match(md, /\| runtime \| server \| plaintext \|/)
    assert.match(md, /\n## Runtimes side by side\n/)
    assert.match(run.stderr, new RegExp(`round 1  ${cells[0]} `))
    if (hasProc) assert.deepEqual(processesOf(run.marker), [])
  })

  test('--loader wrk where wrk is missing: one line saying how to install it, exit code 2', async () => {
    const run = bench(['--loader', 'wrk'], {
      PATH: mkdtempSync(join(tmpdir(), 'routebench-path-')),
    })
    assert.equal(await run.exit, 2)
    assert.equal(
      run.stderr,
      'bench: --loader: wrk is not installed (on Debian or Ubuntu: apt-get install wrk)\n',
    )
  })

  test('Ctrl-C stops every server, keeps what was measured, and exits with 130', async () => {
    const run = bench([
      '--servers',
      'trie',
      '--scenarios',
      'plaintext,json,params',
      '--rounds',
      '3',
      '--duration',
      '1',
      '--warmup',
      '0',
    ])
    await waitFor(run, /\[1\/\d+, ETA/)
    run.child.kill('SIGINT')
    const code = await run.exit
    assert.equal(code, 130, run.stderr)
    const file = results(run)
    assert.equal(file.meta.interrupted, true)
    assert.equal(file.meta.complete, false)
    const recorded = file.results.reduce((n, r) => n + r.rounds.length, 0)
    assert.ok(recorded >= 1 && recorded < 18, `${recorded} rounds recorded`)
    assert.ok(existsSync(join(run.out, 'results.md')))
    if (hasProc) assert.deepEqual(processesOf(run.marker), [])
  })

  test('a server that dies mid-run is reported, and the run goes on', {
    skip: !hasProc && 'needs /proc',
  }, async () => {
    const run = bench([
      '--servers',
      'trie',
      '--scenarios',
      'plaintext,json',
      '--rounds',
      '1',
      '--duration',
      '2',
      '--warmup',
      '0',
    ])
    // Round 1 measures each scenario on node-http first (the rotation starts with the baseline),
    // then on trie: once node-http's plaintext is in, trie's is being measured.
    await waitFor(run, /\[1\/4, ETA/)
    let trie: { pid: number } | undefined
    for (let i = 0; i < 200 && trie === undefined; i++) {
      trie = processesOf(run.marker).find((p) => p.cmdline.includes('serve.js trie'))
      if (trie === undefined) await new Promise((resolve) => setTimeout(resolve, 25))
    }
    assert.ok(trie, 'the trie server is running')
    await new Promise((resolve) => setTimeout(resolve, 500)) // well into its first measurement
    process.kill(trie.pid, 'SIGKILL')
    const code = await run.exit
    assert.equal(code, 1, run.stderr)
    const file = results(run)
    assert.equal(file.meta.complete, true)
    const trieResults = file.results.filter((r) => r.server === 'trie')
    assert.ok(
      trieResults.every((r) => !r.valid),
      JSON.stringify(trieResults.map((r) => r.invalidReasons)),
    )
    assert.match(trieResults[0]?.invalidReasons.join(' ') ?? '', /killed by SIGKILL/)
    assert.ok(file.results.filter((r) => r.server === 'node-http').every((r) => r.valid))
    assert.match(run.stderr, /1 measurement\(s\) invalid|2 measurement\(s\) invalid/)
    assert.deepEqual(processesOf(run.marker), [])
  })

  test('a bad option is a one-line error and exit code 2', async () => {
    const run = bench(['--servers', 'nope'])
    assert.equal(await run.exit, 2)
    assert.match(
      run.stderr,
      /^bench: --servers: unknown name "nope" \(known: node-http, express, koa, fastify, hono, uws, trie, trie-uws, hono-bun, hono-deno, trie-bun, trie-deno\)\nusage:/,
    )
  })
})
