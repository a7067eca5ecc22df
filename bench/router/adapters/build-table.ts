import type { RouteDef } from '@routebench/fixtures'
import { CannotRegisterError } from './adapter.js'

/** `${method} ${path}`: how an `Answer` names a route. */
export function routeName(route: RouteDef): string {
  return `${route.method} ${route.path}`
}

/**
 * `make(routes)`, which creates a router and registers `routes`. When the router refuses the
 * table, the error names the route it refuses (the last of the shortest refused start of the
 * table) and the earlier route it cannot hold together with it (the first one refused with it as a
 * pair). `make` may end with a lookup, for routers that build their matcher on the first one:
 * a refusal found there is explained as precisely as one found at registration.
 */
export function buildTable<R>(
  routes: readonly RouteDef[],
  make: (routes: readonly RouteDef[]) => R,
): R {
  try {
    return make(routes)
  } catch (error) {
    throw explain(routes, make, error)
  }
}

function refuses(make: (routes: readonly RouteDef[]) => unknown, routes: readonly RouteDef[]) {
  try {
    make(routes)
    return false
  } catch {
    return true
  }
}

function explain(
  routes: readonly RouteDef[],
  make: (routes: readonly RouteDef[]) => unknown,
  error: unknown,
): CannotRegisterError {
  // Bisection: a router that refuses the first n routes refuses the first n + 1 too.
  let accepted = 0
  let refused = routes.length
  while (refused - accepted > 1) {
    const mid = (accepted + refused) >> 1
    if (refuses(make, routes.slice(0, mid))) refused = mid
    else accepted = mid
  }
  const route = routes[refused - 1]
  if (route === undefined) return new CannotRegisterError(null, null, error)
  if (refuses(make, [route])) return new CannotRegisterError(routeName(route), null, error)
  const conflict = routes.slice(0, refused - 1).find((other) => refuses(make, [other, route]))
  return new CannotRegisterError(
    routeName(route),
    conflict === undefined ? null : routeName(conflict),
    error,
  )
}
