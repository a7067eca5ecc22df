/**
 * koa 3 with @koa/router: onion middleware around a `ctx`, answers set on `ctx.body`.
 */
import { createServer } from 'node:http'
import Router, { type RouterContext } from '@koa/router'
import Koa, { type Context, type Next } from 'koa'
import { clientWentAway } from './shared/client-went-away.js'
import { decodeParam } from './shared/decode-param.js'
import { firstValue } from './shared/first-value.js'
import { listen } from './shared/node-listen.js'
import { readBody, TOO_LARGE } from './shared/read-body.js'
import { restPattern } from './shared/rest-pattern.js'
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
  MAX_BODY_BYTES,
  REASONS,
  searchResult,
} from './spec.js'
import type { ServerDefinition } from './types.js'

function fail(ctx: Context, status: ErrorStatus, reason: string = REASONS[status]): void {
  ctx.status = status
  ctx.body = { error: reason }
}

/**
 * @koa/router keeps the raw value of a param it cannot percent-decode; the contract answers 400.
 * `ctx.captures` holds the raw values of the route that matched.
 */
async function strictParams(ctx: RouterContext, next: Next): Promise<void> {
  const captures = ctx.captures ?? []
  if (captures.some((raw) => raw !== undefined && decodeParam(raw) === null)) fail(ctx, 400)
  else await next()
}

async function echo(ctx: Context): Promise<void> {
  if (!isJsonContentType(ctx.get('content-type'))) return fail(ctx, 415)
  let body: string | typeof TOO_LARGE
  try {
    body = await readBody(ctx.req, MAX_BODY_BYTES) // koa has no body parser of its own
  } catch {
    return // the client went away mid-upload: nobody to answer
  }
  if (body === TOO_LARGE) return fail(ctx, 413)
  const answer = echoBody(body)
  if (answer === null) return fail(ctx, 400, INVALID_JSON)
  ctx.type = 'json'
  ctx.body = answer
}

function app(): Koa {
  const router = new Router({ sensitive: true, strict: true }) // /JSON and /json/ are not /json
  router
    .get('/', (ctx) => {
      ctx.body = HELLO
    })
    .get('/json', (ctx) => {
      ctx.body = HELLO_JSON
    })
    .get('/users/:id', strictParams, (ctx) => {
      ctx.body = { id: ctx.params.id }
    })
    .get('/users/:id/posts/:postId', strictParams, (ctx) => {
      ctx.body = { id: ctx.params.id, postId: ctx.params.postId }
    })
    .get('/search', (ctx) => {
      const result = searchResult(firstValue(ctx.query.q), firstValue(ctx.query.limit))
      if (result === null) fail(ctx, 400)
      else ctx.body = result
    })
    .post('/echo', echo)
    .get('/static/{*rest}', strictParams, (ctx) => {
      ctx.body = { path: ctx.params.rest ?? '' }
    })
  for (const route of GITHUB_ROUTES) {
    router.register(
      route.pattern,
      [route.method],
      [
        strictParams,
        (ctx: Context) => {
          ctx.type = 'json'
          ctx.body = githubBody(route, (name) => ctx.params[name] as string)
        },
      ],
    )
  }
  // A path the API knows, reached with another method. router.allowedMethods() would list HEAD
  // beside GET and answer without a body, so the 405s are routes of their own, registered last:
  // a route for the request's method runs first and ends the chain.
  for (const [pattern, allow] of ALLOW) {
    router.all(restPattern(pattern), (ctx) => {
      ctx.set('allow', allow)
      fail(ctx, 405)
    })
  }

  const app = new Koa()
  // koa prints every error it is told of; a client that drops its upload is not a server fault.
  app.on('error', (error: Error) => {
    if (!clientWentAway(error)) app.onerror(error)
  })
  app.use(router.routes())
  app.use((ctx) => fail(ctx, 404))
  return app
}

const server: ServerDefinition = {
  name: 'koa',
  style: 'onion middleware around a ctx',
  packages: ['koa', '@koa/router'],
  start: (options) => listen(createServer(app().callback()), options),
}
export default server
