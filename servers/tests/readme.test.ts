import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { findRuntime, RUNTIME_LABELS, type RuntimeName } from '@routebench/fixtures'
import { installedVersion } from '../../bench/lib/installed-version.js'
import { README } from '../../bench/lib/paths.js'
import { runtimesOf, SERVER_NAMES } from '../index.js'
import { availableServers } from './available.js'

/** The body rows of the table that follows `## Servers`, cells trimmed and without backticks. */
function serverTable(): string[][] {
  const text = readFileSync(README, 'utf8')
  const lines = text.slice(text.indexOf('\n## Servers\n')).split('\n')
  const start = lines.findIndex((line) => line.startsWith('|'))
  const end = lines.findIndex((line, i) => i > start && !line.startsWith('|'))
  return lines
    .slice(start + 2, end) // after the header and the separator
    .map((line) =>
      line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim().replaceAll('`', '')),
    )
}

interface Described {
  readonly style: string
  readonly packages: readonly string[]
}

/** The style and packages of a server that runs on another runtime, read in a process of it. */
function describeOn(runtime: RuntimeName, name: string): Described | string {
  const lookup = findRuntime(runtime)
  if (!lookup.available) return `${RUNTIME_LABELS[runtime]} is unavailable: ${lookup.reason}`
  const script = fileURLToPath(new URL('../describe.js', import.meta.url))
  const { command, args, env } = lookup.runtime
  const run = spawnSync(command, [...args, script, name], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  assert.equal(run.status, 0, run.stderr)
  return JSON.parse(run.stdout) as Described
}

test("each row of README's server table gives the server's style, runtimes and packages as installed", async (t) => {
  const servers = new Map((await availableServers()).map((s) => [s.name, s.definition]))
  const rows = serverTable()
  assert.ok(rows.length > 0, 'README has no table under ## Servers')
  assert.deepEqual(
    rows.map(([name]) => name),
    SERVER_NAMES,
    'the table lists every server of servers/index.ts, in its order',
  )
  for (const [name = '', ...cells] of rows) {
    const runtimes = runtimesOf(name)
    let described: Described | string | null | undefined = servers.get(name)
    if (!runtimes.includes('node')) described = describeOn(runtimes[0] as RuntimeName, name)
    if (described === null || described === undefined) continue // cannot load here
    if (typeof described === 'string') {
      t.diagnostic(`${name} not checked: ${described}`)
      continue
    }
    const packages = described.packages.map((p) => `${p} ${installedVersion(p)}`).join(', ')
    const on = runtimes.map((r) => RUNTIME_LABELS[r]).join(', ')
    assert.deepEqual(cells, [described.style, on, packages || 'node:http only'], `row of ${name}`)
  }
})
