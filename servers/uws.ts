/**
 * uWebSockets.js: a native C++ HTTP server and router. Handlers take `(res, req)`; params are read
 * by index, raw, and decoded here. `req` lives only while a handler runs, so every handler reads
 * what it needs from it at once; only `/echo` goes on after returning (servers/shared/uws-answers).
 */
import type { HttpRequest, HttpResponse, TemplatedApp } from 'uws-pack'
import { decodeParam, decodeParams } from './shared/decode-param.js'
import { uws } from './shared/uws.js'
import { echo, search } from './shared/uws-answers.js'
import { listen } from './shared/uws-listen.js'
import { send, sendError, sendJson, sendMethodNotAllowed } from './shared/uws-send.js'
import { ALLOW, GITHUB_ROUTES, githubBody, HELLO, HELLO_JSON, TEXT } from './spec.js'
import type { ServerDefinition } from './types.js'

const HELLO_BODY = JSON.stringify(HELLO_JSON)

/** The methods of the API, as uWS names its registration functions. */
const REGISTER = { GET: 'get', POST: 'post', PUT: 'put', DELETE: 'del' } as const

/** A handler for a route with `count` params: decodes them, or answers 400. */
function withParams(
  count: number,
  answer: (res: HttpResponse, values: string[]) => void,
): (res: HttpResponse, req: HttpRequest) => void {
  return (res, req) => {
    // uWS gives params raw, by index
    const raws: string[] = []
    for (let i = 0; i < count; i++) raws.push(req.getParameter(i) as string)
    const values = decodeParams(raws)
    if (values === null) sendError(res, 400)
    else answer(res, values)
  }
}

function app(): TemplatedApp {
  const app = uws
    .App()
    .get('/', (res) => send(res, 200, TEXT, HELLO))
    .get('/json', (res) => sendJson(res, HELLO_BODY))
    .get(
      '/users/:id',
      withParams(1, (res, [id]) => sendJson(res, JSON.stringify({ id }))),
    )
    .get(
      '/users/:id/posts/:postId',
      withParams(2, (res, [id, postId]) => sendJson(res, JSON.stringify({ id, postId }))),
    )
    .get('/search', (res, req) => search(res, req.getQuery()))
    .post('/echo', echo)
    .get('/static/*', (res, req) => {
      const rest = decodeParam(req.getUrl().slice('/static/'.length))
      if (rest === null) sendError(res, 400)
      else sendJson(res, JSON.stringify({ path: rest }))
    })
  for (const route of GITHUB_ROUTES) {
    const register = REGISTER[route.method as keyof typeof REGISTER]
    app[register](
      route.pattern,
      withParams(route.names.length, (res, values) =>
        sendJson(
          res,
          githubBody(route, (name) => values[route.names.indexOf(name)] as string),
        ),
      ),
    )
  }
  // uWS tries the routes of the request's method before any(), so these only see other methods.
  for (const [pattern, allow] of ALLOW) {
    app.any(pattern, (res) => sendMethodNotAllowed(res, allow))
  }
  return app.any('/*', (res) => sendError(res, 404))
}

const server: ServerDefinition = {
  name: 'uws',
  style: 'native C++ HTTP server and router',
  packages: ['uws-pack'],
  start: (options) => listen(app(), options),
}
export default server
