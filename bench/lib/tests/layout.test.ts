import assert from 'node:assert/strict'
import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, normalize, relative } from 'node:path'
import { describe, test } from 'node:test'
import { ROOT } from '../paths.js'

/**
 * The folders of the project and what each may import: dependencies run one way, so that no folder
 * imports a folder that imports it back, and the router package imports nothing of the project.
 * A new import against this order fails here; change the order only on purpose (and README's
 * "What's inside" with it).
 */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  fixtures: [],
  'router/src': [],
  'router/tests': ['router/src', 'fixtures'],
  servers: ['fixtures', 'router/src', 'bench/lib'],
  'bench/lib': ['fixtures'],
  'bench/http': ['bench/lib', 'fixtures', 'servers'],
  'bench/router': ['bench/lib', 'fixtures', 'router/src'],
  'bench/compare': ['bench/lib', 'bench/http', 'bench/router', 'fixtures'],
  'bench/regress': ['bench/lib', 'bench/http', 'bench/router', 'fixtures', 'router/src', 'servers'],
}
const FOLDERS = Object.keys(ALLOWED).sort((a, b) => b.length - a.length)
const PACKAGES: Readonly<Record<string, string>> = {
  '@routebench/router': 'router/src',
  '@routebench/fixtures': 'fixtures',
}

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return entry.name === 'dist' ? [] : sources(path)
    return entry.name.endsWith('.ts') ? [path] : []
  })
}

function folderOf(path: string): string | null {
  return FOLDERS.find((folder) => path === folder || path.startsWith(`${folder}/`)) ?? null
}

/** The project folders each folder imports, from every import and export specifier. */
function imports(): Map<string, Set<string>> {
  const found = new Map<string, Set<string>>()
  for (const file of ['fixtures', 'router', 'servers', 'bench'].flatMap(sources)) {
    const from = folderOf(file)
    if (from === null) continue
    const text = readFileSync(join(ROOT, file), 'utf8')
    for (const [, spec = ''] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
      const target = spec.startsWith('.')
        ? folderOf(relative(ROOT, normalize(join(ROOT, dirname(file), spec))))
        : (Object.entries(PACKAGES).find(([name]) => spec.startsWith(name))?.[1] ?? null)
      if (target === null || target === from) continue
      found.set(from, (found.get(from) ?? new Set()).add(target))
    }
  }
  return found
}

describe('the folders depend on each other one way', () => {
  const actual = imports()
  for (const [folder, allowed] of Object.entries(ALLOWED)) {
    test(`${folder} imports only ${allowed.length === 0 ? 'nothing of the project' : allowed.join(', ')}`, () => {
      const extra = [...(actual.get(folder) ?? [])].filter((f) => !allowed.includes(f))
      assert.deepEqual(extra, [], `${folder} imports ${extra.join(', ')}`)
    })
  }

  test('the allowed order has no cycle', () => {
    const visiting = new Set<string>()
    const done = new Set<string>()
    const visit = (folder: string, path: string[]): void => {
      if (done.has(folder)) return
      assert.ok(!visiting.has(folder), `cycle: ${[...path, folder].join(' → ')}`)
      visiting.add(folder)
      for (const next of ALLOWED[folder] ?? []) visit(next, [...path, folder])
      visiting.delete(folder)
      done.add(folder)
    }
    for (const folder of Object.keys(ALLOWED)) visit(folder, [])
  })

  test('every project file lies in one of these folders', () => {
    const loose = ['fixtures', 'router', 'servers', 'bench']
      .flatMap(sources)
      .filter((file) => folderOf(file) === null)
    assert.deepEqual(loose, [])
  })
})
