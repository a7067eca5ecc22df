/**
 * `Bun.serve`, typed with the part of Bun's API that the Bun servers use: the build knows the types
 * of Node.js only. Bun's global is read when a server starts, never on import.
 */
import type { RunningServer, StartOptions } from '../types.js'
import type { FetchHandler } from './fetch-send.js'
import { ListenError } from './listen-error.js'

interface BunServer {
  readonly port: number
  stop(closeActiveConnections?: boolean): Promise<void>
}

interface Bun {
  serve(options: { hostname: string; port: number; fetch: FetchHandler }): BunServer
}

/** Serves `fetch` with `Bun.serve`; rejects with a `ListenError` when the address cannot be bound. */
export async function serveOnBun(
  fetch: FetchHandler,
  { host, port }: StartOptions,
): Promise<RunningServer> {
  const { Bun } = globalThis as unknown as { Bun: Bun }
  let server: BunServer
  try {
    server = Bun.serve({ hostname: host, port, fetch })
  } catch (error) {
    throw ListenError.fromSystemError(host, port, error as NodeJS.ErrnoException)
  }
  // stop(true) closes the open connections too, as close() of the other servers does.
  return { port: server.port, close: () => server.stop(true) }
}
