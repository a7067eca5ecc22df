import { type FindResult, Memoirist } from 'memoirist'
import type { Adapter } from './adapter.js'
import { buildTable, routeName } from './build-table.js'
import { tableParams } from './wildcard.js'

const adapter: Adapter = {
  name: 'memoirist',
  description: "Elysia's router: a radix tree per method.",
  packages: ['memoirist'],
  decodesParams: false,
  build(routes) {
    const router = buildTable(routes, (table) => {
      const router = new Memoirist<string>()
      for (const route of table) router.add(route.method, route.path, routeName(route))
      return router
    })
    return {
      find: (method, path) => router.find(method, path),
      answer(result) {
        const found = result as FindResult<string> | null
        if (found === null) return null
        return { route: found.store, params: tableParams(found.params, null) }
      },
    }
  },
}

export default adapter
