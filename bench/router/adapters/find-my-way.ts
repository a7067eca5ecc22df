import FindMyWay, { type HTTPMethod, type HTTPVersion } from 'find-my-way'
import type { Adapter } from './adapter.js'
import { buildTable, routeName } from './build-table.js'
import { tableParams } from './wildcard.js'

type Found = FindMyWay.FindResult<HTTPVersion.V1> | null

const handler = () => undefined

const adapter: Adapter = {
  name: 'find-my-way',
  description: "Fastify's router: a radix tree per method, with route constraints and versions.",
  packages: ['find-my-way'],
  decodesParams: true,
  build(routes) {
    const router = buildTable(routes, (table) => {
      const router = FindMyWay()
      for (const route of table) {
        router.on(route.method as HTTPMethod, route.path, handler, routeName(route))
      }
      return router
    })
    return {
      find: (method, path) => router.find(method as HTTPMethod, path),
      answer(result) {
        const found = result as Found
        if (found === null) return null
        return { route: found.store as string, params: tableParams(found.params, null) }
      },
    }
  },
}

export default adapter
