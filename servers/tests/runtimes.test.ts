import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { after, describe, test } from 'node:test'
import {
  currentRuntime,
  findRuntime,
  isRuntimeName,
  RUNTIME_LABELS,
  RUNTIME_NAMES,
  type RuntimeLookup,
} from '@routebench/fixtures'
import { runServe, runServeOn } from './serve-process.js'

test('the runtimes are Node.js, Bun and Deno, and this is Node.js', () => {
  assert.deepEqual(RUNTIME_NAMES, ['node', 'bun', 'deno'])
  assert.deepEqual(Object.values(RUNTIME_LABELS), ['Node.js', 'Bun', 'Deno'])
  assert.ok(isRuntimeName('deno') && !isRuntimeName('workerd') && !isRuntimeName('toString'))
  assert.equal(currentRuntime(), 'node')
})

test('Node.js is the binary running this process', () => {
  assert.deepEqual(findRuntime('node'), {
    available: true,
    runtime: {
      name: 'node',
      command: process.execPath,
      args: [],
      env: {},
      version: process.versions.node,
    },
  })
})

/** A file in the fake checkout; `script` makes it an executable shell script. */
interface FakeFile {
  readonly path: string
  readonly text: string
  readonly script?: boolean
}

const manifest = (name: string, platforms: string[]): FakeFile => ({
  path: `${name}/package.json`,
  text: JSON.stringify({
    name,
    optionalDependencies: Object.fromEntries(platforms.map((p) => [p, '1.0.0'])),
  }),
})
const platform = (name: string, binary: string, text: string): FakeFile[] => [
  { path: `${name}/package.json`, text: JSON.stringify({ name }) },
  { path: `${name}/${binary}`, text, script: true },
]
const prints = (out: string) => `#!/bin/sh\necho '${out}'\n`
const BUN_PLATFORMS = ['@oven/bun-linux-x64', '@oven/bun-linux-x64-musl']

interface AvailabilityCase {
  readonly name: string
  readonly runtime: 'bun' | 'deno'
  readonly files: readonly FakeFile[]
  /** The binary taken, relative to node_modules, and its version; or the reason it is not. */
  readonly expected: { command: string; version: string } | RegExp
}

const cases: AvailabilityCase[] = [
  {
    name: 'not installed: unavailable, and says why npm may have skipped it',
    runtime: 'bun',
    files: [],
    expected:
      /^the npm package "bun" is not installed: it is an optional dependency, which npm skips on a platform it has no binary for/,
  },
  {
    name: 'installed with its install script: the binary it put in the package',
    runtime: 'bun',
    files: [
      manifest('bun', BUN_PLATFORMS),
      { path: 'bun/bin/bun.exe', text: prints('1.2.3'), script: true },
    ],
    expected: { command: 'bun/bin/bun.exe', version: '1.2.3' },
  },
  {
    name: "installed without its install script: the placeholder is passed over for the platform package's binary",
    runtime: 'bun',
    files: [
      manifest('bun', BUN_PLATFORMS),
      { path: 'bun/bin/bun.exe', text: 'a placeholder, replaced by the install script\n' },
      ...platform('@oven/bun-linux-x64', 'bin/bun', prints('1.2.4')),
    ],
    expected: { command: '@oven/bun-linux-x64/bin/bun', version: '1.2.4' },
  },
  {
    name: 'installed, but without a platform package for this platform: unavailable',
    runtime: 'bun',
    files: [manifest('bun', BUN_PLATFORMS)],
    expected: /^the npm package "bun" has no binary for \w+ \w+: none of its platform packages/,
  },
  {
    name: 'a binary that does not start: unavailable, with what it said',
    runtime: 'deno',
    files: [
      manifest('deno', []),
      { path: 'deno/deno', text: '#!/bin/sh\necho "cannot run here" >&2\nexit 3\n', script: true },
    ],
    expected:
      /^no binary of the npm package "deno" starts here \(.*deno\/deno --version: exit code 3: cannot run here\)$/,
  },
  {
    name: 'Deno: its version from the first line of --version',
    runtime: 'deno',
    files: [
      manifest('deno', ['@deno/linux-x64-glibc']),
      ...platform('@deno/linux-x64-glibc', 'deno', prints('deno 2.0.1 (stable)\nv8 13.0')),
    ],
    expected: { command: '@deno/linux-x64-glibc/deno', version: '2.0.1' },
  },
]

