import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import Value from 'typebox/value'
import { leftAfter, processesOf } from '../../lib/tests/processes.js'
import { ADAPTER_NAMES } from '../adapters/index.js'
import { ROUTER_USAGE } from '../options.js'
import { RouterFile } from '../schema.js'
import { benchTable } from '../tables.js'

/**
 * `npm run bench:router` run for real on a tiny matrix in the quick profile: its output checked
 * against the documented schema, and its behaviour on a bad command line and when interrupted.
 * Every process a run starts carries a marker in its environment, so that a test can find the
 * measuring processes and check that none is left behind. Nothing here depends on how fast
 * anything is.
 */

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url))

interface Run {
  readonly child: ChildProcess
  readonly marker: string
  readonly out: string
  stdout: string
  stderr: string
  readonly exit: Promise<number | null>
}

function benchRouter(args: string[]): Run {
  const marker = randomUUID()
  const out = mkdtempSync(join(tmpdir(), 'routebench-router-cli-'))
  const child = spawn(process.execPath, [CLI, '--out', out, ...args], {
    env: { ...process.env, ROUTEBENCH_TEST_RUN: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const run: Run = {
    child,
    marker,
    out,
    stdout: '',
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  }
  child.stdout?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    run.stdout += chunk
  })
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    run.stderr += chunk
  })
  return run
}

