/**
 * What is timed, counted or compared: a router built from a table, and a pass over a lookup set.
 * Shared by the benchmark's measuring process and `npm run regress`, so that both time the same
 * loop.
 */
import { do_not_optimize } from 'mitata'
import type { Built } from './adapter.js'
import type { LookupSet } from './lookups.js'
import type { BenchTable } from './tables.js'

/** Builds the router and does the first lookup of each method: lazy routers (this project's,
 * hono's RegExpRouter) finish their work there, and users pay it before the first answer too. */
export function build(
  adapter: { build(routes: BenchTable['routes']): Built },
  table: BenchTable,
): Built {
  const built = adapter.build(table.routes)
  const first = new Map<string, string>()
  for (const set of table.sets)
    for (const l of set.lookups) if (!first.has(l.method)) first.set(l.method, l.path)
  for (const [method, path] of first) built.find(method, path)
  return built
}

/** One pass over a set: what gets timed (or counted). The sink defeats dead-code elimination. */
export function pass(built: Built, set: LookupSet): () => void {
  const methods = set.lookups.map((l) => l.method)
  const paths = set.lookups.map((l) => l.path)
  const n = methods.length
  return () => {
    for (let i = 0; i < n; i++)
      do_not_optimize(built.find(methods[i] as string, paths[i] as string))
  }
}
