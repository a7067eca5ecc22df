/**
 * The contract of a load generator: drive one scenario against one URL for a given time and say
 * what came back. Every loader sends the same bytes for a scenario (`wireRequest`), counts every
 * response by status, and times every response to the microsecond into an HDR histogram, so that
 * two slices of one measurement merge exactly. Loaders are registered in `index.ts`.
 */
import hdr from 'hdr-histogram-js'
import type { LoadRequest, Scenario } from '../scenarios.js'

export interface LoadPlan {
  /** `http://host:port`, without a path. */
  readonly url: string
  readonly scenario: Scenario
  readonly durationSec: number
  readonly connections: number
  readonly pipelining: number
  /** taskset core list for a loader that runs as a process of its own, or null. */
  readonly cores: string | null
  /** Stops the measurement early (Ctrl-C, a crashed server). */
  readonly signal?: AbortSignal
}

export interface LoadResult {
  /** Complete responses. */
  readonly responses: number
  /** The loader's own measured window. */
  readonly elapsedSec: number
  readonly bytes: number
  /** Count of responses by status code. */
  readonly statuses: Record<string, number>
  /** Connection errors (connect, read, write). */
  readonly errors: number
  readonly timeouts: number
  /** Response times in microseconds, one entry per response; null where the loader only gives
   * its own percentiles. */
  readonly latency: hdr.Histogram | null
  /** With `latency` null: the loader's percentiles in microseconds, to whole milliseconds
   * (autocannon's worker threads). */
  readonly coarseLatencyUs: { p50: number; p90: number; p99: number } | null
  /** CPU seconds the loader used per second of its window (1 is one core busy), or null. */
  readonly clientCpu: number | null
}

export interface Loader {
  readonly name: LoaderName
  /** The version as the loader reports it. */
  readonly version: string
  /** Threads that generate load: the capacity against which its CPU use is judged. */
  readonly threads: number
  run(plan: LoadPlan): Promise<LoadResult>
}

export const LOADER_NAMES = ['autocannon', 'wrk'] as const
export type LoaderName = (typeof LOADER_NAMES)[number]

/** A loader that cannot run here: not installed, or too old. The message says what to do. */
export class LoaderUnavailableError extends Error {
  override readonly name = 'LoaderUnavailableError'
}

/** An empty histogram of microseconds, up to a minute. */
export function latencyHistogram(): hdr.Histogram {
  return hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  })
}

/**
 * The bytes of one request on the wire, the same for every loader: request line, `Host`,
 * `Connection: keep-alive`, the scenario's headers in order, `Content-Length` when there is a body,
 * then the body. This is autocannon's own serialisation (a test holds the two equal), written out
 * so that a loader that takes raw requests (wrk) sends exactly what autocannon sends.
 */
export function wireRequest(host: string, request: LoadRequest): string {
  const lines = [`${request.method} ${request.path} HTTP/1.1`, `Host: ${host}`]
  lines.push('Connection: keep-alive')
  for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`)
  const body = request.body ?? ''
  if (body !== '') lines.push(`Content-Length: ${Buffer.byteLength(body)}`)
  return `${lines.join('\r\n')}\r\n\r\n${body}`
}

/** A load that measured nothing: a loader stopped before its first response, or one that failed. */
export function emptyLoad(): LoadResult {
  return {
    responses: 0,
    elapsedSec: 0,
    bytes: 0,
    statuses: {},
    errors: 0,
    timeouts: 0,
    latency: latencyHistogram(),
    coarseLatencyUs: null,
    clientCpu: null,
  }
}
