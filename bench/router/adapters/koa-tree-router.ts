import KoaTreeRouter from 'koa-tree-router'
import type { Adapter } from './adapter.js'
import { buildTable } from './build-table.js'
import { type Translated, tableParams, translate } from './wildcard.js'

type Middleware = KoaTreeRouter.Middleware

/** What `find` returns; the package's types leave `find` out. */
interface Found {
  readonly handle: readonly Middleware[] | null
  readonly params: readonly { readonly key: string; readonly value: string }[]
}

const adapter: Adapter = {
  name: 'koa-tree-router',
  description: "A port of Go's httprouter radix tree to Koa: one tree per method, no backtracking.",
  packages: ['koa-tree-router'],
  decodesParams: false,
  build(routes) {
    const handlers = new Map<Middleware, Translated>()
    const router = buildTable(routes, (table) => {
      const router = new KoaTreeRouter()
      for (const route of table) {
        const translated = translate(route, (rest) => `*${rest}`)
        const handler: Middleware = (_ctx, next) => next()
        handlers.set(handler, translated)
        router.on(route.method, translated.path, handler)
      }
      return router as unknown as { find(method: string, path: string): Found }
    })
    return {
      find: (method, path) => router.find(method, path),
      answer(result) {
        const { handle, params } = result as Found
        const route = handle === null ? undefined : handlers.get(handle[0] as Middleware)
        if (route === undefined) return null
        const values = Object.fromEntries(
          // a catch-all's value starts with the '/' before it, as in httprouter
          params.map(({ key, value }) => [key, key === route.rest ? value.slice(1) : value]),
        )
        return { route: route.route, params: tableParams(values, route.rest) }
      },
    }
  },
}

export default adapter
