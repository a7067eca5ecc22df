import type { IncomingMessage, ServerResponse } from 'node:http'
import { echoBody, INVALID_JSON, isJsonContentType, MAX_BODY_BYTES, searchResult } from '../spec.js'
import { sendError, sendJson } from './node-send.js'
import { readBody, TOO_LARGE } from './read-body.js'

// The two answers of `node-http` and `trie` that take more than a line. Both servers call the same
// code, so that the benchmark sees the cost of their routing and nothing else.

/** `GET /search`, given the request target (`req.url`). */
export function search(res: ServerResponse, url: string): void {
  const mark = url.indexOf('?')
  const params = new URLSearchParams(mark === -1 ? '' : url.slice(mark + 1))
  const result = searchResult(params.get('q'), params.get('limit'))
  if (result === null) sendError(res, 400)
  else sendJson(res, JSON.stringify(result))
}

/** `POST /echo`: 415, then 413, then 400 `Invalid JSON`, as `spec.ts` orders them. */
export async function echo(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (!isJsonContentType(req.headers['content-type'])) return sendError(res, 415)
  let body: string | typeof TOO_LARGE
  try {
    body = await readBody(req, MAX_BODY_BYTES)
  } catch {
    return // the client went away mid-upload: nobody to answer
  }
  if (body === TOO_LARGE) return sendError(res, 413)
  const answer = echoBody(body)
  if (answer === null) sendError(res, 400, INVALID_JSON)
  else sendJson(res, answer)
}
