import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import { findRuntime, RUNTIME_LABELS, RUNTIME_NAMES } from '@routebench/fixtures'
import {
  type CheckResult,
  type ConformanceReport,
  GROUPS,
  runConformance,
} from '../conformance/index.js'
import { runsOn, SERVER_NAMES } from '../index.js'
import { explains, knownGaps } from '../known-gaps.js'
import type { RunningServer } from '../types.js'
import { availableServers } from './available.js'
import { type Started, startServeOn } from './serve-process.js'

const SHOWN = 20

function describeFailures(failed: readonly CheckResult[]): string {
  const shown = failed
    .slice(0, SHOWN)
    .map((c) => `${c.name}\n  ${c.message.replaceAll('\n', '\n  ')}`)
  if (failed.length > SHOWN) shown.push(`… and ${failed.length - SHOWN} more`)
  return `${failed.length} check(s) differ from the contract:\n${shown.join('\n')}`
}

/** One test per group of checks: each must pass. */
function groupTests(report: () => ConformanceReport): void {
  for (const group of GROUPS) {
    test(`serves the contract: ${group}`, () => {
      const checks = report().checks.filter((c) => c.group === group)
      assert.ok(checks.length > 0, `no checks in group ${group}`)
      const failed = checks.filter((c) => !c.ok)
      assert.equal(failed.length, 0, describeFailures(failed))
    })
  }
}

// On Node.js, every server in this process.
for (const { name, definition, skip } of await availableServers()) {
  describe(name, { skip }, () => {
    if (definition === null) return
    let running: RunningServer
    let report: ConformanceReport
    before(async () => {
      running = await definition.start({ host: '127.0.0.1', port: 0 })
      report = await runConformance(`http://127.0.0.1:${running.port}`)
    })
    after(() => running.close())
    groupTests(() => report)
  })
}

// On every other runtime that is installed, every server that runs on it, in a process of that
// runtime started as the benchmark starts it. Where the runtime's compatibility layer makes a
// server differ (known-gaps.ts), the test states the difference instead of failing.
for (const runtime of RUNTIME_NAMES.filter((r) => r !== 'node')) {
  const lookup = findRuntime(runtime)
  const skip = lookup.available
    ? false
    : `${RUNTIME_LABELS[runtime]} is unavailable: ${lookup.reason}`
  for (const name of SERVER_NAMES.filter((s) => runsOn(s, runtime))) {
    describe(`${name} on ${RUNTIME_LABELS[runtime]}`, { skip }, () => {
      if (!lookup.available) return
      let started: Started
      let report: ConformanceReport
      before(async () => {
        started = await startServeOn(lookup.runtime, [name, '--port', '0'])
        report = await runConformance(started.firstLine.replace('listening on ', ''))
      })
      after(async () => {
        started.child.kill('SIGTERM')
        const exit = await started.done
        assert.deepEqual([exit.code, exit.signal], [0, null], exit.stderr)
      })
      const gaps = knownGaps(name, runtime)
      if (gaps.length === 0) {
        groupTests(() => report)
        return
      }
      for (const gap of gaps) {
        test(`differs from the contract as known-gaps.ts says: ${gap.reason}`, () => {
          assert.ok(
            report.failed.some((c) => explains(gap, c)),
            `${name} no longer shows "${gap.shows}" on ${RUNTIME_LABELS[runtime]}: remove that gap from servers/known-gaps.ts`,
          )
        })
      }
      test('differs in nothing else', () => {
        const other = report.failed.filter((c) => !gaps.some((gap) => explains(gap, c)))
        assert.equal(other.length, 0, `besides the known gaps, ${describeFailures(other)}`)
      })
    })
  }
}
