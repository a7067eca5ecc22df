/**
 * `@routebench/router` behind the web's fetch API: the handler a user of the router hands to
 * `Bun.serve` or `Deno.serve`. `trie-bun` and `trie-deno` both serve it, so that they differ in the
 * runtime's HTTP server only.
 */
import { type Handler, Router } from '@routebench/router'
import { GITHUB_ROUTES, githubBody, HELLO, HELLO_JSON, TEXT } from '../spec.js'
import { echo, search } from './fetch-answers.js'
import { send, sendError, sendJson, sendMethodNotAllowed } from './fetch-send.js'

type Route = Handler<[target: string, request: Request], Response | Promise<Response>>

// The contract has no 414: a param may be as long as the request line allows.
const router = new Router<Route>({ maxParamLength: Number.POSITIVE_INFINITY })

const HELLO_BODY = JSON.stringify(HELLO_JSON)

router
  .on('GET', '/', () => send(200, TEXT, HELLO))
  .on('GET', '/json', () => sendJson(HELLO_BODY))
  .on('GET', '/users/:id', ({ id }) => sendJson(JSON.stringify({ id })))
  .on('GET', '/users/:id/posts/:postId', ({ id, postId }) =>
    sendJson(JSON.stringify({ id, postId })),
  )
  .on('GET', '/search', (_, target) => search(target))
  .on('POST', '/echo', (_, _target, request) => echo(request))
  .on('GET', '/static/*', (params) => sendJson(JSON.stringify({ path: params['*'] })))

for (const route of GITHUB_ROUTES) {
  router.add(route.method, route.pattern, (params) =>
    sendJson(githubBody(route, (name) => params[name] as string)),
  )
}

export function handle(request: Request): Response | Promise<Response> {
  // request.url is absolute; the path and query start at the first '/' after the scheme's '//'.
  const url = request.url
  const target = url.slice(url.indexOf('/', url.indexOf('//') + 2))
  const found = router.find(request.method, target)
  if (found === null) {
    const allowed = router.allowedMethods(target)
    return allowed.length === 0 ? sendError(404) : sendMethodNotAllowed(allowed.join(', '))
  }
  if (found.error !== undefined) return sendError(400) // malformed-uri: the only FindError here
  return found.value(found.params, target, request)
}
