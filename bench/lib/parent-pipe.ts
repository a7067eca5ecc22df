/**
 * Children that end when their parent is gone, and that a terminal's signals do not reach.
 *
 * A harness stops the processes it started itself: when it exits, is interrupted, or fails. What it
 * cannot do is outlive SIGKILL, and a server left by a killed harness used to run for ever,
 * re-parented to PID 1. So each child gets one end of a pipe, on file descriptor 3, whose other end
 * only the parent holds: the kernel closes it however the parent ends, and the child, seeing the
 * end of that pipe, stops as if it had received SIGTERM.
 *
 * Each child also gets a process group of its own (`detached`), so that a Ctrl-C in a terminal,
 * which the terminal sends to its whole foreground group, reaches the harness alone: a server that
 * took that SIGINT too would die mid-check and be reported as failed, when it was the run that was
 * interrupted. The harness then stops its children itself.
 */
import type { SpawnOptions, StdioOptions } from 'node:child_process'
import { Socket } from 'node:net'
import { Worker } from 'node:worker_threads'

/** The variable that tells a child the file descriptor of its pipe from the parent. */
export const PARENT_PIPE_ENV = 'ROUTEBENCH_PARENT_PIPE'
const FD = 3

/**
 * Spawn options for such a child: its own process group, `stdio` with the pipe added on fd 3, and
 * the variable that names it. `stdio` gives fds 0 to 2.
 */
export function childOptions(
  stdio: readonly ['ignore' | 'pipe', 'ignore' | 'pipe', 'ignore' | 'pipe'],
  env: NodeJS.ProcessEnv = process.env,
): SpawnOptions & { stdio: StdioOptions } {
  return {
    detached: true,
    stdio: [...stdio, 'pipe'],
    env: { ...env, [PARENT_PIPE_ENV]: String(FD) },
  }
}

/**
 * In a child: calls `gone` once, when the parent that started it with `childOptions` is gone.
 * Does nothing in a process started otherwise (from a shell, by hand). The watch keeps no process
 * alive, and the variable is removed so that no grandchild takes the descriptor for its own.
 * Returns a function that ends the watch.
 */
export function watchParent(gone: () => void): () => void {
  const fd = process.env[PARENT_PIPE_ENV]
  if (fd === undefined) return () => {}
  delete process.env[PARENT_PIPE_ENV]
  let pipe: Socket
  try {
    pipe = new Socket({ fd: Number(fd), readable: true, writable: false })
  } catch {
    return () => {} // not a pipe after all: nothing to watch
  }
  let called = false
  const once = () => {
    if (called) return
    called = true
    gone()
  }
  pipe.on('end', once)
  pipe.on('close', once)
  pipe.on('error', once)
  pipe.resume() // the parent writes nothing: reading only shows the end
  pipe.unref()
  return () => {
    called = true
    pipe.destroy()
  }
}

/**
 * `watchParent` for a process whose main thread computes for seconds without returning to its event
 * loop (a measuring process timing lookups): the pipe is watched by a thread of its own, which
 * ends the process with SIGTERM when the parent is gone. Resolves once the thread watches, so that
 * its start costs nothing to what is timed afterwards; the thread does nothing until then.
 */
export async function watchParentFromThread(): Promise<void> {
  const fd = process.env[PARENT_PIPE_ENV]
  if (fd === undefined) return
  delete process.env[PARENT_PIPE_ENV]
  const watcher = new Worker(
    `const { Socket } = require('node:net')
    const { parentPort, workerData } = require('node:worker_threads')
    const pipe = new Socket({ fd: workerData, readable: true, writable: false })
    const gone = () => process.kill(process.pid, 'SIGTERM')
    pipe.on('end', gone)
    pipe.on('error', gone)
    pipe.resume()
    parentPort.postMessage('watching')`,
    // No options of this process (--input-type=module would make this CommonJS text a module).
    { eval: true, workerData: Number(fd), execArgv: [] },
  )
  await new Promise<void>((resolve) => {
    watcher.once('message', () => resolve())
    watcher.once('error', () => resolve()) // not a pipe after all: nothing to watch
  })
  watcher.unref() // once watching: it keeps no process alive
}

/**
 * Kills a child started with `childOptions` and, with it, whatever it started in its group (npm's
 * scripts, for example).
 */
export function killGroup(pid: number | undefined, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (pid === undefined) return
  try {
    process.kill(-pid, signal)
  } catch {
    try {
      process.kill(pid, signal)
    } catch {
      // already gone
    }
  }
}
