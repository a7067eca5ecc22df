/**
 * Prints the style and packages of the server named on the command line, as JSON: run by the
 * tests on a server's own runtime (`bun describe-server.js hono-bun`), where the registry loads it.
 * A script in this checkout rather than a temporary one, so that Deno finds the checkout's
 * package.json and resolves its packages.
 */
import { loadServer } from '../index.js'

const { style, packages } = await loadServer(process.argv[2] ?? '')
process.stdout.write(`${JSON.stringify({ style, packages })}\n`)
