/**
 * Generated route tables for the scaling series: REST-style resources, five routes each, so that
 * a table of any size has the mix of the GitHub table (two static routes in five, params one or two
 * deep, several methods per path). Names are made of syllables, not `res1`, `res2`, ...: a shared
 * prefix on every name would hand radix trees one giant node and flatter them.
 */
import type { RouteDef } from '@routebench/fixtures'

export const SCALING_SIZES = [10, 100, 1_000, 10_000] as const

const SYLLABLES = ['ba', 'ko', 'ri', 'tu', 'se', 'ma', 'lo', 'ne', 'pi', 'du'] as const

/** A distinct lower-case name for every index: its decimal digits spelled as syllables. */
export function resourceName(index: number): string {
  return [...String(index).padStart(2, '0')].map((d) => SYLLABLES[Number(d)]).join('')
}

/** The first `size` routes of the generated API. */
export function generateTable(size: number): RouteDef[] {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`table size must be ≥ 1: ${size}`)
  const routes: RouteDef[] = []
  for (let i = 0; routes.length < size; i++) {
    const base = `/v1/${resourceName(i)}`
    routes.push(
      { method: 'GET', path: base },
      { method: 'POST', path: base },
      { method: 'GET', path: `${base}/:id` },
      { method: 'DELETE', path: `${base}/:id` },
      { method: 'GET', path: `${base}/:id/history/:version` },
    )
  }
  return routes.slice(0, size)
}

/** `generated-1000` ⇄ 1000. */
export function generatedTableName(size: number): string {
  return `generated-${size}`
}

export function generatedTableSize(name: string): number | null {
  const match = /^generated-([1-9][0-9]*)$/.exec(name)
  return match === null ? null : Number(match[1])
}
