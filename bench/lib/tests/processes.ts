import { readdirSync, readFileSync } from 'node:fs'

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
