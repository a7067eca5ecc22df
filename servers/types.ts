/**
 * The module contract of a server: every file in this folder default-exports a `ServerDefinition`
 * and starts nothing on import. `servers/index.ts` lists them; the conformance suite, `npm run
 * serve` and the benchmark harness only ever use this interface.
 */

export interface StartOptions {
  /** Interface to listen on, e.g. `127.0.0.1`. */
  readonly host: string
  /** Port to listen on; 0 picks a free port. */
  readonly port: number
}

export interface RunningServer {
  /** The port actually bound (useful with port 0). */
  readonly port: number
  /** Stops accepting connections, closes open ones, and resolves once the server is down, within a
   * bounded time whatever the connections are doing: idle ones are closed at once, and those with
   * a request in progress after a grace of a second at most. */
  close(): Promise<void>
}

export interface ServerDefinition {
  /** The name used on the command line and in results: `node-http`, `express`, ... */
  readonly name: string
  /** The routing style it stands for, as the README's server table names it. */
  readonly style: string
  /** npm packages whose installed versions say exactly what was measured. */
  readonly packages: readonly string[]
  /** Starts listening; rejects with a readable error (a busy port, for example). */
  start(options: StartOptions): Promise<RunningServer>
}
