import assert from 'node:assert/strict'
import { spawn, spawnSync } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { describe, test } from 'node:test'
import { leftAfter, processesOf, waitUntil } from './processes.js'

/**
 * A child started with `childOptions` ends when its parent is gone, however the parent ends, and
 * sits in a process group of its own. Each case runs a parent process that starts such a child and
 * is then killed outright: SIGKILL leaves it no chance to stop the child itself.
 */

const PARENT_PIPE = new URL('../parent-pipe.js', import.meta.url).href
const needsProc = !existsSync('/proc/self/stat') && 'needs /proc'

/** What the child runs: `watchParent` on an idle event loop, or the thread watch under a main
 * thread that never returns to its event loop. */
const CHILDREN: [string, string][] = [
  [
    'a child waiting on its event loop (a server)',
    `const { watchParent } = await import(${JSON.stringify(PARENT_PIPE)})
    watchParent(() => process.exit(0))
    setInterval(() => {}, 1000)`,
  ],
  [
    'a child whose main thread never yields (a measuring process)',
    `const { watchParentFromThread } = await import(${JSON.stringify(PARENT_PIPE)})
    await watchParentFromThread()
    for (;;) {}`,
  ],
]

/** A parent that starts `child` with `childOptions`, prints its pid, and waits. */
function parentOf(child: string): string {
  return `const { spawn } = await import('node:child_process')
  const { childOptions } = await import(${JSON.stringify(PARENT_PIPE)})
  const child = spawn(process.execPath, ['--input-type=module', '-e', ${JSON.stringify(child)}],
    childOptions(['ignore', 'ignore', 'inherit']))
  console.log(child.pid)
  setInterval(() => {}, 1000)`
}

/** The process group of `pid`, from /proc/<pid>/stat (the field after the state). */
function groupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8')
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2])
}

describe('a child of childOptions', { skip: needsProc }, () => {
  for (const [what, child] of CHILDREN) {
    test(`${what}: own process group, and gone once its parent is killed`, async () => {
      const marker = randomUUID()
      const parent = spawn(process.execPath, ['--input-type=module', '-e', parentOf(child)], {
        env: { ...process.env, ROUTEBENCH_TEST_RUN: marker },
        stdio: ['ignore', 'pipe', 'inherit'],
      })
      let out = ''
      parent.stdout.setEncoding('utf8').on('data', (s: string) => {
        out += s
      })
      try {
        await waitUntil('the child', () => out.includes('\n') && processesOf(marker).length === 2)
        const childPid = Number(out.trim())
        assert.equal(groupOf(childPid), childPid, 'the child leads a group of its own')
        assert.notEqual(groupOf(childPid), groupOf(parent.pid as number))
        parent.kill('SIGKILL')
      } finally {
        assert.deepEqual(await leftAfter(marker, 5000), [], 'still running 5 s later')
      }
    })
  }

  test('a process started otherwise watches nothing, and ends as it would', () => {
    const done = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const { watchParent } = await import(${JSON.stringify(PARENT_PIPE)})
        watchParent(() => console.log('gone'))
        console.log('done')`,
      ],
      { encoding: 'utf8', timeout: 20_000 },
    )
    assert.deepEqual([done.status, done.stdout], [0, 'done\n'])
  })
})
