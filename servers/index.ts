/**
 * The registry: every server by name, loaded on demand so that a server whose dependencies cannot
 * load here (uWebSockets.js on another platform) takes nothing else down. Adding a server is one
 * file in this folder plus one line below.
 */
import {
  MissingDependencyError,
  ServerUnavailableError,
  UnknownServerError,
} from './load-errors.js'
import type { ServerDefinition } from './types.js'

type ServerModule = Promise<{ default: ServerDefinition }>

const SERVERS = {
  'node-http': () => import('./node-http.js'),
  express: () => import('./express.js'),
  koa: () => import('./koa.js'),
  fastify: () => import('./fastify.js'),
  hono: () => import('./hono.js'),
  uws: () => import('./uws.js'),
  trie: () => import('./trie.js'),
  'trie-uws': () => import('./trie-uws.js'),
} satisfies Record<string, () => ServerModule>

export type ServerName = keyof typeof SERVERS

/** The names, in the order the README's table lists them. */
export const SERVER_NAMES = Object.keys(SERVERS) as readonly ServerName[]

function isServerName(name: string): name is ServerName {
  return Object.hasOwn(SERVERS, name)
}

/**
 * The definition of the server called `name`. Throws an `UnknownServerError` for a name not in
 * `SERVER_NAMES`, and a `ServerUnavailableError` when a dependency it needs cannot load here.
 */
export async function loadServer(name: string): Promise<ServerDefinition> {
  if (!isServerName(name)) throw new UnknownServerError(name, SERVER_NAMES)
  try {
    return (await SERVERS[name]()).default
  } catch (error) {
    if (error instanceof MissingDependencyError) throw new ServerUnavailableError(name, error)
    throw error
  }
}

export {
  MissingDependencyError,
  ServerLoadError,
  ServerUnavailableError,
  UnknownServerError,
} from './load-errors.js'
