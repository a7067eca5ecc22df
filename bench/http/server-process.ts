/**
 * A server in its own process: `node dist/servers/serve.js <name> --port 0`, pinned with taskset
 * when asked. Starting waits for the `listening on` line and then for a first correct answer (the
 * start-up time is spawn to that answer); stopping sends SIGTERM, waits for the exit, and kills
 * after a grace period. Every process started here is killed when this process exits, however it
 * exits, so that a run never leaves a server behind; and should this process be killed outright
 * (SIGKILL), the server sees the pipe from it close and stops by itself. A server runs in a process
 * group of its own, so that a terminal's Ctrl-C, meant for the run, never reaches it: this process
 * stops it (see parent-pipe.ts).
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { request } from 'node:http'
import type { Runtime } from '@routebench/fixtures'
import { HELLO } from '../../servers/spec.js'
import { childOptions, killGroup } from '../lib/parent-pipe.js'
import { serveScript } from '../lib/paths.js'

const LISTENING = /^listening on (http:\/\/\S+:(\d+))$/

const live = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of live) killGroup(child.pid)
})

export interface ServerProcess {
  readonly name: string
  readonly pid: number
  readonly url: string
  /** Milliseconds from spawn to the first correct answer to `GET /`. */
  readonly startupMs: number
  /** How the process exited, in words, with the last line it printed on stderr; null while it
   * runs. */
  exitReason(): string | null
  /** Resolves when the process has exited. */
  readonly exited: Promise<void>
  stop(): Promise<void>
}

export interface StartOptions {
  /** taskset core list, or null to run unpinned. */
  readonly cores: string | null
  readonly timeoutMs?: number
  /** The serve script to run (another checkout's, for `npm run regress`); this one's by default. */
  readonly serveScript?: string
  /** Options for Node.js itself, before the script (`--import` of the profiling agent). */
  readonly nodeArgs?: readonly string[]
  /** The runtime to run the script on, its binary run directly (taskset execs it), so that the
   * process started is the runtime's own; this Node.js by default. */
  readonly runtime?: Pick<Runtime, 'command' | 'args' | 'env'>
  /** Variables added to the environment of the server. */
  readonly env?: Readonly<Record<string, string>>
}

export async function startServer(name: string, options: StartOptions): Promise<ServerProcess> {
  const timeoutMs = options.timeoutMs ?? 15_000
  const runtime = options.runtime ?? { command: process.execPath, args: [], env: {} }
  const args = [
    ...runtime.args,
    ...(options.nodeArgs ?? []),
    options.serveScript ?? serveScript(),
    ...[name, '--port', '0', '--host', '127.0.0.1'],
  ]
  const started = performance.now()
  const spawnOptions = childOptions(['ignore', 'pipe', 'pipe'], {
    ...process.env,
    ...runtime.env,
    ...options.env,
  })
  const child =
    options.cores === null
      ? spawn(runtime.command, args, spawnOptions)
      : spawn('taskset', ['-c', options.cores, runtime.command, ...args], spawnOptions)
  live.add(child)
  let stderr = ''
  child.stderr?.setEncoding('utf8')
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-2000)
  })
  const lastError = () => stderr.trim().split('\n').pop() ?? ''

  let exit: string | null = null
  const exited = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      live.delete(child)
      // What it printed last, the reason of a crash, arrives on stderr before the exit.
      const last = lastError()
      exit = `${signal === null ? `exited with code ${code}` : `was killed by ${signal}`}${last === '' ? '' : ` (${last})`}`
      resolve()
    })
  })
  const stop = async () => {
    if (exit !== null) return
    child.kill('SIGTERM')
    const grace = setTimeout(() => child.kill('SIGKILL'), 5000)
    await exited
    clearTimeout(grace)
  }

  try {
    const url = await firstLine(child, exited, timeoutMs, () => exit)
    await firstGoodAnswer(url, started + timeoutMs, () => exit)
    const startupMs = performance.now() - started
    return {
      name,
      pid: child.pid as number,
      url,
      startupMs,
      exitReason: () => exit,
      exited,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

function firstLine(
  child: ChildProcess,
  exited: Promise<void>,
  timeoutMs: number,
  exit: () => string | null,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = ''
    const timer = setTimeout(
      () => reject(new Error(`did not print its "listening on" line within ${timeoutMs / 1000} s`)),
      timeoutMs,
    )
    child.stdout?.setEncoding('utf8')
    child.stdout?.on('data', (chunk: string) => {
      buffer += chunk
      const newline = buffer.indexOf('\n')
      if (newline === -1) return
      clearTimeout(timer)
      const line = buffer.slice(0, newline)
      const match = LISTENING.exec(line)
      if (match === null)
        reject(new Error(`printed "${line}" instead of "listening on http://HOST:PORT"`))
      else resolve(match[1] as string)
    })
    void exited.then(() => {
      clearTimeout(timer)
      reject(new Error(`${exit()} before listening`))
    })
  })
}

/** Polls `GET /` until it answers 200 with the contract's body. */
async function firstGoodAnswer(
  url: string,
  deadline: number,
  exit: () => string | null,
): Promise<void> {
  let last = 'no answer'
  while (performance.now() < deadline) {
    const gone = exit()
    if (gone !== null) throw new Error(`${gone} after listening`)
    try {
      const { status, body } = await get(`${url}/`)
      if (status === 200 && body === HELLO) return
      last = `GET / answered ${status} ${JSON.stringify(body.slice(0, 80))}`
    } catch (error) {
      last = (error as Error).message
    }
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`never answered GET / correctly (${last})`)
}

function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false, timeout: 2000 }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        body += chunk
      })
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error('timed out')))
    req.on('error', reject)
    req.end()
  })
}
