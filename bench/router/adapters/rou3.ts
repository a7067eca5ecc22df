import type { RouteDef } from '@routebench/fixtures'
import { addRoute, createRouter, findRoute, type RouterContext } from 'rou3'
import type { Adapter, Answer } from './adapter.js'
import { buildTable } from './build-table.js'
import { type Translated, tableParams, translate } from './wildcard.js'

/** The routes in a rou3 router; rou3's compiler starts from it too. */
export function rou3Router(routes: readonly RouteDef[]): RouterContext<Translated> {
  return buildTable(routes, (table) => {
    const router = createRouter<Translated>()
    for (const route of table) {
      // rou3's `*` is optional at the end of a route and numbers its capture; `**:name` names it
      const translated = translate(route, (rest) => `**:${rest}`)
      addRoute(router, route.method, translated.path, translated)
    }
    return router
  })
}

export function rou3Answer(result: unknown): Answer | null {
  const found = result as ReturnType<typeof findRoute<Translated>>
  if (found === undefined) return null
  return { route: found.data.route, params: tableParams(found.params ?? {}, found.data.rest) }
}

const adapter: Adapter = {
  name: 'rou3',
  description:
    'rou3 (formerly radix3), the router of h3 and Nitro: a tree of segments and a map of static paths.',
  packages: ['rou3'],
  decodesParams: false,
  build(routes) {
    const router = rou3Router(routes)
    return {
      find: (method, path) => findRoute(router, method, path),
      answer: rou3Answer,
    }
  },
}

export default adapter
