import assert from 'node:assert/strict'
import { type ChildProcess, spawn } from 'node:child_process'
import { randomUUID } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { leftAfter, processesOf, socketsOf, waitUntil } from '../../lib/tests/processes.js'
import type { ResultsFile } from '../schema.js'

/**
 * The harness when something other than the measurement goes wrong: a terminal's Ctrl-C, SIGHUP,
 * the harness killed outright, a server that crashes while it is checked, a --target that fails.
 * Every process a run starts carries a marker in its environment, so that a test can find the
 * servers, and show that none is left behind. Nothing here depends on how fast anything is.
 */

const CLI = fileURLToPath(new URL('../cli.js', import.meta.url))
const hasProc = existsSync('/proc/self/environ')
const needsProc = !hasProc && 'needs /proc'

interface Run {
  readonly child: ChildProcess
  readonly marker: string
  readonly out: string
  stderr: string
  readonly exit: Promise<number | null>
}

/** `npm run bench` with `args`; with `ownGroup`, in a process group of its own, as a shell runs a
 * job in a terminal, so that a signal to that group is what the terminal's Ctrl-C sends. */
function bench(args: string[], ownGroup = false): Run {
  const marker = randomUUID()
  const out = mkdtempSync(join(tmpdir(), 'routebench-interrupt-'))
  const child = spawn(process.execPath, [CLI, '--out', out, '--no-pin', ...args], {
    env: { ...process.env, ROUTEBENCH_TEST_RUN: marker },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: ownGroup,
  })
  const run: Run = {
    child,
    marker,
    out,
    stderr: '',
    exit: new Promise((resolve) => child.once('exit', (code) => resolve(code))),
  }
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    run.stderr += chunk
  })
  child.stdout?.resume()
  return run
}

function results(run: Run): ResultsFile {
  return JSON.parse(readFileSync(join(run.out, 'results.json'), 'utf8')) as ResultsFile
}

/** The pid of the run's `name` server once it is being checked: the conformance suite holds eight
 * connections to it. */
async function serverBeingChecked(run: Run, name: string): Promise<number> {
  let pid = 0
  await waitUntil(`${name} to be checked\n${run.stderr}`, () => {
    const server = processesOf(run.marker).find((p) => p.cmdline.includes(`serve.js ${name} `))
    pid = server?.pid ?? 0
    return server !== undefined && socketsOf(server.pid) >= 8
  })
  return pid
}

const MATRIX = ['--scenarios', 'plaintext', '--rounds', '1', '--duration', '0.5', '--warmup', '0']

describe('npm run bench, interrupted or failing', { concurrency: false }, () => {
  test("a terminal's Ctrl-C during the checks: exit code 130, and no server recorded as failed", {
    skip: needsProc,
  }, async () => {
    // The servers used to take the terminal's SIGINT too, and died mid-check: "FAILED node-http:
    // 315 of 1108 conformance checks failed … ECONNRESET". They now have process groups of their
    // own, and the harness stops them.
    const run = bench(['--servers', 'trie,fastify', ...MATRIX], true)
    try {
      await serverBeingChecked(run, 'fastify')
      process.kill(-(run.child.pid as number), 'SIGINT')
      assert.equal(await run.exit, 130, run.stderr)
      const file = results(run)
      assert.equal(file.meta.interrupted, true)
      assert.deepEqual(
        file.servers.filter((s) => s.status === 'failed').map((s) => `${s.name}: ${s.reason}`),
        [],
      )
      assert.doesNotMatch(run.stderr, /FAILED/)
    } finally {
      assert.deepEqual(await leftAfter(run.marker, 10_000), [])
    }
  })

  test('SIGKILL of the harness: its server sees the pipe close and stops by itself', {
    skip: needsProc,
  }, async () => {
    // The server used to be re-parented to PID 1 and run for ever.
    const run = bench(['--servers', 'trie', ...MATRIX])
    try {
      await serverBeingChecked(run, 'trie')
      run.child.kill('SIGKILL')
      await run.exit
    } finally {
      assert.deepEqual(await leftAfter(run.marker, 10_000), [], 'left running 10 s later')
    }
  })

  test('SIGHUP stops the run as SIGTERM does: exit code 130, what was measured kept', {
    skip: needsProc,
  }, async () => {
    const run = bench(['--servers', 'trie', '--scenarios', 'plaintext,json', '--warmup', '0'])
    try {
      await waitUntil(`a first measurement\n${run.stderr}`, () => /\[1\/\d+, ETA/.test(run.stderr))
      run.child.kill('SIGHUP')
      assert.equal(await run.exit, 130, run.stderr)
      const file = results(run)
      assert.equal(file.meta.interrupted, true)
      assert.ok(file.results.some((r) => r.rounds.length > 0))
    } finally {
      assert.deepEqual(await leftAfter(run.marker, 10_000), [])
    }
  })

  test('a server that crashes while it is checked is reported by its exit, not by the checks', {
    skip: needsProc,
  }, async () => {
    // It used to be "N of M conformance checks failed, first: … ECONNRESET".
    const run = bench(['--servers', 'trie', ...MATRIX])
    try {
      process.kill(await serverBeingChecked(run, 'trie'), 'SIGKILL')
      assert.equal(await run.exit, 1, run.stderr)
      const trie = results(run).servers.find((s) => s.name === 'trie')
      assert.equal(trie?.status, 'failed')
      assert.equal(trie?.reason, 'the server was killed by SIGKILL during the conformance checks')
      assert.match(
        run.stderr,
        /\nFAILED trie: the server was killed by SIGKILL during the conformance checks\n/,
      )
    } finally {
      assert.deepEqual(await leftAfter(run.marker, 10_000), [])
    }
  })

  test('--target that fails the checks: the reason is printed, not only "see results.md"', async () => {
    const wrong = createServer((_req, res) => {
      res.writeHead(404, { 'content-type': 'text/plain', 'content-length': 4 })
      res.end('nope')
    })
    await new Promise<void>((resolve) => wrong.listen(0, '127.0.0.1', resolve))
    const { port } = wrong.address() as AddressInfo
    try {
      const run = bench(['--target', `http://127.0.0.1:${port}`, ...MATRIX])
      assert.equal(await run.exit, 1, run.stderr)
      assert.match(
        run.stderr,
        new RegExp(
          `\\nFAILED 127\\.0\\.0\\.1:${port}: \\d+ of \\d+ conformance checks failed, first: GET /: status: expected 200, got 404`,
        ),
      )
    } finally {
      wrong.closeAllConnections()
      wrong.close()
    }
  })
})
