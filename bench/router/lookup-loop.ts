/**
 * What is timed, counted or compared: a router built from a table, and a pass over a lookup set.
 * Shared by the benchmark's measuring process and `npm run regress`, so that both time the same
 * loop.
 */
import { do_not_optimize } from 'mitata'
import type { Built } from './adapters/adapter.js'
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

/**
 * The warm-up ends when the time per lookup has not improved for this long. A large generated
 * function can sit on a plateau for a few hundred milliseconds before its optimised code is in
 * place; a shorter quiet period stopped there and timed the plateau.
 */
export const WARMUP_QUIET_MS = 600

/**
 * Runs every set in turn until the time per lookup is steady: the JIT has done its work when the
 * best recent window has not improved by more than 3% for `WARMUP_QUIET_MS`. Routers differ widely here: a
 * small tree walker is optimised within milliseconds, a large generated function takes most of a
 * second, and measuring either before then would time the compiler rather than the router.
 * Returns how long it took (at least `minMs`, at most `maxMs`).
 */
export function warmUp(
  built: Built,
  sets: readonly LookupSet[],
  minMs: number,
  maxMs: number,
): number {
  const passes = sets.map((set) => pass(built, set))
  const lookups = sets.reduce((n, set) => n + set.lookups.length, 0)
  const start = performance.now()
  const recent: number[] = []
  let best = Number.POSITIVE_INFINITY
  let bestAt = start
  for (;;) {
    const t0 = performance.now()
    let rounds = 0
    do {
      for (const fn of passes) fn()
      rounds++
    } while (performance.now() - t0 < 10)
    const now = performance.now()
    recent.push((now - t0) / (rounds * lookups))
    if (recent.length > 3) recent.shift()
    const smoothed = [...recent].sort((a, b) => a - b)[recent.length >> 1] as number
    if (recent.length === 3 && smoothed < best * 0.97) {
      best = smoothed
      bestAt = now
    }
    const elapsed = now - start
    if (elapsed >= maxMs) return elapsed
    if (elapsed >= minMs && now - bestAt >= WARMUP_QUIET_MS) return elapsed
  }
}
