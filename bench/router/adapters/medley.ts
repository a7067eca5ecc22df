import MedleyRouter from '@medley/router'
import type { Adapter } from './adapter.js'
import { buildTable, routeName } from './build-table.js'

/** A route's store: medley keeps one per path, and the methods in it are up to its user. */
type Store = Record<string, string>

const adapter: Adapter = {
  name: 'medley',
  description:
    "@medley/router, the router of the Medley framework: one radix tree for every method, each path's methods in its store.",
  packages: ['@medley/router'],
  decodesParams: false,
  build(routes) {
    const router = buildTable(routes, (table) => {
      const router = new MedleyRouter<Store>()
      for (const route of table) router.register(route.path)[route.method] = routeName(route)
      return router
    })
    // The method is not in medley's result: `answer` reads it from the last `find`, so that the
    // timed call allocates nothing medley's users would not.
    let method = ''
    return {
      find(requested, path) {
        const found = router.find(path)
        method = requested
        return found !== null && found.store[requested] !== undefined ? found : null
      },
      answer(result) {
        const found = result as MedleyRouter.Found<Store> | null
        if (found === null) return null
        return { route: found.store[method] as string, params: found.params }
      },
    }
  },
}

export default adapter
