/**
 * Runs one server in the foreground: `npm run serve -- <name> [--port N] [--host H]`, or
 * `node dist/servers/serve.js` with the same arguments. The first line on stdout is
 * `listening on http://HOST:PORT`; SIGINT or SIGTERM closes the server and exits with 0. `--list`
 * prints the names, one per line. Any failure is one line on stderr and a non-zero exit: 2 for a
 * bad command line or an unknown name, 1 for a server that cannot load or listen.
 */
import { parseArgs } from 'node:util'
import { loadServer, SERVER_NAMES, UnknownServerError } from './index.js'

const USAGE = 'usage: serve <name> [--port N] [--host H] | serve --list'

class UsageError extends Error {}

type Command = { list: true } | { list: false; name: string; host: string; port: number }

function parseCommand(args: string[]): Command {
  let parsed: ReturnType<typeof parseOptions>
  try {
    parsed = parseOptions(args)
  } catch (error) {
    throw new UsageError((error as Error).message)
  }
  const { values, positionals } = parsed
  if (values.list === true) {
    if (positionals.length > 0 || values.port !== undefined || values.host !== undefined) {
      throw new UsageError('--list takes no other argument')
    }
    return { list: true }
  }
  const [name, ...extra] = positionals
  if (name === undefined) throw new UsageError('give a server name; --list prints them')
  if (extra.length > 0) throw new UsageError(`one server at a time, got ${positionals.join(', ')}`)
  return { list: false, name, host: values.host ?? '127.0.0.1', port: parsePort(values.port) }
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: { port: { type: 'string' }, host: { type: 'string' }, list: { type: 'boolean' } },
  })
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : Number.NaN
  if (!(port <= 65535))
    throw new UsageError(`--port must be a number from 0 to 65535, got "${text}"`)
  return port
}

async function main(): Promise<void> {
  const command = parseCommand(process.argv.slice(2))
  if (command.list) {
    process.stdout.write(`${SERVER_NAMES.join('\n')}\n`)
    return
  }
  const { name, host, port } = command
  const server = await loadServer(name)
  const running = await server.start({ host, port })
  // Once the server is closed nothing keeps the process alive, and it exits with 0.
  const stop = () => {
    running.close().catch((error: unknown) => fail(error, 1))
  }
  // Before the line: whoever reads it may signal at once, and without a handler a signal kills.
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
  const shown = host.includes(':') ? `[${host}]` : host
  process.stdout.write(`listening on http://${shown}:${running.port}\n`)
}

function fail(error: unknown, code: number): void {
  const message = error instanceof Error ? error.message : String(error)
  process.stderr.write(`serve: ${message.split('\n')[0]}\n`)
  process.exitCode = code
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) fail(new Error(`${error.message} (${USAGE})`), 2)
  else fail(error, error instanceof UnknownServerError ? 2 : 1)
})
