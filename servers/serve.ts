/**
 * Runs one server in the foreground: `npm run serve -- <name> [--port N] [--host H]`, or
 * `node dist/servers/serve.js` with the same arguments. The first line on stdout is
 * `listening on http://HOST:PORT`; SIGINT, SIGTERM or SIGHUP closes the server and exits with 0.
 * `--list` prints the names, one per line. Exit codes as every command's (bench/lib/command.ts):
 * 1 for a server that cannot load or listen, 2 for a bad command line or an unknown name.
 */
import { setTimeout as sleep } from 'node:timers/promises'
import { parseArgs } from 'node:util'
import { OptionsError } from '../bench/lib/args.js'
import { CannotRunError, EXIT, runCommand } from '../bench/lib/command.js'
import { loadServer, SERVER_NAMES, UnknownServerError } from './index.js'

const USAGE = `usage: npm run -s serve -- <name> [options]
       npm run -s serve -- --list

  <name>           one of: ${SERVER_NAMES.join(', ')}
  --port N         port to listen on (default 0: a free one)
  --host H         interface to listen on (default 127.0.0.1)
  --list           print the server names, one per line
  --help           this text

The first line on stdout is "listening on http://HOST:PORT"; SIGINT, SIGTERM or SIGHUP stops
the server with exit code 0.`

/**
 * How long a server may take to close after a signal before the process ends anyway. Every
 * server's `close()` is bounded by itself (idle connections at once, others after a grace of a
 * second), so this only catches one that breaks that promise.
 */
const STOP_DEADLINE_MS = 5000

type Command =
  | { help: boolean; list: true }
  | { help: boolean; list: false; name: string; host: string; port: number }

function parseCommand(args: readonly string[]): Command {
  let parsed: ReturnType<typeof parseOptions>
  try {
    parsed = parseOptions(args)
  } catch (error) {
    throw new OptionsError((error as Error).message)
  }
  const { values, positionals } = parsed
  const help = values.help === true
  if (values.list === true) {
    if (positionals.length > 0 || values.port !== undefined || values.host !== undefined) {
      throw new OptionsError('--list takes no other argument')
    }
    return { help, list: true }
  }
  const [name, ...extra] = positionals
  if (name === undefined) {
    if (help) return { help, list: true }
    throw new OptionsError('give a server name; --list prints them')
  }
  if (extra.length > 0)
    throw new OptionsError(`one server at a time, got ${positionals.join(', ')}`)
  return { help, list: false, name, host: values.host ?? '127.0.0.1', port: parsePort(values.port) }
}

function parseOptions(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      list: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0
  const port = /^[0-9]{1,5}$/.test(text) ? Number(text) : Number.NaN
  if (!(port <= 65535))
    throw new OptionsError(`--port must be a number from 0 to 65535, got "${text}"`)
  return port
}

async function serve(command: Command, signal: AbortSignal): Promise<number> {
  if (command.list) {
    process.stdout.write(`${SERVER_NAMES.join('\n')}\n`)
    return EXIT.ok
  }
  const { name, host, port } = command
  let running: Awaited<ReturnType<Awaited<ReturnType<typeof loadServer>>['start']>>
  try {
    running = await (await loadServer(name)).start({ host, port })
  } catch (error) {
    if (error instanceof UnknownServerError) throw new CannotRunError(error.message)
    // A server that cannot load here (uWS on another platform) or cannot listen (a busy port).
    process.stderr.write(`serve: ${(error as Error).message.split('\n')[0]}\n`)
    return EXIT.finding
  }
  const shown = host.includes(':') ? `[${host}]` : host
  process.stdout.write(`listening on http://${shown}:${running.port}\n`)
  if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve))
  const closed = await Promise.race([
    running.close().then(() => true),
    sleep(STOP_DEADLINE_MS, false, { ref: false }),
  ])
  if (!closed)
    process.stderr.write(
      `serve: ${name} did not close within ${STOP_DEADLINE_MS / 1000} s; exiting anyway\n`,
    )
  return EXIT.ok
}

await runCommand({
  name: 'serve',
  usage: USAGE,
  parse: parseCommand,
  run: serve,
  // A server stops quietly: its stderr is for what went wrong.
  stopping: null,
})
// Whatever a server may have left open (a socket, a timer) does not keep the process alive once
// its command is done; a process with nothing left open exits at once, without this.
setTimeout(() => process.exit(), 1000).unref()
