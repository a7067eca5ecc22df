/**
 * What a cell's server is (its style and packages), read where its module may be loaded: in this
 * process for a server that runs on Node.js, else in a process of its runtime
 * (`servers/describe.ts`).
 */
import { execFile } from 'node:child_process'
import type { Runtime } from '@routebench/fixtures'
import { loadServer, runsOn, type ServerName } from '../../servers/index.js'
import { describeScript } from '../lib/paths.js'

export interface Described {
  readonly style: string
  readonly packages: readonly string[]
}

/** Rejects as `loadServer` does (a `ServerUnavailableError` where a dependency cannot load). */
export async function describeServer(name: string, runtime: Runtime): Promise<Described> {
  if (runsOn(name as ServerName, 'node')) return loadServer(name)
  return new Promise((resolve, reject) => {
    execFile(
      runtime.command,
      [...runtime.args, describeScript(), name],
      { env: { ...process.env, ...runtime.env }, timeout: 30_000, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (error !== null) {
          const last = stderr.trim().split('\n').pop() ?? ''
          reject(new Error(`${runtime.name} could not load it: ${last || error.message}`))
        } else {
          resolve(JSON.parse(stdout) as Described)
        }
      },
    )
  })
}
