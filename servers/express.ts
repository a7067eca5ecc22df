/**
 * express 5: a mux-style router, one `app.get(path, handler)` per route, answers with `res.json()`
 * and `res.send()`.
 */
import { createServer } from 'node:http'
import express, { type ErrorRequestHandler, type RequestHandler, type Response } from 'express'
import { firstValue } from './shared/first-value.js'
import { listen } from './shared/node-listen.js'
import { restPattern } from './shared/rest-pattern.js'
import {
  ALLOW,
  type ErrorStatus,
  echoBody,
  errorBody,
  GITHUB_ROUTES,
  githubBody,
  HELLO,
  HELLO_JSON,
  INVALID_JSON,
  isJsonContentType,
  MAX_BODY_BYTES,
  searchResult,
} from './spec.js'
import type { ServerDefinition } from './types.js'

function sendError(res: Response, status: ErrorStatus, reason?: string): void {
  res.status(status).type('json').send(errorBody(status, reason))
}

const requireJson: RequestHandler = (req, res, next) => {
  if (isJsonContentType(req.headers['content-type'])) next()
  else sendError(res, 415)
}

// express.json() answers {} for an empty body, refuses scalars unless told otherwise and decodes
// by the declared charset; the contract reads the body as UTF-8 and answers 400 for an empty one.
// So the body is read raw, with express's own limit.
const readRaw = express.raw({ type: () => true, limit: MAX_BODY_BYTES })

/**
 * express.raw() with the contract's early 413. body-parser refuses a body over the limit only after
 * draining it to its end: a client that declared 10 MiB and sent only the head waited for ever, and
 * one that sent it all waited for all of it. So a `content-length` over the limit is answered at
 * once, and a body without one (chunked) is counted as it comes and answered as soon as it passes
 * the limit, while body-parser drains the rest; its own 413, later, is then dropped.
 */
const readBody: RequestHandler = (req, res, next) => {
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > MAX_BODY_BYTES) {
    sendError(res, 413)
    return
  }
  readRaw(req, res, (error?: unknown) => {
    if (!res.headersSent) next(error)
  })
  // Counted after express.raw() has attached its own reader, so that no chunk passes it by.
  if (declared === undefined) {
    let size = 0
    const count = (chunk: Buffer) => {
      size += chunk.length
      if (size <= MAX_BODY_BYTES) return
      req.off('data', count)
      sendError(res, 413)
    }
    req.on('data', count)
  }
}

const onError: ErrorRequestHandler = (error: { status?: number }, _req, res, next) => {
  // 400: a param express could not percent-decode; 413: a body over the limit.
  if (error.status === 400 || error.status === 413) sendError(res, error.status)
  else next(error)
}

function app(): express.Express {
  const app = express()
  app.disable('x-powered-by') // a header the contract does not have
  app.set('etag', false) // express would hash every body for an ETag
  app.set('case sensitive routing', true) // /JSON is not /json
  app.set('strict routing', true) // /json/ is not /json

  app.get('/', (_req, res) => {
    res.type('text').send(HELLO)
  })
  app.get('/json', (_req, res) => {
    res.json(HELLO_JSON)
  })
  app.get('/users/:id', (req, res) => {
    res.json({ id: req.params.id })
  })
  app.get('/users/:id/posts/:postId', (req, res) => {
    res.json({ id: req.params.id, postId: req.params.postId })
  })
  app.get('/search', (req, res) => {
    const result = searchResult(firstValue(req.query.q), firstValue(req.query.limit))
    if (result === null) sendError(res, 400)
    else res.json(result)
  })
  app.post('/echo', requireJson, readBody, (req, res) => {
    // No body at all (neither content-length nor chunked) leaves req.body unset: that is empty.
    const body = Buffer.isBuffer(req.body) ? req.body.toString('utf8') : ''
    const answer = echoBody(body)
    if (answer === null) sendError(res, 400, INVALID_JSON)
    else res.type('json').send(answer)
  })
  app.get('/static/{*rest}', (req, res) => {
    // express 5 splits the rest at '/' and decodes each piece
    const rest = req.params.rest as string[] | undefined
    res.json({ path: rest === undefined ? '' : rest.join('/') })
  })
  for (const route of GITHUB_ROUTES) {
    app[route.method.toLowerCase() as 'get'](route.pattern, (req, res) => {
      res.type('json').send(githubBody(route, (name) => req.params[name] as string))
    })
  }

  // A path the API knows, reached with another method: registered after every route, so only a
  // request no route took gets here.
  for (const [pattern, allow] of ALLOW) {
    app.all(restPattern(pattern), (_req, res) => {
      res.set('allow', allow)
      sendError(res, 405)
    })
  }
  app.use((_req, res) => sendError(res, 404))
  app.use(onError)
  return app
}

const server: ServerDefinition = {
  name: 'express',
  style: 'mux-style router: app.get(path, handler)',
  packages: ['express'],
  start: (options) => listen(createServer(app()), options),
}
export default server
