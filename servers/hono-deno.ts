/**
 * hono on Deno's own HTTP server, as hono is deployed on Deno: the app's `fetch` given to
 * `Deno.serve`, no Node.js adapter. The app is `hono`'s own (servers/hono.ts), so that the two
 * differ in the server under hono only.
 */
import { app } from './hono.js'
import { serveOnDeno } from './shared/deno.js'
import type { ServerDefinition } from './types.js'

const server: ServerDefinition = {
  name: 'hono-deno',
  style: 'hono on Deno.serve: app.fetch, no Node.js adapter',
  packages: ['hono'],
  start: (options) => serveOnDeno(app().fetch, options),
}
export default server
