import { createRouter, insertItem } from '@mapl/router'
import compile from '@mapl/router/compile.js'
import { paramNames } from '@routebench/fixtures'
import type { Adapter } from './adapter.js'
import { buildTable, routeName } from './build-table.js'

/** What the generated function returns: the route, and its param values in pattern order. */
interface Found {
  readonly route: number
  readonly values: readonly string[] | null
}

/**
 * @mapl/router is a code generator rather than a router: each route is a snippet of JavaScript
 * that runs on a match, with the path (after its leading '/') in `p` and the param values, in
 * pattern order, in the array `q`. A `*` is a param and a trailing `**` the rest of the path. It
 * has no methods; as in mapl's framework, each method gets its own tree, and one generated
 * function picks the method's code with a `switch`.
 */
function source(routes: readonly { method: string; path: string }[]): string {
  const byMethod = new Map<string, ReturnType<typeof createRouter>>()
  routes.forEach((route, index) => {
    let router = byMethod.get(route.method)
    if (router === undefined) {
      router = createRouter()
      byMethod.set(route.method, router)
    }
    const pattern = route.path.replace(/\/\*$/, '/**').replace(/:[A-Za-z_][A-Za-z0-9_]*/g, '*')
    const dynamic = pattern.includes('*')
    // A static route answers a constant; a dynamic one allocates its result, as its users' code would.
    insertItem(router, pattern, dynamic ? `return{route:${index},values:q}` : `return S[${index}]`)
  })
  const cases = [...byMethod].map(
    ([method, router]) => `case ${JSON.stringify(method)}:{${compile(router)}break}`,
  )
  return `return (m, u) => { const p = u.slice(1); switch (m) { ${cases.join('')} } return null }`
}

const adapter: Adapter = {
  name: 'mapl',
  description:
    '@mapl/router, the router of the Mapl framework: a radix tree per method compiled to one JavaScript function.',
  packages: ['@mapl/router'],
  decodesParams: false,
  build(routes) {
    const find = buildTable(routes, (table) => {
      const statics = table.map((_, route): Found => ({ route, values: null }))
      return new Function('S', source(table))(statics) as (m: string, u: string) => Found | null
    })
    const names = routes.map((route) => [
      ...paramNames(route.path),
      ...(route.path.endsWith('/*') ? ['*'] : []),
    ])
    return {
      find,
      answer(result) {
        const found = result as Found | null
        if (found === null) return null
        const values = found.values ?? []
        const route = routes[found.route]
        if (route === undefined) throw new Error(`no route ${found.route}`)
        const keys = names[found.route] ?? []
        return {
          route: routeName(route),
          params: Object.fromEntries(keys.map((name, j) => [name, values[j] as string])),
        }
      },
    }
  },
}

export default adapter
