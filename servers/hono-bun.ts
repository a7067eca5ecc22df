/**
 * hono on Bun's own HTTP server, as hono is deployed on Bun: the app's `fetch` given to
 * `Bun.serve`, no Node.js adapter. The app is `hono`'s own (servers/hono.ts), so that the two
 * differ in the server under hono only.
 */
import { app } from './hono.js'
import { serveOnBun } from './shared/bun.js'
import type { ServerDefinition } from './types.js'

const server: ServerDefinition = {
  name: 'hono-bun',
  style: 'hono on Bun.serve: app.fetch, no Node.js adapter',
  packages: ['hono'],
  start: (options) => serveOnBun(app().fetch, options),
}
export default server
