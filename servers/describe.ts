/**
 * Prints the style and packages of the server named on the command line, as one line of JSON, as
 * the runtime running it loads it: `bun dist/servers/describe.js hono-bun`. How the benchmark and
 * the tests, on Node.js, learn what a server of another runtime is (its module may only be loaded
 * there). It lives in this checkout, not in a temporary folder, so that Deno finds the checkout's
 * package.json and resolves its packages.
 */
import { loadServer } from './index.js'

const { style, packages } = await loadServer(process.argv[2] ?? '')
process.stdout.write(`${JSON.stringify({ style, packages })}\n`)
