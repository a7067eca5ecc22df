import type { ServerResponse } from 'node:http'
import { type ErrorStatus, errorBody, JSON_TYPE } from '../spec.js'

/** Writes a whole answer: one `writeHead` with an exact length, so it is never chunked. */
export function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'content-type': type, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

export function sendJson(res: ServerResponse, body: string): void {
  send(res, 200, JSON_TYPE, body)
}

export function sendError(res: ServerResponse, status: ErrorStatus, reason?: string): void {
  send(res, status, JSON_TYPE, errorBody(status, reason))
}

/** 405 for a path the API knows under other methods; `allow` comes from `spec.allowOf()`. */
export function sendMethodNotAllowed(res: ServerResponse, allow: string): void {
  res.setHeader('allow', allow)
  sendError(res, 405)
}
