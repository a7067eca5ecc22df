/**
 * Where a sample of a server's CPU profile belongs: the one place that maps code to the layers of
 * a request. Every rule is data, in order; `layerOf` applies them to a function of the profile.
 *
 * - `network`: Node.js's own JavaScript (`node:` modules: `_http_server`, `net`, `stream`, ...);
 * - `framework`: the framework's packages under `node_modules`;
 * - `router`: the module that does the routing in each server (`ROUTER_MODULES`);
 * - `app`: this project's handlers (`dist/servers/`);
 * - `gc`: V8's garbage collector on the main thread;
 * - `native`: time outside JavaScript that V8 cannot see into (`(program)`): Node's C++ HTTP
 *   parser and libuv, and all of uWebSockets.js's C++ (its HTTP stack and its router, which
 *   therefore cannot be told apart);
 * - `idle`: the event loop waiting, which is not a cost and is left out of the shares;
 * - `other`: code that none of the rules names (a package no rule knows), shown as such.
 *
 * A built-in function with no script of its own (`JSON.stringify`, `String.prototype.indexOf`)
 * belongs to the code that called it: a `JSON.stringify` in a handler is the handler's cost.
 */

export const LAYERS = ['network', 'framework', 'router', 'app', 'gc', 'native', 'other'] as const
export type Layer = (typeof LAYERS)[number]
/** Layers of a sample, with the idle one that no share counts. */
export type SampleLayer = Layer | 'idle'

/**
 * Why a cell of Bun or Deno has no profile. Both answer node:inspector's `Profiler.start` and load
 * a module first (`--preload`), so the agent could run there; but the layers are read from where
 * Node.js's own JavaScript lives (`node:_http_server`, ...), and Bun's HTTP stack is native code
 * under JavaScriptCore while Deno's node:http is its own (`ext:` modules and Rust): their samples
 * would land in layers that do not mean the same thing, side by side with Node.js's.
 */
export const ON_NODE_ONLY =
  "not profiled: the layers are read from where Node.js's own modules are, and Bun's and Deno's HTTP stacks are elsewhere"

export const LAYER_NAMES: Readonly<Record<Layer, string>> = {
  network: 'node:http and the network stack (JavaScript)',
  framework: 'framework',
  router: 'router',
  app: "the app's handlers",
  gc: 'garbage collection',
  native: 'native code (C++ HTTP parser, libuv, uWS)',
  other: 'other',
}

/**
 * The routing module of each server, by the npm packages (or this project's router) that do its
 * routing. express 5 routes with the `router` package and path-to-regexp; koa with @koa/router and
 * path-to-regexp; fastify with find-my-way; hono with its own router modules (`hono/dist/router/`);
 * `trie` and `trie-uws` with @routebench/router. `node-http` has no router: its dispatch on
 * `req.method` and `req.url` is its app code. uWebSockets.js routes in C++.
 */
export const ROUTER_MODULES: Readonly<Record<string, readonly RouterModule[]>> = {
  express: [{ package: 'router' }, { package: 'path-to-regexp' }],
  koa: [{ package: '@koa/router' }, { package: 'path-to-regexp' }],
  fastify: [{ package: 'find-my-way' }],
  hono: [{ package: 'hono', path: 'dist/router' }],
  trie: [{ package: '@routebench/router' }],
  'trie-uws': [{ package: '@routebench/router' }],
}

/** What a server's profile says of its router, when the router is not JavaScript it can see. */
export const ROUTER_NOTES: Readonly<Record<string, string>> = {
  'node-http': 'no router: its dispatch on req.method and req.url is app code',
  uws: "routes in C++: its router's time is part of the native layer and cannot be told apart",
}

export interface RouterModule {
  /** npm package name. */
  readonly package: string
  /** Only this folder of the package (hono's routers live inside the hono package). */
  readonly path?: string
}

/** The callFrame of a profile node, as V8 writes it. */
export interface CallFrame {
  readonly functionName: string
  readonly url: string
  readonly lineNumber: number
}

/**
 * The npm package a script URL belongs to, and the path inside it: the last `node_modules/` of the
 * URL wins (a package's own dependencies are other packages). This project's router is a workspace
 * package that Node.js loads from its real path, `<root>/router/dist/`.
 */
export function packageOf(url: string, root: string): { name: string; path: string } | null {
  const at = url.lastIndexOf('/node_modules/')
  if (at !== -1) {
    const rest = url.slice(at + '/node_modules/'.length).split('/')
    const scoped = rest[0]?.startsWith('@') === true
    const name = scoped ? `${rest[0]}/${rest[1]}` : (rest[0] as string)
    return { name, path: rest.slice(scoped ? 2 : 1).join('/') }
  }
  const own = `${root.endsWith('/') ? root : `${root}/`}router/`
  const file = url.startsWith('file://') ? url.slice('file://'.length) : url
  if (file.startsWith(own)) return { name: '@routebench/router', path: file.slice(own.length) }
  return null
}

/**
 * The layer of one function of a profile of `server`, or null for a built-in with no script
 * (`layerOf` of the caller then decides). `root` is the checkout's root (`bench/lib/paths.ts`).
 */
export function ownLayer(frame: CallFrame, server: string, root: string): SampleLayer | null {
  switch (frame.functionName) {
    case '(garbage collector)':
      return 'gc'
    case '(idle)':
      return 'idle'
    case '(program)':
      return 'native'
    case '(root)':
      return 'other'
  }
  const url = frame.url
  if (url === '') return null
  if (url.startsWith('node:')) return 'network'
  const pkg = packageOf(url, root)
  if (pkg !== null) {
    const routers = ROUTER_MODULES[server] ?? []
    const routing = routers.some(
      (r) => r.package === pkg.name && (r.path === undefined || pkg.path.startsWith(`${r.path}/`)),
    )
    if (routing) return 'router'
    return pkg.name === '@routebench/router' ? 'other' : 'framework'
  }
  const file = url.startsWith('file://') ? url.slice('file://'.length) : url
  const servers = `${root.endsWith('/') ? root : `${root}/`}dist/servers/`
  if (file.startsWith(servers)) return 'app'
  return 'other'
}
