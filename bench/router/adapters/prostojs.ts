import { ProstoRouter } from '@prostojs/router'
import type { Adapter } from './adapter.js'
import { buildTable, routeName } from './build-table.js'

type Found = ReturnType<ProstoRouter<string>['lookup']>

const adapter: Adapter = {
  name: 'prostojs',
  description:
    "@prostojs/router: routes bucketed by segment count, each bucket's regular expressions compiled into one function. Measured with its answer cache off, its default.",
  packages: ['@prostojs/router'],
  decodesParams: true,
  build(routes) {
    const router = buildTable(routes, (table) => {
      // cacheLimit 0 (the default): no cache of answers by path, which would time the cache.
      const router = new ProstoRouter<string>({ silent: true, cacheLimit: 0 })
      for (const route of table) {
        router.on(route.method as 'GET', route.path, () => routeName(route))
      }
      router.compile()
      return router
    })
    return {
      find: (method, path) => router.lookup(method as 'GET', path),
      answer(result) {
        const found = result as Found
        if (found === undefined || found === null) return null
        const handler = found.route.handlers[0] as unknown as () => string
        const params: Record<string, string> = {}
        for (const [name, value] of Object.entries(found.ctx.params)) {
          params[name] = Array.isArray(value) ? value.join('/') : value
        }
        return { route: handler(), params }
      },
    }
  },
}

export default adapter
