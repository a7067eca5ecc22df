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

/** A server needs a dependency that cannot load here, such as a native binary for another platform. */
export class ServerUnavailableError extends ServerLoadError {
  constructor(server: string, cause: MissingDependencyError) {
    super(server, `server "${server}" is unavailable here: ${cause.message}`)
    this.cause = cause
  }
}

/** The server does not run on the runtime running this code (`hono-bun` under Node.js). */
export class OtherRuntimeError extends ServerLoadError {
  constructor(server: string, why: string) {
    super(server, `server "${server}" ${why}`)
  }
}

/**
 * Thrown while a server's module loads, when a dependency it needs cannot load here. The registry
 * turns it into a `ServerUnavailableError`, so that the server is skipped with this reason; any
 * other error while loading is a bug and is not hidden that way.
 */
export class MissingDependencyError extends Error {
  readonly dependency: string

  constructor(dependency: string, cause: unknown) {
    const message = cause instanceof Error ? cause.message : String(cause)
    super(`${dependency} cannot load: ${message.split('\n')[0]}`)
    this.name = 'MissingDependencyError'
    this.dependency = dependency
    this.cause = cause
  }
}
