import { echoBody, INVALID_JSON, isJsonContentType, MAX_BODY_BYTES, searchResult } from '../spec.js'
import { sendError, sendJson } from './fetch-send.js'

// The two answers of `trie-bun` and `trie-deno` that take more than a line, written against the
// web's fetch API as a user of Bun.serve or Deno.serve writes them.

/** `GET /search`, given the request target (path and query). */
export function search(target: string): Response {
  const mark = target.indexOf('?')
  const params = new URLSearchParams(mark === -1 ? '' : target.slice(mark + 1))
  const result = searchResult(params.get('q'), params.get('limit'))
  return result === null ? sendError(400) : sendJson(JSON.stringify(result))
}

/** `POST /echo`: 415, then 413, then 400 `Invalid JSON`, as `spec.ts` orders them. */
export async function echo(request: Request): Promise<Response> {
  if (!isJsonContentType(request.headers.get('content-type'))) return sendError(415)
  let body: string | null
  try {
    body = await readBody(request, MAX_BODY_BYTES)
  } catch {
    return sendError(400) // the client went away mid-upload: nobody reads this
  }
  if (body === null) return sendError(413)
  const answer = echoBody(body)
  return answer === null ? sendError(400, INVALID_JSON) : sendJson(answer)
}

/**
 * The body as UTF-8 text, or null once it is over `limit` bytes: by `content-length` before
 * reading, or as soon as the count passes the limit (a chunked body), never holding more.
 * `request.text()` would read a body of any size.
 */
async function readBody(request: Request, limit: number): Promise<string | null> {
  const declared = request.headers.get('content-length')
  if (declared !== null && Number(declared) > limit) return null
  if (request.body === null) return ''
  const reader = request.body.getReader()
  const chunks: Uint8Array[] = []
  let size = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    size += value.byteLength
    if (size > limit) {
      void reader.cancel()
      return null
    }
    chunks.push(value)
  }
  const whole = new Uint8Array(size)
  let offset = 0
  for (const chunk of chunks) {
    whole.set(chunk, offset)
    offset += chunk.byteLength
  }
  return new TextDecoder().decode(whole)
}
