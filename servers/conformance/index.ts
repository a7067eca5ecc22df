/**
 * The conformance suite: checks that a running server serves the API contract of `servers/spec.ts`
 * byte for byte (status, `content-type`, exact `content-length`, `Allow`, body) for valid, odd and
 * bad requests, and that it still answers after bad input. It only needs a URL, so it checks a
 * server in this process, in another one or on another machine alike.
 *
 * ```ts
 * const report = await runConformance('http://127.0.0.1:3000')
 * for (const check of report.failed) console.log(`${check.name}\n${check.message}`)
 * ```
 */
import { Agent } from 'node:http'
import { badInputChecks } from './bad-input-cases.js'
import { type Check, type Context, GROUPS, type Group } from './check.js'
import { echoChecks } from './echo-cases.js'
import { endpointChecks } from './endpoint-cases.js'
import { githubChecks } from './github-cases.js'

export { GROUPS, type Group }

export interface ConformanceOptions {
  /** How long one exchange may take before the check fails as hanging. Default 5000. */
  readonly timeoutMs?: number
  /** How many checks run at once over keep-alive connections. Default 8. */
  readonly concurrency?: number
  /** Once aborted, no further check starts; the report then says it is `interrupted`. */
  readonly signal?: AbortSignal
}

export interface CheckResult {
  readonly group: Group
  /** The request, e.g. `GET /users/caf%C3%A9`, or the bad input. */
  readonly name: string
  readonly ok: boolean
  /** What differs, one item per line, expected against actual; empty when the check passes. */
  readonly message: string
}

export interface ConformanceReport {
  readonly baseUrl: string
  /** The checks that ran: all of them, unless the run was interrupted. */
  readonly checks: readonly CheckResult[]
  readonly failed: readonly CheckResult[]
  /** The signal was aborted before every check had run: the report says nothing of the server. */
  readonly interrupted: boolean
}

/** Runs every check against the server at `baseUrl` (`http://host:port`). */
export async function runConformance(
  baseUrl: string,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const url = new URL(baseUrl)
  if (url.protocol !== 'http:') throw new Error(`conformance needs an http:// URL, got ${baseUrl}`)
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1') // an IPv6 address without its brackets
  const port = Number(url.port || 80)
  const timeoutMs = options.timeoutMs ?? 5000
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency ?? 8 })
  const context: Context = { target: { host, port }, agent, timeoutMs }
  try {
    // The well-formed checks share connections and run side by side; the bad inputs run one at a
    // time afterwards, each followed by a request that shows the server is still up.
    const { signal } = options
    const concurrent = await runAll(
      [...endpointChecks(), ...echoChecks(), ...githubChecks()],
      context,
      options.concurrency ?? 8,
      signal,
    )
    const sequential = await runAll(badInputChecks(), context, 1, signal)
    const checks = [...concurrent, ...sequential]
    const interrupted = signal?.aborted === true
    return { baseUrl, checks, failed: checks.filter((c) => !c.ok), interrupted }
  } finally {
    agent.destroy()
  }
}

async function runAll(
  checks: Check[],
  context: Context,
  width: number,
  signal: AbortSignal | undefined,
): Promise<CheckResult[]> {
  const results: CheckResult[] = []
  let next = 0
  const worker = async () => {
    while (next < checks.length && signal?.aborted !== true) {
      const index = next++
      const check = checks[index] as Check
      const found = await check.run(context)
      results[index] = {
        group: check.group,
        name: check.name,
        ok: found.length === 0,
        message: found.join('\n'),
      }
    }
  }
  await Promise.all(Array.from({ length: width }, worker))
  return results.filter((r) => r !== undefined) // in order, without the checks never started
}
