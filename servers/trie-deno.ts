/**
 * `@routebench/router` on Deno's own HTTP server: its fetch handler (servers/shared) given to
 * `Deno.serve`, no `node:http` in between.
 */
import { serveOnDeno } from './shared/deno.js'
import { handle } from './shared/trie-fetch.js'
import type { ServerDefinition } from './types.js'

const server: ServerDefinition = {
  name: 'trie-deno',
  style: "this project's trie router on Deno.serve",
  packages: ['@routebench/router'],
  start: (options) => serveOnDeno(handle, options),
}
export default server
