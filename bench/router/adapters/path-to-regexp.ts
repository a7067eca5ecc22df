import type { RouteDef } from '@routebench/fixtures'
import { type MatchFunction, match } from 'path-to-regexp'
import type { Adapter } from './adapter.js'
import { buildTable } from './build-table.js'
import { type Translated, tableParams, translate } from './wildcard.js'

type Params = Partial<Record<string, string | string[]>>

/** A route as Express's router holds it: a layer that keeps the params of its last match. */
class Layer {
  params: Params | undefined = undefined
  readonly method: string
  readonly route: Translated
  private readonly matcher: MatchFunction<Params>

  constructor(route: RouteDef) {
    this.method = route.method
    this.route = translate(route, (rest) => `*${rest}`)
    // Express's `strict` and `case sensitive routing` settings: the table's semantics
    this.matcher = match(escapeSyntax(this.route.path), {
      decode: decodeURIComponent,
      sensitive: true,
      trailing: false,
    })
  }

  match(path: string): boolean {
    const found = this.matcher(path)
    this.params = found === false ? undefined : found.params
    return found !== false
  }
}

/** Escapes the characters path-to-regexp v8 reserves, other than its `:` and `*`. */
function escapeSyntax(path: string): string {
  return path.replace(/[{}()[\]?+!\\]/g, '\\$&')
}

const adapter: Adapter = {
  name: 'path-to-regexp',
  description:
    "path-to-regexp v8 driven as Express 5's router drives it: every route's matcher tried in registration order.",
  packages: ['path-to-regexp'],
  decodesParams: true,
  build(routes) {
    const layers = buildTable(routes, (table) => table.map((route) => new Layer(route)))
    return {
      find(method, path) {
        // the path first, then the method, as Express's router does
        for (const layer of layers) if (layer.match(path) && layer.method === method) return layer
        return null
      },
      answer(result) {
        const layer = result as Layer | null
        if (layer === null || layer.params === undefined) return null
        const values = Object.fromEntries(
          // a wildcard's value comes as its segments
          Object.entries(layer.params).map(([key, value]) => [
            key,
            Array.isArray(value) ? value.join('/') : value,
          ]),
        )
        return { route: layer.route.route, params: tableParams(values, layer.route.rest) }
      },
    }
  },
}

export default adapter
