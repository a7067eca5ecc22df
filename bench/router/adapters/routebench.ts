import { pathToFileURL } from 'node:url'
import { type FindResult, Router } from '@routebench/router'
import type { Adapter } from './adapter.js'
import { buildTable, routeName } from './build-table.js'

/** The constructor of `@routebench/router`, or of another build of it (an older commit's). */
export type RouterClass = typeof Router

/** The adapter of a given build of the router: `npm run regress` measures two side by side. */
export function routebenchAdapter(RouterOf: RouterClass, name = 'routebench'): Adapter {
  return {
    name,
    description:
      "This project's router (@routebench/router): a radix tree per method compiled to JavaScript, static paths in a Map.",
    packages: ['@routebench/router'],
    decodesParams: true,
    build(routes) {
      const router = buildTable(routes, (table) => {
        const router = new RouterOf<string>()
        for (const route of table) router.add(route.method, route.path, routeName(route))
        return router
      })
      return {
        find: (method, path) => router.find(method, path),
        answer(result) {
          const found = result as FindResult<string>
          if (found === null) return null
          if (found.error !== undefined)
            throw new Error(`answered ${found.status} (${found.error})`)
          return { route: found.value, params: found.params }
        },
      }
    },
  }
}

/**
 * The adapter over another build of the router, loaded from the path of its `dist/index.js` (an
 * older commit's worktree for `npm run regress`, or a test fixture).
 */
export async function routerModuleAdapter(path: string, name = 'routebench'): Promise<Adapter> {
  const module = (await import(pathToFileURL(path).href)) as { Router?: RouterClass }
  if (typeof module.Router !== 'function') {
    throw new Error(`${path} does not export a Router class`)
  }
  return routebenchAdapter(module.Router, name)
}

export default routebenchAdapter(Router)
