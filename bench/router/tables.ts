/**
 * The route tables the router benchmark measures, by name: the standard ones of `fixtures/routes/`
 * and the generated ones of the scaling series, each with its lookup sets.
 */
import { loadTable, type RouteDef, TABLE_NAMES, type TableName } from '@routebench/fixtures'
import { generatedTableSize, generateTable } from './generate.js'
import { type LookupSet, lookupSets, lookupSetsFor } from './lookups.js'
import { randomSets } from './random-sets.js'

/** Lookups of the scaling series: this many routes, evenly spread over the table. */
export const SCALING_LOOKUPS = 64

export interface BenchTable {
  readonly name: string
  readonly routes: readonly RouteDef[]
  readonly sets: readonly LookupSet[]
}

export function isStandardTable(name: string): name is TableName {
  return (TABLE_NAMES as readonly string[]).includes(name)
}

/**
 * The table called `name` (`github`, `generated-1000`, ...), or null for an unknown name. With a
 * seed, a standard table also has the randomized sets drawn from it (random-sets.ts).
 */
export function benchTable(name: string, seed: number | null = null): BenchTable | null {
  if (isStandardTable(name)) {
    const routes = loadTable(name)
    const random = seed === null ? [] : randomSets(name, routes, seed)
    return { name, routes, sets: [...lookupSets(name), ...random] }
  }
  const size = generatedTableSize(name)
  if (size === null) return null
  const routes = generateTable(size)
  return { name, routes, sets: scalingSets(routes) }
}

/**
 * A generated table is measured on a fixed number of lookups whatever its size, so that the cost
 * per lookup, not the size of the `all` pass, is what grows; and on a miss.
 */
function scalingSets(routes: readonly RouteDef[]): LookupSet[] {
  const sets = lookupSetsFor(routes)
  const all = sets.find((s) => s.name === 'all')
  const miss = sets.find((s) => s.name === 'miss')
  if (all === undefined) throw new Error('a generated table has no "all" lookup set')
  const n = Math.min(SCALING_LOOKUPS, all.lookups.length)
  const spread = Array.from(
    { length: n },
    (_, i) => all.lookups[Math.floor((i * all.lookups.length) / n)],
  ).filter((lookup) => lookup !== undefined)
  const sample: LookupSet = {
    name: 'sample',
    description: `${n} routes spread evenly over the table`,
    lookups: spread,
  }
  return miss === undefined ? [sample] : [sample, miss]
}
