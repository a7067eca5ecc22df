import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { RunningServer, StartOptions } from '../types.js'
import { closeGracefully } from './close-gracefully.js'
import { ListenError } from './listen-error.js'

/** Binds a `node:http` server; rejects with a `ListenError` when the address cannot be bound. */
export function listen(server: Server, { host, port }: StartOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException) =>
      reject(ListenError.fromSystemError(host, port, error))
    server.once('error', onError)
    server.listen(port, host, () => {
      server.off('error', onError)
      const bound = (server.address() as AddressInfo).port
      resolve({ port: bound, close: () => close(server) })
    })
  })
}

function close(server: Server): Promise<void> {
  return closeGracefully(
    server,
    () =>
      new Promise((resolve, reject) =>
        server.close((error) => (error === undefined ? resolve() : reject(error))),
      ),
  )
}
