import assert from 'node:assert/strict'
import { after, before, describe, test } from 'node:test'
import {
  type CheckResult,
  type ConformanceReport,
  GROUPS,
  runConformance,
} from '../conformance/index.js'
import type { RunningServer } from '../types.js'
import { availableServers } from './available.js'

const SHOWN = 20

function describeFailures(failed: readonly CheckResult[]): string {
  const shown = failed
    .slice(0, SHOWN)
    .map((c) => `${c.name}\n  ${c.message.replaceAll('\n', '\n  ')}`)
  if (failed.length > SHOWN) shown.push(`… and ${failed.length - SHOWN} more`)
  return `${failed.length} check(s) differ from the contract:\n${shown.join('\n')}`
}

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

    for (const group of GROUPS) {
      test(`serves the contract: ${group}`, () => {
        const checks = report.checks.filter((c) => c.group === group)
        assert.ok(checks.length > 0, `no checks in group ${group}`)
        const failed = checks.filter((c) => !c.ok)
        assert.equal(failed.length, 0, describeFailures(failed))
      })
    }
  })
}
