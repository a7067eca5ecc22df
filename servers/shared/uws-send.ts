import { STATUS_CODES } from 'node:http'
import type { HttpResponse } from 'uws-pack'
import { type ErrorStatus, errorBody, JSON_TYPE } from '../spec.js'

/** Status lines as uWS writes them, built once: `404 Not Found`. */
const STATUS = new Map([200, 400, 404, 405, 413, 415].map((s) => [s, `${s} ${STATUS_CODES[s]}`]))

/**
 * Writes a whole answer; `end()` adds the exact content-length. The status goes first: uWS writes
 * `200 OK` itself at the first header otherwise. Corked, so status, headers and body leave in one
 * write, also when called after an await (a handler is corked only while it runs).
 */
export function send(
  res: HttpResponse,
  status: number,
  type: string,
  body: string,
  allow?: string,
): void {
  res.cork(() => {
    res.writeStatus(STATUS.get(status) as string).writeHeader('content-type', type)
    if (allow !== undefined) res.writeHeader('allow', allow)
    res.end(body)
  })
}

export function sendJson(res: HttpResponse, body: string): void {
  send(res, 200, JSON_TYPE, body)
}

export function sendError(res: HttpResponse, status: ErrorStatus, reason?: string): void {
  send(res, status, JSON_TYPE, errorBody(status, reason))
}

/** 405 for a path the API knows under other methods. */
export function sendMethodNotAllowed(res: HttpResponse, allow: string): void {
  send(res, 405, JSON_TYPE, errorBody(405), allow)
}
