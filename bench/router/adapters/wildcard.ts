import { paramNames, type RouteDef } from '@routebench/fixtures'
import { routeName } from './build-table.js'

/**
 * A route in a router's own syntax: the table's pattern with its trailing `/*` written the way the
 * router captures the rest of a path under a name, and that name (null without a wildcard).
 */
export interface Translated {
  /** `${method} ${path}` of the route in the table. */
  readonly route: string
  readonly path: string
  readonly rest: string | null
}

/** Rewrites a trailing `/*` as `capture(name)`, `name` being a param name the pattern does not use. */
export function translate(route: RouteDef, capture: (name: string) => string): Translated {
  if (!route.path.endsWith('/*')) return { route: routeName(route), path: route.path, rest: null }
  const names = paramNames(route.path)
  let rest = 'rest'
  while (names.includes(rest)) rest = `${rest}_`
  return { route: routeName(route), path: `${route.path.slice(0, -1)}${capture(rest)}`, rest }
}

/** `params` as the table names them: the wildcard's value moved from `rest` to '*'. */
export function tableParams(
  params: Readonly<Record<string, string | undefined>>,
  rest: string | null,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter((entry): entry is [string, string] => entry[1] !== undefined)
      .map(([name, value]) => [name === rest ? '*' : name, value]),
  )
}
