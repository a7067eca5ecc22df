/**
 * `@routebench/router` on uWebSockets.js: uWS only parses HTTP and hands every request to one
 * `any('/*')` handler; the trie routes. The answers are `uws`'s own (servers/shared), so the two
 * differ in routing only.
 */
import { type Handler, Router } from '@routebench/router'
import type { HttpRequest, HttpResponse } from 'uws-pack'
import { uws } from './shared/uws.js'
import { echo, search } from './shared/uws-answers.js'
import { listen } from './shared/uws-listen.js'
import { send, sendError, sendJson, sendMethodNotAllowed } from './shared/uws-send.js'
import { GITHUB_ROUTES, githubBody, HELLO, HELLO_JSON, TEXT } from './spec.js'
import type { ServerDefinition } from './types.js'

type Route = Handler<[HttpResponse, HttpRequest]>

// The contract has no 414: a param may be as long as the request line allows.
const router = new Router<Route>({ maxParamLength: Number.POSITIVE_INFINITY })

const HELLO_BODY = JSON.stringify(HELLO_JSON)

router
  .on('GET', '/', (_, res) => send(res, 200, TEXT, HELLO))
  .on('GET', '/json', (_, res) => sendJson(res, HELLO_BODY))
  .on('GET', '/users/:id', ({ id }, res) => sendJson(res, JSON.stringify({ id })))
  .on('GET', '/users/:id/posts/:postId', ({ id, postId }, res) =>
    sendJson(res, JSON.stringify({ id, postId })),
  )
  .on('GET', '/search', (_, res, req) => search(res, req.getQuery()))
  .on('POST', '/echo', (_, res, req) => echo(res, req))
  .on('GET', '/static/*', (params, res) => sendJson(res, JSON.stringify({ path: params['*'] })))

for (const route of GITHUB_ROUTES) {
  router.add(route.method, route.pattern, (params, res) =>
    sendJson(
      res,
      githubBody(route, (name) => params[name] as string),
    ),
  )
}

function handle(res: HttpResponse, req: HttpRequest): void {
  // getUrl() is the path without the query; getMethod() would be lower case.
  const path = req.getUrl()
  const found = router.find(req.getCaseSensitiveMethod(), path)
  if (found === null) {
    const allowed = router.allowedMethods(path)
    if (allowed.length === 0) sendError(res, 404)
    else sendMethodNotAllowed(res, allowed.join(', '))
  } else if (found.error !== undefined) {
    sendError(res, 400) // malformed-uri: with no length limit, the only FindError
  } else {
    found.value(found.params, res, req)
  }
}

const server: ServerDefinition = {
  name: 'trie-uws',
  style: "this project's trie router on uWebSockets.js",
  packages: ['@routebench/router', 'uws-pack'],
  start: (options) => listen(uws.App().any('/*', handle), options),
}
export default server
