/**
 * The registry: every router adapter by name, loaded on demand, so that a process measuring one
 * router loads that router's code only and the JIT never sees the others. Adding a router is one
 * file in this folder plus one line below.
 */
import type { Adapter } from './adapter.js'

type AdapterModule = Promise<{ default: Adapter }>

const ADAPTERS = {
  routebench: () => import('./routebench.js'),
  'find-my-way': () => import('./find-my-way.js'),
  'hono-regexp': () => import('./hono-regexp.js'),
  'hono-trie': () => import('./hono-trie.js'),
  'hono-linear': () => import('./hono-linear.js'),
  'hono-pattern': () => import('./hono-pattern.js'),
  rou3: () => import('./rou3.js'),
  'rou3-compiled': () => import('./rou3-compiled.js'),
  memoirist: () => import('./memoirist.js'),
  'koa-tree-router': () => import('./koa-tree-router.js'),
  medley: () => import('./medley.js'),
  mapl: () => import('./mapl.js'),
  prostojs: () => import('./prostojs.js'),
  'path-to-regexp': () => import('./path-to-regexp.js'),
} satisfies Record<string, () => AdapterModule>

export type AdapterName = keyof typeof ADAPTERS

/** The names, in the order the tables list them. */
export const ADAPTER_NAMES = Object.keys(ADAPTERS) as readonly AdapterName[]

export class UnknownAdapterError extends Error {
  constructor(name: string) {
    super(`unknown router "${name}"; the routers are: ${ADAPTER_NAMES.join(', ')}`)
    this.name = 'UnknownAdapterError'
  }
}

/** The adapter called `name`; an `UnknownAdapterError` for a name not in `ADAPTER_NAMES`. */
export async function loadAdapter(name: string): Promise<Adapter> {
  if (!Object.hasOwn(ADAPTERS, name)) throw new UnknownAdapterError(name)
  return (await ADAPTERS[name as AdapterName]()).default
}
