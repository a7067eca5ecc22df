/**
 * What `npm run regress` writes (`regress.json`) and decides. One row per thing measured: a route
 * table for the router (time per lookup, and instructions per lookup when counted), a server and
 * scenario for HTTP (the server's CPU per request, or req/s where that cannot be read).
 */
import type { Machine } from '../lib/meta.js'
import type { Interval } from '../lib/stats.js'
import type { RoundFigures, Verdict } from './decide.js'

export const REGRESS_SCHEMA_VERSION = 1

export interface RegressRow {
  /** 'router' (time per lookup, base and head in one process), 'instructions' (callgrind), or
   * 'http' (server CPU per request, each arm a server process). */
  readonly tier: 'router' | 'instructions' | 'http'
  /** The table (`github`), or the server and scenario (`trie routing`). */
  readonly name: string
  readonly metric: string
  /** Medians over rounds of each arm's figure, in the metric's unit. */
  readonly base: number | null
  readonly head: number | null
  /** Per round: head's cost over base's (above 1 is slower), and head against itself. */
  readonly rounds: readonly RoundFigures[]
  readonly threshold: number
  readonly verdict: Verdict
  /** Median slowdown with its 95% interval (null for a deterministic count). */
  readonly slowdown: Interval | null
  readonly aa: Interval | null
  readonly noise: number | null
  readonly p: number | null
  readonly reason: string
}

export interface RegressFile {
  readonly schemaVersion: typeof REGRESS_SCHEMA_VERSION
  readonly kind: 'regress'
  readonly meta: {
    readonly date: string
    readonly base: { readonly ref: string; readonly commit: string }
    readonly head: { readonly commit: string }
    readonly machine: Machine
    readonly placement: string
    readonly options: Readonly<Record<string, unknown>>
  }
  readonly rows: readonly RegressRow[]
  /** What could not be measured, in words: an error makes the verdict 'error'. */
  readonly errors: readonly string[]
  readonly verdict: Verdict | 'error'
}
