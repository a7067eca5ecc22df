/**
 * `node:http` and nothing else: the routing a plain server writes by hand. Fixed paths are a
 * `switch`; routes with params are regular expressions, compiled once and tried in order.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { decodeParam, decodeParams } from './shared/decode-param.js'
import { echo, search } from './shared/node-answers.js'
import { listen } from './shared/node-listen.js'
import { send, sendError, sendJson, sendMethodNotAllowed } from './shared/node-send.js'
import { allowOf, GITHUB_ROUTES, githubBody, HELLO, HELLO_JSON, TEXT } from './spec.js'
import type { ServerDefinition } from './types.js'

type Answer = (res: ServerResponse, values: readonly string[]) => void

interface RegExpRoute {
  readonly regexp: RegExp
  /** Answers by method; another method is a 405. */
  readonly answers: ReadonlyMap<string, Answer>
  readonly allow: string
}

/** `/users/:id` becomes `^/users/([^/]+)$`. */
function compile(pattern: string): RegExp {
  const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '([^/]+)')
  return new RegExp(`^${source}$`)
}

function regExpRoute(pattern: string, answers: Record<string, Answer>): RegExpRoute {
  return {
    regexp: compile(pattern),
    answers: new Map(Object.entries(answers)),
    allow: allowOf(pattern),
  }
}

function githubRoutes(): RegExpRoute[] {
  const byPattern = new Map<string, Record<string, Answer>>()
  for (const route of GITHUB_ROUTES) {
    const answers = byPattern.get(route.pattern) ?? {}
    answers[route.method] = (res, values) =>
      sendJson(
        res,
        githubBody(route, (name) => values[route.names.indexOf(name)] as string),
      )
    byPattern.set(route.pattern, answers)
  }
  return [...byPattern].map(([pattern, answers]) => regExpRoute(pattern, answers))
}

const ROUTES: readonly RegExpRoute[] = [
  regExpRoute('/users/:id', {
    GET: (res, [id]) => sendJson(res, JSON.stringify({ id })),
  }),
  regExpRoute('/users/:id/posts/:postId', {
    GET: (res, [id, postId]) => sendJson(res, JSON.stringify({ id, postId })),
  }),
  ...githubRoutes(),
]

const HELLO_BODY = JSON.stringify(HELLO_JSON)

function handle(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url as string
  const mark = url.indexOf('?')
  const path = mark === -1 ? url : url.slice(0, mark)
  const method = req.method as string

  switch (path) {
    case '/':
      if (method === 'GET') send(res, 200, TEXT, HELLO)
      else sendMethodNotAllowed(res, 'GET')
      return
    case '/json':
      if (method === 'GET') sendJson(res, HELLO_BODY)
      else sendMethodNotAllowed(res, 'GET')
      return
    case '/search':
      if (method === 'GET') search(res, url)
      else sendMethodNotAllowed(res, 'GET')
      return
    case '/echo':
      if (method === 'POST') void echo(req, res)
      else sendMethodNotAllowed(res, 'POST')
      return
  }

  if (path.startsWith('/static/')) {
    if (method !== 'GET') {
      sendMethodNotAllowed(res, 'GET')
    } else {
      const rest = decodeParam(path.slice('/static/'.length))
      if (rest === null) sendError(res, 400)
      else sendJson(res, JSON.stringify({ path: rest }))
    }
    return
  }

  for (const route of ROUTES) {
    const match = route.regexp.exec(path)
    if (match === null) continue
    const answer = route.answers.get(method)
    if (answer === undefined) {
      sendMethodNotAllowed(res, route.allow)
    } else {
      const values = decodeParams(match.slice(1))
      if (values === null) sendError(res, 400)
      else answer(res, values)
    }
    return
  }
  sendError(res, 404)
}

const server: ServerDefinition = {
  name: 'node-http',
  style: 'plain: hand-written dispatch on req.method and req.url',
  packages: [],
  start: (options) => listen(createServer(handle), options),
}
export default server
