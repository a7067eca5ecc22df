/** A server could not bind its address. The message says which address and what to do about it. */
export class ListenError extends Error {
  readonly host: string
  readonly port: number

  constructor(host: string, port: number, reason: string) {
    super(`cannot listen on ${host}:${port}: ${reason}`)
    this.name = 'ListenError'
    this.host = host
    this.port = port
  }

  /** The error for a failed `listen()` of `node:net`, by its `code`. */
  static fromSystemError(host: string, port: number, error: NodeJS.ErrnoException): ListenError {
    switch (error.code) {
      case 'EADDRINUSE':
        return new ListenError(host, port, 'the port is in use; stop what holds it or pick another')
      case 'EACCES':
        return new ListenError(host, port, 'permission denied; use a port above 1023')
      case 'EADDRNOTAVAIL':
      case 'ENOTFOUND':
        return new ListenError(host, port, 'no such local address; try 127.0.0.1')
      default:
        return new ListenError(host, port, error.message)
    }
  }
}
