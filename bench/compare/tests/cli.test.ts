import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { routerFixture } from '../../router/tests/fixture.js'
import { COMPARE_USAGE } from '../options.js'
import { httpFile, noisy, scaled } from './files.js'

/** `npm run compare` run as a process: its exit codes, stdout and stderr. */

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url))
const dir = mkdtempSync(join(tmpdir(), 'routebench-compare-cli-'))
after(() => rmSync(dir, { recursive: true, force: true }))

function write(name: string, content: unknown): string {
  const path = join(dir, name)
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content))
  return path
}

function run(...args: string[]) {
  const done = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' })
  return { code: done.status, stdout: done.stdout, stderr: done.stderr }
}

const base = write('base.json', httpFile({ 'fastify json': noisy(50_000, 8, 1) }))
const head = write('head.json', httpFile({ 'fastify json': scaled(noisy(50_000, 8, 2), 0.8) }))
const router = write('router.json', routerFixture())
const slowHttp = httpFile({ 'fastify json': noisy(50_000, 8, 1) })
slowHttp.meta.options.connections = 10
const fewConnections = write('few-connections.json', slowHttp)

describe('npm run compare', () => {
  test('two files: Markdown on stdout, exit code 0', () => {
    const { code, stdout, stderr } = run(base, head)
    assert.equal(code, 0, stderr)
    assert.equal(stderr, '')
    assert.match(stdout, /^# Comparison of HTTP results \(npm run bench\)\n/)
    assert.match(stdout, /\n\| `fastify` \| json \| .+ \| -2\d\.\d% \[.+\] \| .+ \| worse \|\n/)
  })

  test('the output is the same on every run: the bootstrap is seeded', () => {
    assert.equal(run(base, head).stdout, run(base, head).stdout)
  })

  test('--json prints the JSON document instead', () => {
    const { code, stdout } = run(base, head, '--json')
    assert.equal(code, 0)
    const json = JSON.parse(stdout)
    assert.equal(json.rows[0].name, 'fastify json')
    assert.equal(json.rows[0].verdict, 'worse')
  })

  test('--out and --github-action-benchmark write files as well', () => {
    const out = join(dir, 'summary.md')
    const benchmark = join(dir, 'benchmark.json')
    const { code, stdout, stderr } = run(
      base,
      head,
      '--out',
      out,
      '--github-action-benchmark',
      benchmark,
    )
    assert.equal(code, 0, stderr)
    assert.equal(readFileSync(out, 'utf8'), stdout)
    const entries = JSON.parse(readFileSync(benchmark, 'utf8'))
    assert.deepEqual(
      entries.map((e: { name: string; unit: string }) => [e.name, e.unit]),
      [['fastify json', 'req/s']],
    )
    assert.equal(
      stderr,
      `wrote ${benchmark} for github-action-benchmark (tool: customBiggerIsBetter)\n`,
    )
  })

  test('--out naming a folder: one line, exit code 2, and no file left next to it', () => {
    // `compare --out /tmp` left a stray /tmp.<pid>.tmp at /: the temporary file was written
    // beside the folder, and the rename onto the folder failed.
    const parent = mkdtempSync(join(dir, 'parent-'))
    const folder = join(parent, 'summary')
    mkdirSync(folder)
    const { code, stdout, stderr } = run(base, head, '--out', folder)
    assert.equal(code, 2)
    assert.equal(stdout, '')
    assert.equal(
      stderr,
      `compare: --out ${folder}: is a folder; give --out the name of a file in a folder you can write to\n`,
    )
    assert.deepEqual(readdirSync(parent), ['summary'])
    assert.deepEqual(readdirSync(folder), [])
  })

  test('--force compares different methods, and says so', () => {
    const { code, stdout } = run(base, fewConnections, '--force')
    assert.equal(code, 0)
    assert.match(
      stdout,
      /⚠ Compared with --force although measured differently \(base vs head: connections 100 vs 10\)/,
    )
  })

  test('--help prints the usage, exit code 0', () => {
    const { code, stdout } = run('--help')
    assert.equal(code, 0)
    assert.equal(stdout, `${COMPARE_USAGE}\n`)
  })

  const badLines: [string, string[], string][] = [
    ['no files', [], 'compare needs two files, base then head; got none'],
    ['one file', ['a.json'], 'compare needs two files, base then head; got "a.json"'],
    [
      'three files',
      ['a.json', 'b.json', 'c.json'],
      'compare needs two files, base then head; got "a.json", "b.json", "c.json"',
    ],
    ['an unknown option', ['a.json', 'b.json', '--paired'], "Unknown option '--paired'"],
    [
      'an alpha out of range',
      ['a.json', 'b.json', '--alpha', '5'],
      '--alpha must be a number between 0 and 1, such as 0.01, got "5"',
    ],
    ['an empty --out', ['a.json', 'b.json', '--out', ''], '--out needs a file name'],
  ]
  for (const [name, args, message] of badLines) {
    test(`a bad command line (${name}): one line and the usage on stderr, exit code 2`, () => {
      const { code, stdout, stderr } = run(...args)
      assert.equal(code, 2)
      assert.equal(stdout, '')
      assert.ok(stderr.startsWith(`compare: ${message}`), stderr)
      assert.ok(stderr.endsWith(`\n${COMPARE_USAGE}\n`))
    })
  }

  const refusals: [string, string[], RegExp][] = [
    [
      'a missing file',
      [base, join(dir, 'none.json')],
      /none\.json: cannot read it \(no such file\)$/,
    ],
    ['a file that is not JSON', [base, write('broken.json', '{"kind"')], /broken\.json: not JSON/],
    ['files of different kinds', [base, router], /^compare: cannot compare an HTTP results file/],
    [
      'files measured differently',
      [base, fewConnections],
      /measured differently \(base vs head: connections 100 vs 10\).+or pass --force to compare anyway$/,
    ],
  ]
  for (const [name, args, pattern] of refusals) {
    test(`${name}: one line on stderr, exit code 2`, () => {
      const { code, stdout, stderr } = run(...args)
      assert.equal(code, 2)
      assert.equal(stdout, '')
      assert.equal(stderr.split('\n').length, 2, stderr)
      assert.match(stderr.trimEnd(), pattern)
    })
  }
})
