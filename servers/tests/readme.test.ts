import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { test } from 'node:test'
import { installedVersion } from '../../bench/lib/installed-version.js'
import { README } from '../../bench/lib/paths.js'
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

test("each row of README's server table gives the server's style and packages as installed", async () => {
  const servers = new Map((await availableServers()).map((s) => [s.name, s.definition]))
  const rows = serverTable()
  assert.ok(rows.length > 0, 'README has no table under ## Servers')
  for (const [name = '', ...cells] of rows) {
    assert.ok(servers.has(name), `README lists ${name}, which is not in servers/index.ts`)
    const definition = servers.get(name)
    if (definition === null || definition === undefined) continue // cannot load here
    const packages = definition.packages.map((p) => `${p} ${installedVersion(p)}`).join(', ')
    assert.deepEqual(cells, [definition.style, packages || 'node:http only'], `row of ${name}`)
  }
})
