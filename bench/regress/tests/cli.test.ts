import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { processesOf } from '../../lib/tests/processes.js'
import type { RegressFile } from '../result.js'
import { HEAD_ROOT } from '../trees.js'

/**
 * `npm run regress` for real: a git ref checked out into a worktree, installed from its lockfile,
 * built, measured side by side with this checkout, and removed. Nothing here depends on how fast
 * anything is: the verdict of a base against an unchanged head may be a pass or, on a busy
 * machine, inconclusive, never a regression or an error.
 */
const CLI = fileURLToPath(new URL('../cli.js', import.meta.url))
const SLOW = new URL('./fixtures/slow-router.js', import.meta.url)

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function regress(
  args: string[],
  { cli = CLI, env = {}, onStderr = () => {} }: RunOptions = {},
): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...env },
    })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
      onStderr(stderr, child.pid as number)
    })
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
}

interface RunOptions {
  /** Another build of this CLI (a checkout made by `slowCheckout`). */
  readonly cli?: string
  readonly env?: Record<string, string>
  /** Called with all of stderr so far, and the pid, on every write. */
  readonly onStderr?: (stderr: string, pid: number) => void
}

/**
 * A checkout whose router is the slow fixture: this checkout's build copied, its dependencies
 * linked, and `router/dist/index.js` re-exporting the fixture. As the head of `npm run regress`, it
 * is slower than this checkout by the fraction in ROUTEBENCH_TEST_SLOWDOWN.
 */
function slowCheckout(): string {
  const dir = mkdtempSync(join(tmpdir(), 'routebench-slow-head-'))
  cpSync(join(HEAD_ROOT, 'dist'), join(dir, 'dist'), { recursive: true })
  cpSync(join(HEAD_ROOT, 'package.json'), join(dir, 'package.json'))
  symlinkSync(join(HEAD_ROOT, 'node_modules'), join(dir, 'node_modules'))
  mkdirSync(join(dir, 'router', 'dist'), { recursive: true })
  writeFileSync(
    join(dir, 'router', 'dist', 'index.js'),
    `export * from ${JSON.stringify(pathToFileURL(fileURLToPath(SLOW)).href)}\n`,
  )
  return dir
}

function worktrees(): string {
  return spawnSync('git', ['worktree', 'list'], { cwd: HEAD_ROOT, encoding: 'utf8' }).stdout
}

const inGit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: HEAD_ROOT }).status === 0

