/**
 * Where things are in a checkout of this repository: the one module that knows the layout, so that
 * moving a file never breaks a path computed somewhere else. Every other module asks here.
 *
 * This file is compiled to `dist/bench/lib/paths.js`; the checkout's root is three folders up.
 */
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

/** The root of this checkout. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url))

/** README.md, whose results sections `--update-readme` rewrites. */
export const README = join(ROOT, 'README.md')

/** router/README.md, whose performance section `npm run bench:router -- --update-readme` rewrites. */
export const ROUTER_README = join(ROOT, 'router', 'README.md')

/**
 * `dist/servers/serve.js` of a checkout: the script that runs one server. `npm run regress` passes
 * another checkout's root; every commit of this project keeps it at this place.
 */
export function serveScript(root: string = ROOT): string {
  return join(root, 'dist', 'servers', 'serve.js')
}

/** `dist/servers/describe.js`: prints what a server is, on the runtime that runs it. */
export function describeScript(root: string = ROOT): string {
  return join(root, 'dist', 'servers', 'describe.js')
}

/** `router/dist/index.js` of a checkout: its build of `@routebench/router`. */
export function routerModule(root: string = ROOT): string {
  return join(root, 'router', 'dist', 'index.js')
}
