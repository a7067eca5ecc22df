import type { HttpRequest, HttpResponse } from 'uws-pack'
import { echoBody, INVALID_JSON, isJsonContentType, MAX_BODY_BYTES, searchResult } from '../spec.js'
import { sendError, sendJson } from './uws-send.js'

// The two answers of `uws` and `trie-uws` that take more than a line, shared so that the pair
// differs in routing only.

/** `GET /search`, given the raw query string (`req.getQuery()`). */
export function search(res: HttpResponse, query: string): void {
  // uWS's getQuery(name) neither decodes names nor reads a repeated name as URLSearchParams does.
  const params = new URLSearchParams(query)
  const result = searchResult(params.get('q'), params.get('limit'))
  if (result === null) sendError(res, 400)
  else sendJson(res, JSON.stringify(result))
}

/** `POST /echo`: 415, then 413, then 400 `Invalid JSON`, as `spec.ts` orders them. */
export function echo(res: HttpResponse, req: HttpRequest): void {
  // req lives only until this function returns: read all of it now.
  const type = req.getHeader('content-type')
  const length = req.getHeader('content-length')
  if (!isJsonContentType(type)) sendError(res, 415)
  else if (length !== '' && Number(length) > MAX_BODY_BYTES) sendError(res, 413)
  else {
    readBody(res, (body) => {
      const answer = echoBody(body)
      if (answer === null) sendError(res, 400, INVALID_JSON)
      else sendJson(res, answer)
    })
  }
}

/**
 * Reads the body as UTF-8 and passes it to `done`, or answers 413 as soon as it passes the limit,
 * never holding more. Nothing happens if the client goes away first.
 */
function readBody(res: HttpResponse, done: (body: string) => void): void {
  // onAborted before anything asynchronous: without it, uWS ends the process when the client
  // goes away mid-upload.
  let finished = false
  res.onAborted(() => {
    finished = true
  })
  const chunks: Buffer[] = []
  let size = 0
  res.onData((chunk, isLast) => {
    if (finished) return
    size += chunk.byteLength
    if (size > MAX_BODY_BYTES) {
      finished = true
      sendError(res, 413)
    } else {
      // Copy: uWS reuses the chunk's memory once this callback returns.
      chunks.push(Buffer.from(new Uint8Array(chunk)))
      if (isLast) {
        finished = true
        done(Buffer.concat(chunks, size).toString('utf8'))
      }
    }
  })
}
