import { type ChildProcess, spawn } from 'node:child_process'
import { once } from 'node:events'
import { createInterface } from 'node:readline'
import { fileURLToPath } from 'node:url'

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

/** Starts `serve.js args` and resolves with the child and the first line of its stdout. */
export async function startServe(
  args: string[],
  nodeArgs: string[] = [],
): Promise<{ child: ChildProcess; firstLine: string; done: Promise<Finished> }> {
  const child = spawn(process.execPath, [...nodeArgs, SERVE, ...args])
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
