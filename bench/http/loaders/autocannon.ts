/**
 * autocannon, driven through its programmatic API in this process: the loader npm installs, so
 * the one every machine has. Its own latency histogram records whole milliseconds, too coarse for
 * servers that answer in 200 µs; so every response is timed here (autocannon reports each
 * response's duration from `process.hrtime`) into an HDR histogram with microsecond resolution.
 * That listener costs the client about a microsecond per response: one autocannon thread with it
 * delivers about 40k req/s on a two-core machine, below what `node:http` serves, which is why a
 * native loader is preferred where one is installed. With worker threads (three or more client
 * cores) autocannon reports responses only in its summary, so latency then comes from its
 * millisecond histogram, and the results say so.
 */
import autocannon from 'autocannon'
import { versions } from '../../lib/meta.js'
import { type Loader, type LoadPlan, type LoadResult, latencyHistogram } from './loader.js'

export function autocannonLoader(workers: number): Loader {
  return {
    name: 'autocannon',
    version: versions(['autocannon']).autocannon as string,
    threads: Math.max(1, workers),
    run: (plan) => run(plan, workers),
  }
}

function run(plan: LoadPlan, workers: number): Promise<LoadResult> {
  const timed = workers === 0
  const latency = latencyHistogram()
  let responses = 0
  let bytes = 0
  // Reset when autocannon says it has started; set here in case it does not.
  let startedAt = performance.now()
  let cpuAtStart = process.cpuUsage()

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: plan.url,
        connections: plan.connections,
        pipelining: plan.pipelining,
        duration: plan.durationSec,
        ...(workers > 0 ? { workers } : {}),
        timeout: 5,
        // autocannon acts on the end of `duration` only at its next sample tick; with the default
        // of 1000 ms a 0.4 s measurement would run for a full second.
        sampleInt: 100,
        // autocannon types methods as a union of names; the scenarios use standard ones.
        requests: plan.scenario.requests.map((r) => ({ ...r }) as autocannon.Request),
      },
      (error: unknown, result: autocannon.Result) => {
        plan.signal?.removeEventListener('abort', abort)
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
          bytes: timed ? bytes : result.throughput.average * elapsedSec,
          statuses,
          errors: result.errors,
          timeouts: result.timeouts,
          latency: timed ? latency : null,
          // Worker threads: only autocannon's millisecond percentiles are known.
          coarseLatencyUs: timed
            ? null
            : {
                p50: result.latency.p50 * 1000,
                p90: result.latency.p90 * 1000,
                p99: result.latency.p99 * 1000,
              },
          clientCpu: elapsedSec > 0 ? (cpu.user + cpu.system) / 1e6 / elapsedSec : null,
        })
      },
    )
    const abort = () => instance.stop()
    plan.signal?.addEventListener('abort', abort, { once: true })
    if (plan.signal?.aborted) abort()
    instance.on('start', () => {
      startedAt = performance.now()
      cpuAtStart = process.cpuUsage()
    })
    if (timed) {
      instance.on('response', (_client, _status, resBytes, responseTime) => {
        responses++
        bytes += resBytes
        latency.recordValue(Math.max(1, Math.round(responseTime * 1000)))
      })
    }
  })
}
