import type { Result, Router } from 'hono/router'
import type { Adapter } from './adapter.js'
import { buildTable } from './build-table.js'
import { type Translated, tableParams, translate } from './wildcard.js'

/** An adapter for one of hono's routers, all of which share one interface. */
export function honoAdapter(
  name: string,
  description: string,
  create: () => Router<Translated>,
): Adapter {
  return {
    name,
    description,
    packages: ['hono'],
    decodesParams: false,
    build(routes) {
      const router = buildTable(routes, (table) => {
        const router = create()
        for (const route of table) {
          // hono's plain `*` captures nothing; a param with a pattern takes the rest of the path
          const translated = translate(route, (rest) => `:${rest}{.+}`)
          router.add(route.method, translated.path, translated)
        }
        // RegExpRouter builds its matcher on the first match: here, not in a timed call
        router.match('GET', '/')
        return router
      })
      return {
        find: (method, path) => router.match(method, path),
        answer: (result) => answer(result as Result<Translated>),
      }
    },
  }
}

/** The first handler hono would run, and its params read the way hono's `Context` reads them. */
function answer(result: Result<Translated>) {
  const first = result[0][0]
  if (first === undefined) return null
  const [route, params] = first
  const stash = result[1]
  // RegExpRouter gives each param as an index into the stash
  const values =
    stash === undefined
      ? (params as Record<string, string>)
      : Object.fromEntries(
          Object.entries(params as Record<string, number>).map(([key, i]) => [key, stash[i]]),
        )
  return { route: route.route, params: tableParams(values, route.rest) }
}
