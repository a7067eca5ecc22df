import { type Agent, request as httpRequest } from 'node:http'
import { connect } from 'node:net'
import { parseReply, type Reply } from './reply.js'

/** Where the server under test listens. */
export interface Target {
  readonly host: string
  readonly port: number
}

export interface Request {
  readonly method: string
  /** The request target exactly as sent: path and query, already percent-encoded. */
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
  /** Send the body with `transfer-encoding: chunked` instead of a `content-length`. */
  readonly chunked?: boolean
}

const CHUNK = 65_536

/**
 * Sends one request with `node:http` and reads the reply, over `agent`'s keep-alive connections or,
 * with `false`, on a connection of its own.
 */
export function send(
  target: Target,
  agent: Agent | false,
  req: Request,
  timeoutMs: number,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...req.headers }
    const body = req.body === undefined ? undefined : Buffer.from(req.body)
    if (body !== undefined && req.chunked !== true) headers['content-length'] = String(body.length)
    const outgoing = httpRequest(
      { host: target.host, port: target.port, method: req.method, path: req.path, headers, agent },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('error', reject)
        res.on('end', () => {
          const raw = res.rawHeaders
          const pairs: [string, string][] = []
          for (let i = 0; i < raw.length; i += 2)
            pairs.push([raw[i] as string, raw[i + 1] as string])
          resolve({ status: res.statusCode as number, headers: pairs, body: Buffer.concat(chunks) })
        })
      },
    )
    outgoing.setTimeout(timeoutMs, () =>
      outgoing.destroy(new Error(`no answer within ${timeoutMs} ms`)),
    )
    outgoing.on('error', reject)
    if (body !== undefined) {
      // With no content-length, node:http sends each write() as one chunk.
      for (let at = 0; at < body.length; at += CHUNK) outgoing.write(body.subarray(at, at + CHUNK))
    }
    outgoing.end()
  })
}

/** What came back on a raw connection. */
export interface RawOutcome {
  /** The first complete answer, or null if none came. */
  readonly reply: Reply | null
  /** The server closed the connection (or reset it) before the outcome was settled. */
  readonly closed: boolean
  readonly timedOut: boolean
}

/**
 * Writes `bytes` on a new connection, exactly as given, and settles on the first complete answer,
 * on the server closing the connection, or after `timeoutMs`. Write errors are ignored: a server
 * may rightly answer and close before it has read everything.
 */
export function rawExchange(target: Target, bytes: Buffer, timeoutMs: number): Promise<RawOutcome> {
  return new Promise((resolve) => {
    const socket = connect(target.port, target.host)
    let received = Buffer.alloc(0)
    const settle = (outcome: RawOutcome) => {
      clearTimeout(timer)
      socket.removeAllListeners()
      socket.on('error', () => {})
      socket.destroy()
      resolve(outcome)
    }
    const timer = setTimeout(
      () => settle({ reply: parseReply(received, true), closed: false, timedOut: true }),
      timeoutMs,
    )
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk])
      const reply = parseReply(received, false)
      if (reply !== null) settle({ reply, closed: false, timedOut: false })
    })
    const onClosed = () =>
      settle({ reply: parseReply(received, true), closed: true, timedOut: false })
    socket.on('end', onClosed)
    socket.on('error', onClosed)
    socket.write(bytes, () => {})
  })
}

/**
 * Starts an upload and drops the connection in the middle of the body, once `bytes` are written.
 */
export function abortedUpload(target: Target, bytes: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const socket = connect(target.port, target.host)
    socket.on('error', () => {})
    socket.write(bytes, () => {
      socket.destroy()
      resolve()
    })
  })
}
