/**
 * hono on @hono/node-server: a `Context` per request, answers with `c.json()` and `c.text()`,
 * params from `c.req.param()`.
 */
import type { Server } from 'node:http'
import type { HttpBindings } from '@hono/node-server'
import { type Context, Hono, type Next } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { getPath } from 'hono/utils/url'
import { clientWentAway } from './shared/client-went-away.js'
import { decodeParam } from './shared/decode-param.js'
import { listen } from './shared/node-listen.js'
import {
  ALLOW,
  type ErrorStatus,
  echoBody,
  GITHUB_ROUTES,
  githubBody,
  HELLO,
  HELLO_JSON,
  INVALID_JSON,
  isJsonContentType,
  JSON_TYPE,
  MAX_BODY_BYTES,
  REASONS,
  searchResult,
  TEXT,
} from './spec.js'
import type { ServerDefinition } from './types.js'

// c.json() writes `application/json` without a charset and c.text() `charset=UTF-8` in upper case;
// the contract has its own two content types, so each answer names its type.
const JSON_HEADERS = { 'Content-Type': JSON_TYPE }

function json(c: Context, value: unknown, status: ContentfulStatusCode = 200): Response {
  return c.json(value, status, JSON_HEADERS)
}

function fail(c: Context, status: ErrorStatus, reason: string = REASONS[status]): Response {
  return json(c, { error: reason }, status)
}

/**
 * `c.req.param()` keeps a param it cannot percent-decode as it is; the contract answers 400. hono
 * decodes the path before routing but leaves a malformed escape in place, and the routes' static
 * parts have no '%', so a path that still fails to decode has a malformed param.
 */
async function strictParams(c: Context, next: Next): Promise<Response | undefined> {
  if (decodeParam(c.req.path) === null) return fail(c, 400)
  await next()
}

/**
 * hono's `/static/*` matches `/static` too, where the contract has no route; a last `/*` becomes a
 * regexp param that takes the rest after the slash, named `rest`.
 */
function honoPattern(pattern: string): string {
  return pattern.endsWith('/*') ? `${pattern.slice(0, -1)}:rest{.*}` : pattern
}

async function echo(c: Context): Promise<Response> {
  const answer = echoBody(await c.req.text())
  return answer === null ? fail(c, 400, INVALID_JSON) : c.body(answer, 200, JSON_HEADERS)
}

/**
 * The path hono routes: hono's own `getPath`, on the request target as sent. @hono/node-server
 * builds the request's URL with `new URL()` whenever the target holds a '%' or a dot segment, and
 * the URL parser resolves `.` and `..` (`%2e` too): hono then answered `/x/../json` as `/json`
 * and `/static/%2e%2e/x` as `/x`, where the contract matches the path as it is sent.
 */
function rawPath(request: Request, options?: { env?: HttpBindings }): string {
  // On Bun and Deno there is no node:http request: their Request keeps the target's path.
  const target = options?.env?.incoming?.url
  // An absolute-form target (`GET http://host/json`) has no raw path to keep.
  if (target === undefined || target[0] !== '/') return getPath(request)
  return getPath({ url: `http://host${target}` } as Request)
}

/** The app, whatever serves it: `hono-bun` and `hono-deno` serve it on their runtime's server. */
export function app(): Hono<{ Bindings: HttpBindings }> {
  const app = new Hono<{ Bindings: HttpBindings }>({ getPath: rawPath })

  app.get('/', (c) => c.text(HELLO, 200, { 'Content-Type': TEXT }))
  app.get('/json', (c) => json(c, HELLO_JSON))
  app.get('/users/:id', strictParams, (c) => json(c, { id: c.req.param('id') }))
  app.get('/users/:id/posts/:postId', strictParams, (c) =>
    json(c, { id: c.req.param('id'), postId: c.req.param('postId') }),
  )
  app.get('/search', (c) => {
    // c.req.query() keeps a malformed escape as it is; the contract reads the query as
    // URLSearchParams does.
    const query = new URL(c.req.url).searchParams
    const result = searchResult(query.get('q'), query.get('limit'))
    return result === null ? fail(c, 400) : json(c, result)
  })
  app.post(
    '/echo',
    (c, next) => (isJsonContentType(c.req.header('content-type')) ? next() : fail(c, 415)),
    bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => fail(c, 413) }),
    echo,
  )
  app.get(honoPattern('/static/*'), strictParams, (c) => json(c, { path: c.req.param('rest') }))
  for (const route of GITHUB_ROUTES) {
    app.on(route.method, route.pattern, strictParams, (c) =>
      c.body(
        githubBody(route, (name) => c.req.param(name) as string),
        200,
        JSON_HEADERS,
      ),
    )
  }

  // A path the API knows, reached with another method: hono would answer 404. Registered last,
  // so that a route for the request's method answers first.
  for (const [pattern, allow] of ALLOW) {
    app.all(honoPattern(pattern), (c) => {
      c.header('Allow', allow)
      return fail(c, 405)
    })
  }
  app.notFound((c) => fail(c, 404))
  // hono prints every error of a handler; a client that drops its upload is not a server fault.
  app.onError((error, c) => {
    if (!clientWentAway(error)) console.error(error)
    return c.text('Internal Server Error', 500)
  })
  return app
}

const server: ServerDefinition = {
  name: 'hono',
  style: 'echo-like: a Context with c.json() and c.req.param()',
  packages: ['hono', '@hono/node-server'],
  // Without a createServer option, the adaptor makes a node:http server.
  start: async (options) => {
    // Imported here, so that hono-bun and hono-deno, which import app(), never load the adapter.
    const { createAdaptorServer } = await import('@hono/node-server')
    return listen(createAdaptorServer({ fetch: app().fetch }) as Server, options)
  },
}
export default server