describe('npm run regress', { concurrency: false }, () => {
  test('--base HEAD: worktree, install, build, side by side, cleaned up', {
    skip: !inGit && 'not a git checkout',
    timeout: 240_000,
  }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'routebench-regress-'))
    const run = await regress([
      '--base',
      'HEAD',
      '--tier',
      'router',
      '--tables',
      'router-benchmark',
      '--rounds',
      '3',
      // No growth while inconclusive: this test is about the worktree; growth has unit tests.
      '--max-rounds',
      '3',
      '--out',
      out,
    ])
    assert.ok(run.code === 0 || run.code === 3, `exit ${run.code}\n${run.stderr}`)
    const file = JSON.parse(readFileSync(join(out, 'regress.json'), 'utf8')) as RegressFile
    assert.equal(file.kind, 'regress')
    assert.deepEqual(file.errors, [])
    assert.deepEqual(
      file.rows.map((r) => [r.tier, r.name, r.rounds.length]),
      [['router', 'router-benchmark', 3]],
    )
    assert.ok(['pass', 'inconclusive'].includes(file.verdict), file.rows[0]?.reason)
    // Where the router's processes ran, and no load generator: none ran.
    assert.match(file.meta.placement, /^router processes/)
    assert.doesNotMatch(file.meta.placement, /autocannon|load generator/)
    assert.equal(readFileSync(join(out, 'regress.md'), 'utf8'), run.stdout)
    assert.match(run.stdout, /^<!-- routebench-regress -->\n### Performance check: /)
    assert.match(run.stderr, /regress: npm ci in the base worktree/)
    assert.doesNotMatch(worktrees(), /routebench-base-/)
  })

  test('the HTTP tier: three builds of a server side by side, every scenario decided', {
    timeout: 120_000,
  }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'routebench-regress-'))
    const run = await regress([
      '--base-dir',
      HEAD_ROOT,
      '--tier',
      'http',
      '--servers',
      'trie',
      '--scenarios',
      'plaintext,not-found',
      '--rounds',
      '3',
      '--duration',
      '0.3',
      '--warmup',
      '0.5',
      '--out',
      out,
    ])
    const file = JSON.parse(readFileSync(join(out, 'regress.json'), 'utf8')) as RegressFile
    assert.deepEqual(file.errors, [], run.stderr)
    // the servers' CPU per request where /proc can tell it, else their speed
    const metric = existsSync('/proc/self/schedstat') ? 'CPU µs/req' : 's/req'
    assert.deepEqual(
      file.rows.map((r) => [r.tier, r.name, r.metric, r.rounds.length]),
      [
        ['http', 'trie plaintext', metric, 3],
        ['http', 'trie not-found', metric, 3],
      ],
    )
    for (const row of file.rows) assert.ok(row.base !== null && row.base > 0 && row.head !== null)
    assert.match(file.meta.placement, /server|not pinned/)
    assert.doesNotMatch(file.meta.placement, /router processes/)
    // The same build on both sides: a regression here would be a false alarm.
    assert.notEqual(file.verdict, 'regression')
    assert.ok(run.code === 0 || run.code === 3, `exit ${run.code}`)
  })

  test('a slower head is a regression: exit code 1', { timeout: 180_000 }, async () => {
    const head = slowCheckout()
    const out = mkdtempSync(join(tmpdir(), 'routebench-regress-'))
    const run = await regress(
      [
        ...['--base-dir', HEAD_ROOT, '--tier', 'router', '--tables', 'router-benchmark'],
        ...['--rounds', '3', '--max-rounds', '3', '--out', out],
      ],
      {
        cli: join(head, 'dist', 'bench', 'regress', 'cli.js'),
        env: { ROUTEBENCH_TEST_SLOWDOWN: '0.5' },
      },
    )
    const file = JSON.parse(readFileSync(join(out, 'regress.json'), 'utf8')) as RegressFile
    assert.equal(file.verdict, 'regression', run.stdout)
    assert.equal(run.code, 1, run.stderr)
  })

  test('Ctrl-C removes every process it started, and exits with 130', {
    timeout: 60_000,
  }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'routebench-regress-'))
    const marker = `regress-interrupt-${process.pid}`
    let sent = false
    const run = await regress(
      [
        ...['--base-dir', HEAD_ROOT, '--tier', 'router', '--tables', 'router-benchmark'],
        ...['--rounds', '3', '--out', out],
      ],
      {
        env: { ROUTEBENCH_TEST_RUN: marker },
        onStderr: (stderr, pid) => {
          if (sent || !/regress: router: router-benchmark/.test(stderr)) return
          sent = true
          // Once its measuring process has started.
          setTimeout(() => process.kill(pid, 'SIGINT'), 500)
        },
      },
    )
    assert.equal(run.code, 130, run.stderr)
    assert.match(run.stderr, /regress: stopping: removing the worktree and every process/)
    const file = JSON.parse(readFileSync(join(out, 'regress.json'), 'utf8')) as RegressFile
    assert.ok(file.errors.includes('interrupted'), file.errors.join('; '))
    assert.deepEqual(processesOf(marker), [])
  })

  const mistakes: [string, string[], RegExp][] = [
    [
      'no base',
      ['--tier', 'router'],
      /^regress: give the base to compare with: --base <git-ref> or --base-dir <dir>\nusage:/,
    ],
    [
      'an unknown table',
      ['--base', 'HEAD', '--tables', 'nope'],
      /^regress: --tables: unknown name "nope"/,
    ],
    [
      'a bad threshold',
      ['--base', 'HEAD', '--router-threshold', 'x'],
      /^regress: --router-threshold must be a number from 0\.01 to 100, got "x"/,
    ],
    [
      'a --max-rounds below --rounds',
      ['--base', 'HEAD', '--rounds', '10', '--max-rounds', '6'],
      /^regress: --max-rounds must be a whole number from 10 to 1000, got "6"/,
    ],
  ]
  for (const [name, args, message] of mistakes) {
    test(`${name} is a one-line error, then the usage, and exit code 2`, async () => {
      const run = await regress(args)
      assert.equal(run.code, 2)
      assert.match(run.stderr, message)
    })
  }

  test('an unknown ref is an error (exit 2) that says how to fix it', {
    skip: !inGit && 'not a git checkout',
  }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'routebench-regress-'))
    const run = await regress(['--base', 'no-such-ref-anywhere', '--out', out])
    assert.equal(run.code, 2, run.stderr)
    assert.match(run.stdout, /error: unknown git ref "no-such-ref-anywhere"/)
    const file = JSON.parse(readFileSync(join(out, 'regress.json'), 'utf8')) as RegressFile
    assert.equal(file.verdict, 'error')
  })
})
