/** Why `loadServer()` gave no server. `reason` is one line, fit for a command-line error. */
export class ServerLoadError extends Error {
  readonly server: string
  readonly reason: string

  constructor(server: string, reason: string) {
    super(reason)
    this.name = new.target.name
    this.server = server
    this.reason = reason
  }
}

/** No server has that name. */
export class UnknownServerError extends ServerLoadError {
  constructor(server: string, known: readonly string[]) {
    super(server, `unknown server "${server}"; the servers are: ${known.join(', ')}`)
  }
}

/** The server's module cannot load here, typically a native dependency built for another platform. */
export class ServerUnavailableError extends ServerLoadError {
  constructor(server: string, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause)
    super(server, `server "${server}" cannot load here: ${message.split('\n')[0]}`)
    this.cause = cause
  }
}
