/**
 * One measurement: autocannon's programmatic API driving one scenario against one URL for a fixed
 * time, with the load generator's CPU use measured alongside.
 *
 * autocannon's own latency histogram records whole milliseconds, too coarse for servers that
 * answer in 200 µs; so every response is timed here (autocannon reports each response's duration
 * from `process.hrtime`) into an HDR histogram with microsecond resolution. Recording costs the
 * client well under a microsecond per response, about 1% of its CPU at its 75k req/s ceiling.
 * With worker threads autocannon reports responses only in its summary, so latency then falls back
 * to its millisecond histogram, and the results say so.
 */
import autocannon from 'autocannon'
import hdr from 'hdr-histogram-js'
import type { Scenario } from './scenarios.js'

export interface LoadOptions {
  readonly url: string
  readonly scenario: Scenario
  readonly durationSec: number
  readonly connections: number
  readonly pipelining: number
  readonly workers: number
  /** Stops the measurement early (Ctrl-C, a crashed server). */
  readonly signal?: AbortSignal
}

export interface LoadResult {
  readonly responses: number
  readonly elapsedSec: number
  readonly reqPerSec: number
  readonly throughputBytesPerSec: number
  readonly statuses: Record<string, number>
  readonly errors: number
  readonly timeouts: number
  readonly latencyUs: { p50: number; p90: number; p99: number }
  /** CPU time of this process (all its threads) over wall time. */
  readonly clientCpu: number
  readonly latencyResolution: 'us' | 'ms'
}

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const timed = options.workers === 0
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  })
  let responses = 0
  let bytes = 0
  // Reset when autocannon says it has started; set here in case it does not.
  let startedAt = performance.now()
  let cpuAtStart = process.cpuUsage()

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        pipelining: options.pipelining,
        duration: options.durationSec,
        ...(options.workers > 0 ? { workers: options.workers } : {}),
        timeout: 5,
        // autocannon acts on the end of `duration` only at its next sample tick; with the default
        // of 1000 ms a 0.4 s measurement would run for a full second.
        sampleInt: 100,
        // autocannon types methods as a union of names; the scenarios use standard ones.
        requests: options.scenario.requests.map((r) => ({ ...r }) as autocannon.Request),
      },
      (error: unknown, result: autocannon.Result) => {
        options.signal?.removeEventListener('abort', abort)
        if (error) {
          reject(error instanceof Error ? error : new Error(String(error)))
          return
        }
        const elapsedSec = (performance.now() - startedAt) / 1000
        const cpu = process.cpuUsage(cpuAtStart)
        const statuses: Record<string, number> = {}
        for (const [code, { count }] of Object.entries(result.statusCodeStats ?? {})) {
          statuses[code] = Number(count ?? 0)
        }
        const total = timed ? responses : Object.values(statuses).reduce((a, b) => a + b, 0)
        resolve({
          responses: total,
          elapsedSec,
          reqPerSec: elapsedSec > 0 ? total / elapsedSec : 0,
          throughputBytesPerSec: timed ? bytes / elapsedSec : result.throughput.average,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
          latencyUs: timed
            ? {
                p50: histogram.getValueAtPercentile(50),
                p90: histogram.getValueAtPercentile(90),
                p99: histogram.getValueAtPercentile(99),
              }
            : {
                p50: result.latency.p50 * 1000,
                p90: result.latency.p90 * 1000,
                p99: result.latency.p99 * 1000,
              },
          clientCpu: (cpu.user + cpu.system) / 1e6 / elapsedSec,
          latencyResolution: timed ? 'us' : 'ms',
        })
      },
    )
    const abort = () => instance.stop()
    options.signal?.addEventListener('abort', abort, { once: true })
    if (options.signal?.aborted) abort()
    instance.on('start', () => {
      startedAt = performance.now()
      cpuAtStart = process.cpuUsage()
    })
    if (timed) {
      instance.on('response', (_client, _status, resBytes, responseTime) => {
        responses++
        bytes += resBytes
        histogram.recordValue(Math.max(1, Math.round(responseTime * 1000)))
      })
    }
  })
}
