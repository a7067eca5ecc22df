/**
 * A short-lived measuring process: run to its end, its output collected, killed on a timeout or
 * when the run is interrupted, and killed too if this process exits first, so that nothing is
 * left behind. Each runs in a process group of its own, which a terminal's Ctrl-C does not reach
 * (this process stops it), and is killed with its whole group (npm's scripts with npm). One of this
 * project's scripts can also watch a pipe from this process and end by itself should this process
 * be killed outright (`exitWithParent`, see parent-pipe.ts).
 */
import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process'
import { childOptions, killGroup } from './parent-pipe.js'

const live = new Set<ChildProcess>()
process.on('exit', () => {
  for (const child of live) killGroup(child.pid)
})

export interface ChildResult {
  readonly code: number | null
  readonly signal: NodeJS.Signals | null
  readonly stdout: string
  readonly stderr: string
  /** Why the process did not finish normally, in words, or null. */
  readonly failure: string | null
}

export interface ChildOptions {
  readonly timeoutMs: number
  readonly signal?: AbortSignal
  /** taskset core list, or null to run unpinned. */
  readonly cores?: string | null
  readonly cwd?: string
  /** The child is one of this project's scripts that calls `watchParent`: give it the pipe. */
  readonly exitWithParent?: boolean
}

export function runChild(
  command: string,
  args: readonly string[],
  options: ChildOptions,
): Promise<ChildResult> {
  const pinned = options.cores !== undefined && options.cores !== null
  const spawnOptions: SpawnOptions = {
    ...(options.exitWithParent === true
      ? childOptions(['ignore', 'pipe', 'pipe'])
      : { detached: true, stdio: ['ignore', 'pipe', 'pipe'] }),
    cwd: options.cwd,
  }
  const child = pinned
    ? spawn('taskset', ['-c', options.cores as string, command, ...args], spawnOptions)
    : spawn(command, [...args], spawnOptions)
  live.add(child)
  let stdout = ''
  let stderr = ''
  let killedFor: string | null = null
  child.stdout?.setEncoding('utf8')
  child.stderr?.setEncoding('utf8')
  child.stdout?.on('data', (chunk: string) => {
    stdout += chunk
  })
  child.stderr?.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-20_000)
  })
  const kill = (why: string) => {
    killedFor ??= why
    killGroup(child.pid)
  }
  const timer = setTimeout(
    () => kill(`took longer than ${options.timeoutMs / 1000} s`),
    options.timeoutMs,
  )
  const onAbort = () => kill('interrupted')
  options.signal?.addEventListener('abort', onAbort, { once: true })
  if (options.signal?.aborted) onAbort()

  return new Promise((resolve) => {
    const done = (code: number | null, signal: NodeJS.Signals | null, error?: Error) => {
      live.delete(child)
      clearTimeout(timer)
      options.signal?.removeEventListener('abort', onAbort)
      const last = stderr.trim().split('\n').pop() ?? ''
      const failure =
        error !== undefined
          ? `could not start ${command}: ${error.message}`
          : killedFor !== null
            ? killedFor
            : signal !== null
              ? `was killed by ${signal}${last === '' ? '' : `: ${last}`}`
              : code !== 0
                ? `exited with code ${code}${last === '' ? '' : `: ${last}`}`
                : null
      resolve({ code, signal, stdout, stderr, failure })
    }
    child.once('error', (error) => done(null, null, error))
    child.once('close', (code, signal) => done(code, signal))
  })
}
