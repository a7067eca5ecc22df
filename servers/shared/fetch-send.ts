import { type ErrorStatus, errorBody, JSON_TYPE } from '../spec.js'

/** What `Bun.serve` and `Deno.serve` call for each request: the web's fetch API. */
export type FetchHandler = (request: Request) => Response | Promise<Response>

/** A whole answer. Bun and Deno send a string body with an exact `content-length`. */
export function send(status: number, type: string, body: string): Response {
  return new Response(body, { status, headers: { 'content-type': type } })
}

export function sendJson(body: string): Response {
  return send(200, JSON_TYPE, body)
}

export function sendError(status: ErrorStatus, reason?: string): Response {
  return send(status, JSON_TYPE, errorBody(status, reason))
}

/** 405 for a path the API knows under other methods. */
export function sendMethodNotAllowed(allow: string): Response {
  return new Response(errorBody(405), {
    status: 405,
    headers: { 'content-type': JSON_TYPE, allow },
  })
}
