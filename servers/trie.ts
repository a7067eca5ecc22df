/**
 * `@routebench/router` on `node:http`. The answers are `node-http`'s own (servers/shared), so the
 * two servers differ in how they route and in nothing else.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { type Handler, Router } from '@routebench/router'
import { echo, search } from './shared/node-answers.js'
import { listen } from './shared/node-listen.js'
import { send, sendError, sendJson, sendMethodNotAllowed } from './shared/node-send.js'
import { GITHUB_ROUTES, githubBody, HELLO, HELLO_JSON, TEXT } from './spec.js'
import type { ServerDefinition } from './types.js'

type Route = Handler<[IncomingMessage, ServerResponse]>

// The contract has no 414: a param may be as long as the request line allows.
const router = new Router<Route>({ maxParamLength: Number.POSITIVE_INFINITY })

const HELLO_BODY = JSON.stringify(HELLO_JSON)

router
  .on('GET', '/', (_, _req, res) => send(res, 200, TEXT, HELLO))
  .on('GET', '/json', (_, _req, res) => sendJson(res, HELLO_BODY))
  .on('GET', '/users/:id', ({ id }, _req, res) => sendJson(res, JSON.stringify({ id })))
  .on('GET', '/users/:id/posts/:postId', ({ id, postId }, _req, res) =>
    sendJson(res, JSON.stringify({ id, postId })),
  )
  .on('GET', '/search', (_, req, res) => search(res, req.url as string))
  .on('POST', '/echo', (_, req, res) => void echo(req, res))
  .on('GET', '/static/*', (params, _req, res) =>
    sendJson(res, JSON.stringify({ path: params['*'] })),
  )

for (const route of GITHUB_ROUTES) {
  router.add(route.method, route.pattern, (params, _req, res) =>
    sendJson(
      res,
      githubBody(route, (name) => params[name] as string),
    ),
  )
}

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url as string
  const found = router.find(req.method as string, url)
  if (found === null) {
    const allowed = router.allowedMethods(url)
    if (allowed.length === 0) sendError(res, 404)
    else sendMethodNotAllowed(res, allowed.join(', '))
  } else if (found.error !== undefined) {
    sendError(res, 400) // malformed-uri: with no length limit, the only FindError
  } else {
    found.value(found.params, req, res)
  }
}

const server: ServerDefinition = {
  name: 'trie',
  style: "this project's trie router on node:http",
  packages: ['@routebench/router'],
  start: (options) => listen(createServer(handle), options),
}
export default server
