import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'
import type { Runtime } from '@routebench/fixtures'

/** The compiled CLI, run exactly as the benchmark harness runs it. */
export const SERVE = fileURLToPath(new URL('../serve.js', import.meta.url))

export interface Finished {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
}

/** Runs `node [nodeArgs] serve.js args` to the end. */
export async function runServe(args: string[], nodeArgs: string[] = []): Promise<Finished> {
  return finish(spawn(process.execPath, [...nodeArgs, SERVE, ...args]))
}

/** Runs `serve.js args` on `runtime` to the end. */
export async function runServeOn(runtime: Runtime, args: string[]): Promise<Finished> {
  const env = { ...process.env, ...runtime.env }
  return finish(spawn(runtime.command, [...runtime.args, SERVE, ...args], { env }))
}

/** Collects a child's output until it exits. */
export async function finish(child: ChildProcess): Promise<Finished> {
  let stdout = ''
  let stderr = ''
  child.stdout?.setEncoding('utf8').on('data', (s: string) => {
    stdout += s
  })
  child.stderr?.setEncoding('utf8').on('data', (s: string) => {
    stderr += s
  })
  const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null]
  return { code, signal, stdout, stderr }
}

export interface Started {
  readonly child: ChildProcess
  readonly firstLine: string
  readonly done: Promise<Finished>
}

/** Starts `serve.js args` and resolves with the child and the first line of its stdout. */
export async function startServe(args: string[], nodeArgs: string[] = []): Promise<Started> {
  return firstLineOf(spawn(process.execPath, [...nodeArgs, SERVE, ...args]))
}

/** Starts `serve.js args` on `runtime`, its binary run directly, as the benchmark harness does. */
export async function startServeOn(runtime: Runtime, args: string[]): Promise<Started> {
  const env = { ...process.env, ...runtime.env }
  return firstLineOf(spawn(runtime.command, [...runtime.args, SERVE, ...args], { env }))
}

async function firstLineOf(child: ChildProcess): Promise<Started> {
  if (child.stdout === null) throw new Error('the child has no stdout')
  const lines = createInterface({ input: child.stdout })
  const first = once(lines, 'line') as Promise<[string]>
  const done = finish(child)
  const [firstLine] = await Promise.race([
    first,
    done.then((f) => {
      throw new Error(`serve exited with ${f.code} before its first line: ${f.stderr}`)
    }),
  ])
  return { child, firstLine, done }
}
