/**
 * fastify 5: a radix-tree router (find-my-way), hooks, and response schemas that compile a
 * serializer per route, the framework's own fast path for JSON.
 */
import { parse } from 'node:querystring'
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify'
import { closeGracefully } from './shared/close-gracefully.js'
import { firstValue } from './shared/first-value.js'
import { ListenError } from './shared/listen-error.js'
import {
  ALLOW,
  type ErrorStatus,
  errorBody,
  GITHUB_ROUTES,
  HELLO,
  HELLO_JSON,
  INVALID_JSON,
  isJsonContentType,
  JSON_TYPE,
  MAX_BODY_BYTES,
  searchResult,
} from './spec.js'
import type { RunningServer, ServerDefinition, StartOptions } from './types.js'

function sendError(reply: FastifyReply, status: ErrorStatus, reason?: string): FastifyReply {
  return reply.code(status).type(JSON_TYPE).send(errorBody(status, reason))
}

const STRING = { type: 'string' } as const

/** The response schema of an object whose properties are all strings, in this order. */
function strings(names: readonly string[]) {
  const properties = Object.fromEntries(names.map((name) => [name, STRING]))
  return { type: 'object', properties, required: [...names] } as const
}

const ok = (schema: object) => ({ schema: { response: { 200: schema } } })

/**
 * find-my-way gives a named param an empty value (`/users/` matches `/users/:id`); for the contract
 * such a path is unknown. A hook of the routes with named params.
 */
async function nonEmptyParams(request: FastifyRequest, reply: FastifyReply): Promise<void> {
  const params = request.params as Record<string, string>
  for (const name in params) {
    if (name !== '*' && params[name] === '') return void sendError(reply, 404)
  }
}

/** The options of a route with params: its response schema and the hook above. */
const withParams = (schema: object) => ({ ...ok(schema), onRequest: nonEmptyParams })

type Params<K extends string> = { Params: Record<K, string> }
type Query = { Querystring: Record<string, string | string[] | undefined> }

function app(): FastifyInstance {
  const app = Fastify({
    routerOptions: {
      maxParamLength: Number.MAX_SAFE_INTEGER, // the contract has no 414 (find-my-way's cap is 100)
      // fast-querystring keeps a malformed escape (%E0) as it is; node:querystring decodes like
      // URLSearchParams, as the contract does.
      querystringParser: (query) => parse(query),
    },
    bodyLimit: MAX_BODY_BYTES, // fastify's default, written out because the contract depends on it
    onProtoPoisoning: 'ignore', // /echo answers {"__proto__":…} as sent; fastify would refuse it
    onConstructorPoisoning: 'ignore', // the same for {"constructor":{"prototype":…}}
    // find-my-way refuses a path with malformed percent-encoding before routing (FST_ERR_BAD_URL).
    // With no param cap and no async constraints, that is the only framework error left.
    frameworkErrors: (_error, _request, reply) => {
      sendError(reply, 400)
    },
  })

  app.get('/', (_request, reply) => {
    reply.send(HELLO) // a string is sent as text/plain; charset=utf-8
  })
  app.get('/json', ok(strings(['message'])), (_request, reply) => {
    reply.send(HELLO_JSON)
  })
  app.get<Params<'id'>>('/users/:id', withParams(strings(['id'])), (request, reply) => {
    reply.send({ id: request.params.id })
  })
  app.get<Params<'id' | 'postId'>>(
    '/users/:id/posts/:postId',
    withParams(strings(['id', 'postId'])),
    (request, reply) => {
      reply.send({ id: request.params.id, postId: request.params.postId })
    },
  )
  const searchSchema = { type: 'object', properties: { q: STRING, limit: { type: 'integer' } } }
  app.get<Query>('/search', ok(searchSchema), (request, reply) => {
    const { q, limit } = request.query
    const result = searchResult(firstValue(q), firstValue(limit))
    if (result === null) sendError(reply, 400)
    else reply.send(result)
  })
  app.post(
    '/echo',
    {
      // Before the body is read: fastify would parse text/plain too, and check the length first.
      onRequest: async (request, reply) => {
        if (!isJsonContentType(request.headers['content-type'])) return sendError(reply, 415)
      },
    },
    (request, reply) => {
      // A request with no body at all is not parsed; for the contract it is empty JSON.
      if (request.body === undefined) sendError(reply, 400, INVALID_JSON)
      else reply.type(JSON_TYPE).send(JSON.stringify(request.body))
    },
  )
  app.get<Params<'*'>>('/static/*', ok(strings(['path'])), (request, reply) => {
    reply.send({ path: request.params['*'] })
  })
  for (const route of GITHUB_ROUTES) {
    const schema = { type: 'object', properties: { route: STRING, params: strings(route.names) } }
    app.route<{ Params: Record<string, string> }>({
      method: route.method,
      url: route.pattern,
      ...(route.names.length > 0 ? withParams(schema) : ok(schema)),
      handler: (request, reply) => {
        reply.send({ route: route.route, params: request.params })
      },
    })
  }

  // fastify answers 404 for a known path with another method; the contract wants 405. Those
  // methods get a route of their own (HEAD is taken where GET is: fastify adds it).
  for (const [pattern, allow] of ALLOW) {
    const methods = allow.split(', ')
    const others = app.supportedMethods.filter(
      (m) => !methods.includes(m) && !(m === 'HEAD' && methods.includes('GET')),
    )
    app.route({
      method: others,
      url: pattern,
      onRequest: nonEmptyParams,
      handler: (_request, reply) => {
        sendError(reply.header('allow', allow), 405)
      },
    })
  }
  app.setNotFoundHandler((_request, reply) => {
    sendError(reply, 404)
  })
  app.setErrorHandler((error: { code?: string }, _request, reply) => {
    if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') sendError(reply, 413)
    else if (error.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') sendError(reply, 400, INVALID_JSON)
    else if (error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') sendError(reply, 400, INVALID_JSON)
    else reply.send(error)
  })
  return app
}

async function start({ host, port }: StartOptions): Promise<RunningServer> {
  const server = app()
  try {
    await server.listen({ host, port })
  } catch (error) {
    throw ListenError.fromSystemError(host, port, error as NodeJS.ErrnoException)
  }
  const { port: bound } = server.server.address() as { port: number }
  // fastify's close() closes idle connections only, and waits for the others for as long as they
  // stay open.
  return { port: bound, close: () => closeGracefully(server.server, () => server.close()) }
}

const server: ServerDefinition = {
  name: 'fastify',
  style: 'gin-like: radix-tree router, hooks, schema-based serialization',
  packages: ['fastify'],
  start,
}
export default server
