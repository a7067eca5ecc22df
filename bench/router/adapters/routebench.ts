import { type FindResult, Router } from '@routebench/router'
import type { Adapter } from '../adapter.js'
import { buildTable, routeName } from '../build-table.js'

const adapter: Adapter = {
  name: 'routebench',
  description:
    "This project's router (@routebench/router): a radix tree per method compiled to JavaScript, static paths in a Map.",
  packages: ['@routebench/router'],
  build(routes) {
    const router = buildTable(routes, (table) => {
      const router = new Router<string>()
      for (const route of table) router.add(route.method, route.path, routeName(route))
      return router
    })
    return {
      find: (method, path) => router.find(method, path),
      answer(result) {
        const found = result as FindResult<string>
        if (found === null) return null
        if (found.error !== undefined) throw new Error(`answered ${found.status} (${found.error})`)
        return { route: found.value, params: found.params }
      },
    }
  },
}

export default adapter
