import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

/** One route of a table: a method and a pattern in `:name` syntax. */
export interface RouteDef {
  readonly method: string
  readonly path: string
}

export interface NamedLookup extends RouteDef {
  readonly name: string
}

export const TABLE_NAMES = ['static', 'github', 'parse', 'gplus', 'router-benchmark'] as const
export type TableName = (typeof TABLE_NAMES)[number]

/** The folder holding the JSON files, from the sources or from the compiled `dist/`. */
function dataDir(): string {
  const here = fileURLToPath(new URL('.', import.meta.url))
  if (existsSync(`${here}github.json`)) return here
  return fileURLToPath(new URL('../../../bench/routes/', import.meta.url))
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(`${dataDir()}${file}`, 'utf8')) as T
}

export function loadTable(name: TableName): RouteDef[] {
  return readJson<RouteDef[]>(`${name}.json`)
}

/** The seven named lookups of delvedor/router-benchmark. */
export function loadRouterBenchmarkLookups(): NamedLookup[] {
  return readJson<NamedLookup[]>('router-benchmark.lookups.json')
}

/** Names of the `:params` of a pattern, in order. */
export function paramNames(pattern: string): string[] {
  return [...pattern.matchAll(/:([A-Za-z_][A-Za-z0-9_]*)/g)].map((m) => m[1] as string)
}

/**
 * A request path for `pattern`: each `:param` replaced by `value(name, index)` (already encoded as
 * it should appear on the wire) and a trailing `*` by `rest`.
 */
export function fillPattern(
  pattern: string,
  value: (name: string, index: number) => string,
  rest = 'rest/of/path',
): string {
  let index = 0
  const filled = pattern.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_, name: string) =>
    value(name, index++),
  )
  return filled.endsWith('/*') ? `${filled.slice(0, -1)}${rest}` : filled
}
