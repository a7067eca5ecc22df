/**
 * `@routebench/router` on Bun's own HTTP server: its fetch handler (servers/shared) given to
 * `Bun.serve`, no `node:http` in between.
 */
import { serveOnBun } from './shared/bun.js'
import { handle } from './shared/trie-fetch.js'
import type { ServerDefinition } from './types.js'

const server: ServerDefinition = {
  name: 'trie-bun',
  style: "this project's trie router on Bun.serve",
  packages: ['@routebench/router'],
  start: (options) => serveOnBun(handle, options),
}
export default server