async function waitFor(what: string, found: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!found()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

const hasProc = existsSync('/proc/self/environ')

function measuring(marker: string): boolean {
  return processesOf(marker).some((p) => p.cmdline.includes('measure.js'))
}

function routerJson(run: Run): RouterFile {
  const file: unknown = JSON.parse(readFileSync(join(run.out, 'router.json'), 'utf8'))
  const errors = [...Value.Errors(RouterFile, file)].map((e) => `${e.instancePath} ${e.message}`)
  assert.deepEqual(errors, [], 'router.json must follow the documented schema')
  return file as RouterFile
}

describe('npm run bench:router', { concurrency: false }, () => {
  test('--quick on two routers and two tables writes a complete run that follows the schema', async () => {
    const routers = ['routebench', 'koa-tree-router']
    const tables = ['parse', 'generated-100']
    const run = benchRouter([
      '--quick',
      '--no-pin',
      '--json',
      '--seed',
      '7',
      '--routers',
      routers.join(','),
      '--tables',
      tables.join(','),
    ])
    assert.equal(await run.exit, 0, run.stderr)
    const file = routerJson(run)
    assert.deepEqual(JSON.parse(run.stdout), file, '--json prints router.json')

    assert.equal(file.meta.complete, true)
    assert.equal(file.meta.interrupted, false)
    assert.notEqual(file.meta.finishedAt, null)
    assert.equal(file.meta.placement, 'one process at a time, not pinned: --no-pin')
    assert.deepEqual(file.meta.options, {
      routers,
      tables,
      reference: 'routebench',
      rounds: 1,
      timeMs: 4,
      warmupMinMs: 20,
      warmupMaxMs: 20,
      builds: 1,
      profile: 'quick',
      pin: false,
      instructions: false,
      seed: 7,
    })
    assert.deepEqual(
      file.routers.map((r) => [r.name, Object.keys(r.packages), r.decodesParams]),
      [
        ['routebench', ['@routebench/router'], true],
        ['koa-tree-router', ['koa-tree-router'], false],
      ],
    )

    // The tables as the measuring processes saw them.
    const expectedTables = tables.map((name) => {
      const table = benchTable(name, 7)
      assert.ok(table !== null)
      return {
        name,
        kind: name === 'parse' ? 'standard' : 'generated',
        routes: table.routes.length,
        sets: table.sets.map((s) => ({
          name: s.name,
          description: s.description,
          lookups: s.lookups.length,
        })),
      }
    })
    assert.deepEqual(file.tables, expectedTables)
    assert.deepEqual(
      file.tables.map((t) => t.sets.map((s) => `${s.name} ${s.lookups}`)),
      [
        [
          'all 26',
          'static 1',
          'param 1',
          'params2 1',
          'miss 2',
          'trailing-slash 2',
          'random-hits 512',
          'random-misses 512',
          'random-mix 512',
        ],
        ['sample 64', 'miss 2'],
      ],
    )

    assert.deepEqual(
      file.results.map((r) => `${r.table} ${r.router} ${r.status} ${r.rounds.length}`),
      [
        'parse routebench measured 1',
        'parse koa-tree-router measured 1',
        'generated-100 routebench measured 1',
        'generated-100 koa-tree-router measured 1',
      ],
    )
    for (const r of file.results) {
      const what = `${r.router} on ${r.table}`
      const sets = file.tables.find((t) => t.name === r.table)?.sets.map((s) => s.name)
      const [round] = r.rounds
      assert.equal(round?.status, 'measured', what)
      assert.deepEqual(round?.wrong, [], what)
      assert.deepEqual(
        round?.sets.map((s) => s.name),
        sets,
        what,
      )
      assert.deepEqual(
        r.sets.map((s) => s.name),
        sets,
        what,
      )
      for (const s of r.sets) {
        assert.equal(s.valid, true, `${what}, ${s.name}`)
        assert.ok(s.nsPerLookup !== null && s.nsPerLookup.median > 0, `${what}, ${s.name}`)
        assert.ok(s.opsPerSec !== null && s.opsPerSec > 0, `${what}, ${s.name}`)
        if (r.router === 'routebench') assert.deepEqual(s.ratio, { median: 1, low: 1, high: 1 })
        else assert.ok(s.ratio !== null && s.ratio.median > 0, `${what}, ${s.name}`)
      }
      assert.ok(r.registrationMs !== null && r.registrationMs.median > 0, what)
      assert.ok(r.heapBytes !== null, what)
      assert.ok(r.warmupMs !== null && r.warmupMs >= 20, `${what}: warm-up ${r.warmupMs}`)
    }
    assert.deepEqual(file.instructions, [])

    const md = readFileSync(join(run.out, 'router.md'), 'utf8')
    assert.match(md, /^# Router benchmark\n/)
    assert.match(md, /\n\| `koa-tree-router` \| [^|]+ \([0-9.]+×\) \|\n/)
    assert.match(md, /\n## parse: 26 routes\n/)
    assert.match(md, /drawn from seed 7: `--seed 7` draws the same ones again\./)
    assert.match(md, /`koa-tree-router` give them as sent, not percent-decoded/)
    assert.match(
      md,
      /\n\| parse \| `random-mix` \| [^|]+ \| `koa-tree-router` [^|]+ \| [0-9.]+× \[[0-9.]+–[0-9.]+\] \|\n/,
    )
    assert.match(md, /\n\| ns per lookup \(sample\) \| 100 routes \|\n/)
    assert.match(readFileSync(join(run.out, 'router.svg'), 'utf8'), /^<svg/)
    assert.ok(existsSync(join(run.out, 'router.schema.json')))
    assert.ok(!existsSync(join(run.out, 'router-scaling.svg')), 'one size is no series')

    const lines = run.stderr.split('\n')
    assert.match(
      lines[0] ?? '',
      /^routebench router benchmark: 2 routers × 2 tables, 1 round, about \d+ s$/,
    )
    assert.match(lines[1] ?? '', /; one process at a time, not pinned: --no-pin$/)
    const progress = lines.flatMap((line) => {
      const m = /^\[(\d)\/4, ETA [^\]]+\] round 1 {2}(\S+) +(\S+) +(\w+) /.exec(line)
      return m === null ? [] : [`${m[1]} ${m[2]} ${m[3]} ${m[4]}`]
    })
    assert.deepEqual(progress, [
      '1 parse routebench all',
      '2 parse koa-tree-router all',
      '3 generated-100 routebench sample',
      '4 generated-100 koa-tree-router sample',
    ])
    assert.ok(
      run.stderr.endsWith(
        `wrote ${['router.json', 'router.md', 'router.svg', 'router.schema.json'].map((f) => join(run.out, f)).join(', ')}\n`,
      ),
      run.stderr,
    )
    if (hasProc) assert.deepEqual(processesOf(run.marker), [])
  })

  test('a bad option is a one-line error, then the usage, and exit code 2', async () => {
    const run = benchRouter(['--routers', 'nope'])
    assert.equal(await run.exit, 2)
    assert.equal(
      run.stderr,
      `bench:router: --routers: unknown router "nope" (known: ${ADAPTER_NAMES.join(', ')})\n${ROUTER_USAGE}\n`,
    )
    assert.equal(run.stdout, '')
    assert.deepEqual(readdirSync(run.out), [], 'nothing is written')
  })

  test('--help prints the usage on stdout', async () => {
    const run = benchRouter(['--help'])
    assert.equal(await run.exit, 0)
    assert.equal(run.stdout, `${ROUTER_USAGE}\n`)
    assert.deepEqual(readdirSync(run.out), [])
  })

  test('Ctrl-C stops the measuring process, keeps what was measured, and exits with 130', async () => {
    const run = benchRouter([
      '--quick',
      '--no-pin',
      '--routers',
      'routebench,koa-tree-router',
      '--tables',
      'static,github,parse,gplus',
      '--rounds',
      '5',
    ])
    await waitFor('the first result', () => /^\[1\/40, ETA/m.test(run.stderr))
    if (hasProc) await waitFor('a measuring process', () => measuring(run.marker))
    run.child.kill('SIGINT')
    const code = await run.exit
    assert.equal(code, 130, run.stderr)
    assert.match(run.stderr, /\nbench:router: stopping; keeping what was measured/)

    const file = routerJson(run)
    assert.equal(file.meta.interrupted, true)
    assert.equal(file.meta.complete, false)
    assert.notEqual(file.meta.finishedAt, null)
    const rounds = file.results.flatMap((r) => r.rounds)
    assert.ok(rounds.length >= 1 && rounds.length < 40, `${rounds.length} rounds recorded`)
    // the measurement cut short is not kept as a failure
    assert.deepEqual(
      rounds.filter((r) => r.status !== 'measured'),
      [],
    )
    assert.match(
      readFileSync(join(run.out, 'router.md'), 'utf8'),
      /\*\*Interrupted run: partial results\.\*\*/,
    )
    if (hasProc) assert.deepEqual(processesOf(run.marker), [])
  })

  test('a measuring process that dies is reported as a failed router, and exit code 1', {
    skip: !hasProc && 'needs /proc to find the measuring process',
  }, async () => {
    const run = benchRouter([
      ...['--quick', '--no-pin', '--routers', 'routebench', '--tables', 'github', '--rounds', '1'],
    ])
    await waitFor('a measuring process', () => measuring(run.marker))
    for (const p of processesOf(run.marker))
      if (p.cmdline.includes('measure.js')) process.kill(p.pid, 'SIGKILL')
    assert.equal(await run.exit, 1, run.stderr)
    assert.match(
      run.stderr,
      /bench:router: 1 measurement\(s\) failed: routebench on github: the measuring process was killed by SIGKILL/,
    )
    const file = routerJson(run)
    assert.deepEqual(
      file.results.map((r) => [r.router, r.table, r.status]),
      [['routebench', 'github', 'failed']],
    )
  })

  test('SIGKILL of the harness: the measuring process sees the pipe close and stops by itself', {
    skip: !hasProc && 'needs /proc to find the measuring process',
  }, async () => {
    // It used to run to its end, re-parented to PID 1, with no one to read its result; here a
    // process that would take half a minute (five seconds a lookup set).
    const run = benchRouter([
      ...['--no-pin', '--routers', 'routebench', '--tables', 'parse', '--rounds', '1'],
      ...['--time', '5000'],
    ])
    try {
      await waitFor('a measuring process', () => measuring(run.marker))
      run.child.kill('SIGKILL')
      await run.exit
    } finally {
      assert.deepEqual(await leftAfter(run.marker, 5000), [], 'still running 5 s later')
    }
  })
})
