import type { TemplatedApp, us_listen_socket } from 'uws-pack'
import type { RunningServer, StartOptions } from '../types.js'
import { ListenError } from './listen-error.js'
import { uws } from './uws.js'

// uWS.js takes (host, port, options, callback); uws-pack's typings only know that form without host,
// and miss the LIBUS_LISTEN_EXCLUSIVE_PORT constant its module exports.
const { LIBUS_LISTEN_EXCLUSIVE_PORT } = uws as unknown as { LIBUS_LISTEN_EXCLUSIVE_PORT: number }
type ListenWithOptions = (
  host: string,
  port: number,
  options: number,
  callback: (socket: us_listen_socket | false) => void,
) => TemplatedApp

/**
 * Binds a uWS app. The port is exclusive: by default uSockets sets SO_REUSEPORT, and a second
 * server on a busy port would share it silently instead of failing. uWS gives no reason for a
 * failure, so the error says what it usually is.
 */
export function listen(app: TemplatedApp, { host, port }: StartOptions): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const bind = app.listen.bind(app) as unknown as ListenWithOptions
    bind(host, port, LIBUS_LISTEN_EXCLUSIVE_PORT, (socket) => {
      if (socket === false) {
        reject(new ListenError(host, port, 'the port is in use or the address is not local'))
        return
      }
      resolve({
        port: uws.us_socket_local_port(socket),
        close: async () => {
          app.close() // the listen socket and every open connection
        },
      })
    })
  })
}
