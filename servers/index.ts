/**
 * The registry: every server by name, with the runtimes it runs on, loaded on demand so that a
 * server whose dependencies cannot load here (uWebSockets.js on another platform) takes nothing
 * else down, and a server is never loaded on a runtime it was not written for (`Bun.serve` under
 * Node.js). Adding a server is one file in this folder plus one line below.
 */
import { currentRuntime, RUNTIME_LABELS, type RuntimeName } from '@routebench/fixtures'
import {
  MissingDependencyError,
  OtherRuntimeError,
  ServerUnavailableError,
  UnknownServerError,
} from './load-errors.js'
import type { ServerDefinition } from './types.js'

type ServerModule = Promise<{ default: ServerDefinition }>

interface Entry {
  /** The runtimes it runs on: Node.js, and those whose node:http it runs unchanged on, or the one
   * whose own server it is written for. */
  readonly runtimes: readonly RuntimeName[]
  readonly load: () => ServerModule
}

/** A server on node:http runs unchanged on each runtime's compatibility layer. */
const NODE_HTTP: readonly RuntimeName[] = ['node', 'bun', 'deno']

const SERVERS = {
  'node-http': { runtimes: NODE_HTTP, load: () => import('./node-http.js') },
  express: { runtimes: NODE_HTTP, load: () => import('./express.js') },
  koa: { runtimes: NODE_HTTP, load: () => import('./koa.js') },
  fastify: { runtimes: NODE_HTTP, load: () => import('./fastify.js') },
  hono: { runtimes: NODE_HTTP, load: () => import('./hono.js') },
  // uWebSockets.js is a Node.js addon.
  uws: { runtimes: ['node'], load: () => import('./uws.js') },
  trie: { runtimes: NODE_HTTP, load: () => import('./trie.js') },
  'trie-uws': { runtimes: ['node'], load: () => import('./trie-uws.js') },
  'hono-bun': { runtimes: ['bun'], load: () => import('./hono-bun.js') },
  'hono-deno': { runtimes: ['deno'], load: () => import('./hono-deno.js') },
  'trie-bun': { runtimes: ['bun'], load: () => import('./trie-bun.js') },
  'trie-deno': { runtimes: ['deno'], load: () => import('./trie-deno.js') },
} satisfies Record<string, Entry>

export type ServerName = keyof typeof SERVERS

/** The names, in the order the README's table lists them. */
export const SERVER_NAMES = Object.keys(SERVERS) as readonly ServerName[]

function isServerName(name: string): name is ServerName {
  return Object.hasOwn(SERVERS, name)
}

/** The runtimes server `name` runs on; throws an `UnknownServerError` for an unknown name. */
export function runtimesOf(name: string): readonly RuntimeName[] {
  if (!isServerName(name)) throw new UnknownServerError(name, SERVER_NAMES)
  return entry(name).runtimes
}

/** The servers that run on `runtime`, in the order of `SERVER_NAMES`. */
export function serversOn(runtime: RuntimeName): ServerName[] {
  return SERVER_NAMES.filter((name) => runsOn(name, runtime))
}

/** Whether server `name` runs on `runtime`. */
export function runsOn(name: ServerName, runtime: RuntimeName): boolean {
  return entry(name).runtimes.includes(runtime)
}

function entry(name: ServerName): Entry {
  return SERVERS[name]
}

/**
 * The definition of the server called `name`, on the runtime running this code. Throws an
 * `UnknownServerError` for a name not in `SERVER_NAMES`, an `OtherRuntimeError` when the server
 * does not run on this runtime (its module is then not loaded), and a `ServerUnavailableError`
 * when a dependency it needs cannot load here.
 */
export async function loadServer(name: string): Promise<ServerDefinition> {
  if (!isServerName(name)) throw new UnknownServerError(name, SERVER_NAMES)
  const { runtimes, load } = entry(name)
  const runtime = currentRuntime()
  if (!runtimes.includes(runtime)) {
    const on = runtimes.map((r) => RUNTIME_LABELS[r]).join(', ')
    throw new OtherRuntimeError(name, `runs on ${on} only, and this is ${RUNTIME_LABELS[runtime]}`)
  }
  try {
    return (await load()).default
  } catch (error) {
    if (error instanceof MissingDependencyError) throw new ServerUnavailableError(name, error)
    throw error
  }
}

export {
  MissingDependencyError,
  OtherRuntimeError,
  ServerLoadError,
  ServerUnavailableError,
  UnknownServerError,
} from './load-errors.js'
