import { pathToFileURL } from 'node:url'
import type { Adapter } from './adapter.js'
import { type RouterClass, routebenchAdapter } from './adapters/routebench.js'

/**
 * The `routebench` adapter over another build of the router, loaded from the path of its
 * `dist/index.js` (an older commit's worktree, or a test fixture).
 */
export async function routerModuleAdapter(path: string, name = 'routebench'): Promise<Adapter> {
  const module = (await import(pathToFileURL(path).href)) as { Router?: RouterClass }
  if (typeof module.Router !== 'function') {
    throw new Error(`${path} does not export a Router class`)
  }
  return routebenchAdapter(module.Router, name)
}
