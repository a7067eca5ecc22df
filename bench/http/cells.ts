/**
 * A cell of the benchmark: one server on one runtime. Node.js's cells are named by the server
 * (`express`), so that a run on Node.js alone reads as it always has; another runtime's by the
 * server and the runtime (`express@bun`), except where the server's name already says it
 * (`hono-bun`).
 */
import { RUNTIME_NAMES, type RuntimeName } from '@routebench/fixtures'
import { runsOn, SERVER_NAMES, type ServerName } from '../../servers/index.js'

/** The runtime of a --target server, which this run did not start. */
export const UNKNOWN_RUNTIME = 'unknown'

export interface Cell {
  readonly server: string
  readonly runtime: string
}

/** `express`, `express@bun`, `hono-bun`. */
export function cellName({ server, runtime }: Cell): string {
  return runtime === 'node' || runtime === UNKNOWN_RUNTIME || server.endsWith(`-${runtime}`)
    ? server
    : `${server}@${runtime}`
}

export function sameCell(a: Cell, b: Cell): boolean {
  return a.server === b.server && a.runtime === b.runtime
}

/**
 * The cells of a run: `baseline` on Node.js first, then each runtime's servers (of `servers`, those
 * that run on it), runtimes in the order of `RUNTIME_NAMES` and servers in the registry's.
 */
export function cellsOf(
  servers: readonly string[],
  runtimes: readonly RuntimeName[],
  baseline: string | null,
): Cell[] {
  const cells: Cell[] = baseline === null ? [] : [{ server: baseline, runtime: 'node' }]
  for (const runtime of RUNTIME_NAMES.filter((r) => runtimes.includes(r))) {
    for (const server of SERVER_NAMES.filter((s) => servers.includes(s))) {
      const cell = { server, runtime }
      if (runsOn(server as ServerName, runtime) && !cells.some((c) => sameCell(c, cell)))
        cells.push(cell)
    }
  }
  return cells
}
