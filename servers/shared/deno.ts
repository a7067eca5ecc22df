/**
 * `Deno.serve`, typed with the part of Deno's API that the Deno servers use: the build knows the
 * types of Node.js only. Deno's global is read when a server starts, never on import.
 */
import type { RunningServer, StartOptions } from '../types.js'
import type { FetchHandler } from './fetch-send.js'
import { ListenError } from './listen-error.js'

interface DenoServer {
  readonly addr: { readonly port: number }
  shutdown(): Promise<void>
}

interface Deno {
  serve(
    options: { hostname: string; port: number; onListen(address: unknown): void },
    handler: FetchHandler,
  ): DenoServer
}

/** Serves `fetch` with `Deno.serve`; rejects with a `ListenError` when the address cannot be bound. */
export async function serveOnDeno(
  fetch: FetchHandler,
  { host, port }: StartOptions,
): Promise<RunningServer> {
  const { Deno } = globalThis as unknown as { Deno: Deno }
  let server: DenoServer
  try {
    // onListen: Deno.serve would print its own "Listening on" line on stdout.
    server = Deno.serve({ hostname: host, port, onListen: () => {} }, fetch)
  } catch (error) {
    throw ListenError.fromSystemError(host, port, error as NodeJS.ErrnoException)
  }
  return { port: server.addr.port, close: () => server.shutdown() }
}
