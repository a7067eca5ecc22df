import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { CannotRunError } from '../command.js'
import { checkOutputFile, checkOutputFolder } from '../output-place.js'
import { writeAtomic } from '../report/write.js'

/**
 * Where a command writes is checked before it does any work. A path under /proc made `bench`,
 * `bench:router` and `compare` spin for ever, deaf to Ctrl-C and SIGTERM (Node.js 20's recursive
 * mkdir loops on procfs); any other place that cannot be written ended a run with a stack trace,
 * after its banner. Now each is one line and exit code 2, at once.
 */

const dir = mkdtempSync(join(tmpdir(), 'routebench-output-place-'))
after(() => rmSync(dir, { recursive: true, force: true }))
const aFile = join(dir, 'a-file')
writeFileSync(aFile, 'x')

const hasProc = existsSync('/proc/self')
const hasSys = existsSync('/sys/kernel')
const noProc = !hasProc && 'needs /proc'

async function refusal(check: Promise<void>): Promise<string> {
  try {
    await check
  } catch (error) {
    assert.ok(error instanceof CannotRunError, String(error))
    assert.doesNotMatch(error.message, /\n/)
    return error.message
  }
  assert.fail('the place was accepted')
}

describe('checkOutputFolder', () => {
  const refused: [string, string, RegExp, string | false][] = [
    [
      'a new folder under /proc',
      '/proc/routebench-test',
      /^--out \/proc\/routebench-test: cannot create the folder \/proc\/routebench-test \(ENOENT: [^)]+\); give --out a folder you can write to$/,
      noProc,
    ],
    [
      'a deeper one',
      '/proc/routebench-test/a/b',
      /: cannot create the folder \/proc\/routebench-test \(/,
      noProc,
    ],
    ['a folder of procfs', '/proc/self', /: cannot write in \/proc\/self \(/, noProc],
    [
      'a new folder under /sys',
      '/sys/routebench-test',
      /: cannot create the folder \/sys\/routebench-test \(/,
      !hasSys && 'needs /sys',
    ],
    ['a file', aFile, /: .*a-file is a file, not a folder; give --out a folder/, false],
    ['a file on the way', join(aFile, 'x'), /a-file is a file, not a folder/, false],
  ]
  for (const [what, place, message, skip] of refused) {
    test(`refuses ${what} in one line`, { skip }, async () => {
      assert.match(await refusal(checkOutputFolder('--out', place)), message)
    })
  }

  test('makes a new folder and its parents, and leaves nothing in it', async () => {
    const place = join(dir, 'new', 'deeper')
    await checkOutputFolder('--out', place)
    assert.deepEqual(readdirSync(place), [])
  })
})

describe('checkOutputFile', () => {
  const refused: [string, string, RegExp, string | false][] = [
    [
      'a folder',
      dir,
      /^--out .+: is a folder; give --out the name of a file in a folder you can write to$/,
      false,
    ],
    ['a device', '/dev/null', /^--out \/dev\/null: is not a regular file; /, false],
    [
      'a file under /proc',
      '/proc/routebench-test/out.md',
      /: cannot create the folder \/proc\/routebench-test \(/,
      noProc,
    ],
    ['a file in a file', join(aFile, 'out.md'), /a-file is a file, not a folder/, false],
  ]
  for (const [what, place, message, skip] of refused) {
    test(`refuses ${what} in one line`, { skip }, async () => {
      assert.match(await refusal(checkOutputFile('--out', place)), message)
    })
  }

  test('accepts a new file in a new folder, and an existing file; leaves nothing behind', async () => {
    const folder = join(dir, 'files')
    await checkOutputFile('--out', join(folder, 'out.md'))
    assert.deepEqual(readdirSync(folder), [])
    await checkOutputFile('--out', aFile)
  })
})

describe('writeAtomic', () => {
  test('keeps its temporary file in the folder of the file it writes', () => {
    const folder = join(dir, 'atomic')
    mkdirSync(folder)
    writeAtomic(join(folder, 'a.json'), '{}')
    assert.deepEqual(readdirSync(folder), ['a.json'])
    // A folder in the way: the rename fails, and the temporary file is removed.
    mkdirSync(join(folder, 'b.json'))
    assert.throws(() => writeAtomic(join(folder, 'b.json'), '{}'))
    assert.deepEqual(readdirSync(folder).sort(), ['a.json', 'b.json'])
  })

  test('fails at once under /proc', { skip: noProc }, () => {
    // In a process of its own, so that a loop would fail this test rather than hang the suite.
    const write = new URL('../report/write.js', import.meta.url).href
    const script = `import(${JSON.stringify(write)}).then((m) => m.writeAtomic('/proc/routebench-test/a.json', '{}'))`
    const done = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 20_000 })
    assert.equal(done.signal, null, 'writeAtomic did not return within 20 s')
    assert.match(done.stderr, /ENOENT/)
  })
})

const command = (path: string) => fileURLToPath(new URL(`../../${path}`, import.meta.url))
const COMMANDS: [string, string, string[]][] = [
  ['bench', command('http/cli.js'), ['--servers', 'trie', '--quick']],
  ['bench:router', command('router/cli.js'), ['--quick']],
  // A base that is not a checkout: nothing to build even if the place were not checked first.
  ['regress', command('regress/cli.js'), ['--base-dir', join(dir, 'no-checkout')]],
  // Files that do not exist: the place is checked before they are read.
  ['compare', command('compare/cli.js'), [join(dir, 'no-base.json'), join(dir, 'no-head.json')]],
]

/** Runs a command to its end, or kills it after `ms`. */
function run(cli: string, args: string[], ms = 20_000) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'pipe', 'pipe'] })
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (s: string) => {
      stdout += s
    })
    child.stderr.setEncoding('utf8').on('data', (s: string) => {
      stderr += s
    })
    const timer = setTimeout(() => child.kill('SIGKILL'), ms)
    child.once('close', (code) => {
      clearTimeout(timer)
      resolve({ code, stdout, stderr })
    })
  })
}

describe('every command checks --out before it starts', () => {
  const places: [string, string, string | false][] = [
    ['under /proc', '/proc/routebench-test/results', noProc],
    ['under a file', join(aFile, 'results'), false],
  ]
  for (const [name, cli, args] of COMMANDS) {
    for (const [what, place, skip] of places) {
      const out = name === 'compare' ? join(place, 'comparison.md') : place
      test(`${name} --out ${what}: one line, exit code 2, nothing started`, { skip }, async () => {
        const done = await run(cli, [...args, '--out', out])
        assert.equal(done.code, 2, `exit code (null: killed after 20 s)\n${done.stderr}`)
        assert.equal(done.stdout, '')
        assert.match(
          done.stderr,
          new RegExp(`^${name}: --out ${out}: [^\\n]+; give --out [^\\n]+\\n$`),
        )
      })
    }
  }
})
