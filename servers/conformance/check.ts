import type { Agent } from 'node:http'
import { JSON_TYPE, REASONS, TEXT } from '../spec.js'
import { differences, type Expected } from './compare.js'
import { type Request, send, type Target } from './exchange.js'

export const GROUPS = [
  'endpoints',
  'static',
  'search',
  'echo',
  'github',
  'errors',
  'bad input',
] as const
export type Group = (typeof GROUPS)[number]

export interface Context {
  readonly target: Target
  /** Keep-alive connections shared by the checks that use `node:http`. */
  readonly agent: Agent
  readonly timeoutMs: number
}

export interface Check {
  readonly group: Group
  readonly name: string
  /** Runs the check; resolves to what differs from the contract, one line each, or `[]`. */
  run(context: Context): Promise<string[]>
}

/** A check that sends `request` and compares the whole answer with `expected`. */
export function exchangeCheck(
  group: Group,
  request: Request,
  expected: Expected,
  note?: string,
): Check {
  const path = request.path.length > 80 ? `${request.path.slice(0, 60)}…` : request.path
  const name = `${request.method} ${path}${note === undefined ? '' : ` (${note})`}`
  return {
    group,
    name,
    run: async ({ target, agent, timeoutMs }) => {
      try {
        return differences(expected, await send(target, agent, request, timeoutMs))
      } catch (error) {
        return [`no answer: ${(error as Error).message}`]
      }
    },
  }
}

// The answers of the contract, built here from its data rather than by the helpers the servers
// use, so that a mistake in those helpers shows up as a difference.

export function json(value: unknown): Expected {
  return jsonBody(JSON.stringify(value))
}

/** A 200 JSON answer with exactly these bytes. */
export function jsonBody(body: string): Expected {
  return { status: 200, type: JSON_TYPE, body }
}

export function text(body: string): Expected {
  return { status: 200, type: TEXT, body }
}

export function error(status: 400 | 404 | 413 | 415, reason: string = REASONS[status]): Expected {
  return { status, type: JSON_TYPE, body: JSON.stringify({ error: reason }) }
}

export function notAllowed(allow: string): Expected {
  return { status: 405, type: JSON_TYPE, body: JSON.stringify({ error: REASONS[405] }), allow }
}