describe('Bun and Deno are found in their npm packages, or are unavailable with the reason', () => {
  const root = mkdtempSync(join(tmpdir(), 'routebench-runtimes-'))
  after(() => rmSync(root, { recursive: true, force: true }))
  for (const [i, c] of cases.entries()) {
    test(c.name, () => {
      const from = join(root, String(i))
      for (const file of c.files) {
        const path = join(from, 'node_modules', file.path)
        mkdirSync(dirname(path), { recursive: true })
        writeFileSync(path, file.text)
        if (file.script === true) chmodSync(path, 0o755)
      }
      const lookup: RuntimeLookup = findRuntime(c.runtime, { from })
      if (c.expected instanceof RegExp) {
        assert.equal(lookup.available, false)
        assert.match(lookup.available ? '' : lookup.reason, c.expected)
        return
      }
      assert.ok(lookup.available, lookup.available ? '' : lookup.reason)
      assert.equal(lookup.runtime.command, join(from, 'node_modules', c.expected.command))
      assert.equal(lookup.runtime.version, c.expected.version)
    })
  }

  test('Deno runs a script with every permission, no lock file and no update check', () => {
    const from = join(root, String(cases.length - 1))
    const lookup = findRuntime('deno', { from })
    assert.ok(lookup.available)
    assert.deepEqual(lookup.runtime.args, ['run', '-A', '--no-lock'])
    assert.deepEqual(lookup.runtime.env, { DENO_NO_UPDATE_CHECK: '1' })
  })
})

// Where they are installed, each knows itself as the registry does.
for (const name of ['bun', 'deno'] as const) {
  const lookup = findRuntime(name)
  const skip = lookup.available ? false : `${RUNTIME_LABELS[name]} is unavailable: ${lookup.reason}`
  test(`${RUNTIME_LABELS[name]}, where installed, is its own binary and knows itself`, {
    skip,
  }, () => {
    if (!lookup.available) return
    // A binary, not a script that would start the runtime in a child process of its own.
    const head = spawnSync('head', ['-c', '4', lookup.runtime.command], { encoding: 'latin1' })
    assert.equal(head.stdout, '\x7fELF')
    const fixtures = import.meta.resolve('@routebench/fixtures')
    const script = join(mkdtempSync(join(tmpdir(), 'routebench-runtime-')), 'which.mjs')
    writeFileSync(
      script,
      `import { currentRuntime } from ${JSON.stringify(fixtures)}\nconsole.log(currentRuntime())\n`,
    )
    const run = spawnSync(lookup.runtime.command, [...lookup.runtime.args, script], {
      encoding: 'utf8',
      env: { ...process.env, ...lookup.runtime.env },
    })
    rmSync(dirname(script), { recursive: true, force: true })
    assert.equal(run.status, 0, run.stderr)
    assert.equal(run.stdout, `${name}\n`)
  })
}

test('serve refuses a server of another runtime: one line, exit code 1', async () => {
  const result = await runServe(['hono-bun'])
  assert.deepEqual(
    [result.code, result.stdout, result.stderr],
    [1, '', 'serve: server "hono-bun" runs on Bun only, and this is Node.js\n'],
  )
})

// serve behaves on Bun and Deno as on Node.js: a mistake of the same kind is the same line.
for (const [name, native, other] of [
  ['bun', 'trie-bun', 'hono-deno'],
  ['deno', 'trie-deno', 'uws'],
] as const) {
  const lookup = findRuntime(name)
  const skip = lookup.available ? false : `${RUNTIME_LABELS[name]} is unavailable: ${lookup.reason}`
  describe(`serve on ${RUNTIME_LABELS[name]}`, { skip }, () => {
    if (!lookup.available) return
    test(`${native} on a busy port: one line, exit code 1`, async () => {
      const holder = createServer()
      await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve))
      const { port } = holder.address() as { port: number }
      try {
        const result = await runServeOn(lookup.runtime, [native, '--port', String(port)])
        assert.deepEqual(
          [result.code, result.stdout, result.stderr],
          [
            1,
            '',
            `serve: cannot listen on 127.0.0.1:${port}: the port is in use; stop what holds it or pick another\n`,
          ],
        )
      } finally {
        holder.close()
      }
    })

    test(`${other}, of another runtime: one line, exit code 1`, async () => {
      const result = await runServeOn(lookup.runtime, [other])
      const where = other === 'uws' ? 'Node.js' : 'Deno'
      assert.deepEqual(
        [result.code, result.stdout, result.stderr],
        [
          1,
          '',
          `serve: server "${other}" runs on ${where} only, and this is ${RUNTIME_LABELS[name]}\n`,
        ],
      )
    })
  })
}
