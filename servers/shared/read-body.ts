import type { IncomingMessage } from 'node:http'

/** `readBody()`'s answer for a body over the limit. */
export const TOO_LARGE: unique symbol = Symbol('too large')

/**
 * Reads a request body as UTF-8 text, never holding more than `limit` bytes: a `content-length`
 * over the limit gives `TOO_LARGE` before anything is read, and a body without one (chunked) gives
 * it as soon as the count passes the limit. The rest of a refused body is left to `node:http`,
 * which drains it once the answer is sent. Rejects when the client aborts the upload.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<string | typeof TOO_LARGE> {
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > limit) return Promise.resolve(TOO_LARGE)
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    const onData = (chunk: Buffer) => {
      size += chunk.length
      if (size > limit) {
        stop()
        req.resume() // drain what is left without keeping it
        resolve(TOO_LARGE)
      } else {
        chunks.push(chunk)
      }
    }
    const onEnd = () => {
      stop()
      resolve(Buffer.concat(chunks, size).toString('utf8'))
    }
    const onError = (error: Error) => {
      stop()
      reject(error)
    }
    const stop = () => {
      req.off('data', onData)
      req.off('end', onEnd)
      req.off('error', onError)
    }
    req.on('data', onData)
    req.on('end', onEnd)
    req.on('error', onError)
  })
}
