import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import type { RegressFile } from '../result.js'
import { HEAD_ROOT } from '../trees.js'

/**
 * `npm run regress` for real: a git ref checked out into a worktree, installed from its lockfile,
 * built, measured side by side with this checkout, and removed. Nothing here depends on how fast
 * anything is: the verdict of a base against an unchanged head may be a pass or, on a busy
 * machine, inconclusive, never a regression or an error.
 */
const CLI = fileURLToPath(new URL('../cli.js', import.meta.url))

function regress(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk
    })
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk
    })
    child.once('close', (code) => resolve({ code, stdout, stderr }))
  })
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
    assert.ok(run.code === 0 || run.code === 2, `exit ${run.code}\n${run.stderr}`)
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
      '--out',
      out,
    ])
    const file = JSON.parse(readFileSync(join(out, 'regress.json'), 'utf8')) as RegressFile
    assert.deepEqual(file.errors, [], run.stderr)
    assert.deepEqual(
      file.rows.map((r) => [r.tier, r.name, r.metric, r.rounds.length]),
      [
        ['http', 'trie plaintext', 'req/s', 3],
        ['http', 'trie not-found', 'req/s', 3],
      ],
    )
    for (const row of file.rows) assert.ok(row.base !== null && row.base > 0 && row.head !== null)
    assert.match(file.meta.placement, /server|not pinned/)
    assert.doesNotMatch(file.meta.placement, /router processes/)
    // The same build on both sides: a regression here would be a false alarm.
    assert.notEqual(file.verdict, 'regression')
    assert.ok(run.code === 0 || run.code === 2, `exit ${run.code}`)
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
    test(`${name} is a one-line error and exit code 3`, async () => {
      const run = await regress(args)
      assert.equal(run.code, 3)
      assert.match(run.stderr, message)
    })
  }

  test('an unknown ref is an error (exit 3) that says how to fix it', {
    skip: !inGit && 'not a git checkout',
  }, async () => {
    const out = mkdtempSync(join(tmpdir(), 'routebench-regress-'))
    const run = await regress(['--base', 'no-such-ref-anywhere', '--out', out])
    assert.equal(run.code, 3, run.stderr)
    assert.match(run.stdout, /error: unknown git ref "no-such-ref-anywhere"/)
    const file = JSON.parse(readFileSync(join(out, 'regress.json'), 'utf8')) as RegressFile
    assert.equal(file.verdict, 'error')
  })
})
