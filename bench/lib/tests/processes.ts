import { readdirSync, readFileSync, readlinkSync } from 'node:fs'

/**
 * The processes a run started, found by the marker it put in their environment
 * (`ROUTEBENCH_TEST_RUN`, inherited by every child): a test uses it to show that nothing is left
 * behind.
 */
export function processesOf(marker: string): { pid: number; cmdline: string }[] {
  const found: { pid: number; cmdline: string }[] = []
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (
        !readFileSync(`/proc/${entry}/environ`, 'latin1').includes(`ROUTEBENCH_TEST_RUN=${marker}`)
      )
        continue
      found.push({
        pid: Number(entry),
        cmdline: readFileSync(`/proc/${entry}/cmdline`, 'latin1').replaceAll('\0', ' '),
      })
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found
}

/** How many sockets a process holds open: a server being checked holds one per client connection. */
export function socketsOf(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/fd`).filter((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`).startsWith('socket:')
      } catch {
        return false
      }
    }).length
  } catch {
    return 0
  }
}

/** Waits until `found()` holds, polling; throws after `timeoutMs` saying what was awaited. */
export async function waitUntil(what: string, found: () => boolean, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs
  while (!found()) {
    if (Date.now() > deadline)
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
    await new Promise((resolve) => setTimeout(resolve, 25))
  }
}

/**
 * Waits up to `timeoutMs` for every process of the run marked `marker` to be gone, and returns
 * those that were not; kills them, so that a failing test leaves nothing running either.
 */
export async function leftAfter(marker: string, timeoutMs: number): Promise<string[]> {
  const deadline = Date.now() + timeoutMs
  let left = processesOf(marker)
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    left = processesOf(marker)
  }
  for (const { pid } of left) {
    try {
      process.kill(pid, 'SIGKILL')
    } catch {
      // gone meanwhile
    }
  }
  return left.map((p) => p.cmdline)
}
