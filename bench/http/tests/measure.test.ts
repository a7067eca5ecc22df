import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { processCpuNs } from '../cpu.js'
import type { Loader } from '../loaders/loader.js'
import { type LoadResult, latencyHistogram } from '../loaders/loader.js'
import { drifted, measure, roundOf, type Slice } from '../measure.js'
import { SCENARIOS, type Scenario } from '../scenarios.js'
import { SteadyTracker, steadyRule } from '../steady.js'

function slice(
  responses: number,
  serverNs: number | null,
  extra: { elapsedSec?: number; latency?: number[]; clientCpu?: number; invalid?: string } = {},
): Slice {
  const latency = latencyHistogram()
  for (const us of extra.latency ?? [100]) latency.recordValue(us)
  const load: LoadResult = {
    responses,
    elapsedSec: extra.elapsedSec ?? 0.5,
    bytes: responses * 150,
    statuses: { 200: responses },
    errors: 0,
    timeouts: 0,
    latency,
    coarseLatencyUs: null,
    clientCpu: extra.clientCpu ?? 0.4,
  }
  return {
    load,
    serverNs,
    clock: serverNs === null ? null : 'schedstat',
    invalid: extra.invalid ?? null,
  }
}

describe('the figures of one measurement', () => {
  test('cost per request: the server CPU of both slices over their responses', () => {
    // 10,000 and 15,000 responses in 0.5 s each, 0.49 s and 0.5 s of server CPU
    const r = roundOf(1, [slice(10_000, 0.49e9), slice(15_000, 0.5e9)], null, null, 1)
    assert.equal(r.responses, 25_000)
    assert.equal(r.reqPerSec, 25_000)
    assert.ok(Math.abs((r.costUs as number) - 39.6) < 1e-9, String(r.costUs))
    assert.ok(Math.abs((r.serverCpu as number) - 0.99) < 1e-9)
    assert.deepEqual(
      r.slices.map((s) => [s.reqPerSec, s.costUs]),
      [
        [20_000, 49],
        [30_000, 0.5e9 / 1000 / 15_000],
      ],
    )
    assert.equal(r.drift, true, 'the slices differ by 47%')
    assert.equal(r.clientBound, false)
  })

  test('no server CPU known (--target): no cost, and drift judged on throughput', () => {
    const r = roundOf(2, [slice(10_000, null), slice(10_400, null)], null, null, 1)
    assert.equal(r.costUs, null)
    assert.equal(r.serverCpu, null)
    assert.equal(r.drift, false)
  })

  test('a saturated load generator makes the round client-bound; its cost is still the server’s', () => {
    const busy = { clientCpu: 0.95 }
    const r = roundOf(1, [slice(40_000, 0.35e9, busy), slice(40_000, 0.35e9, busy)], null, null, 1)
    assert.equal(r.clientBound, true)
    assert.ok(Math.abs((r.costUs as number) - 8.75) < 1e-9)
  })

  test('latency percentiles come from every response of every slice', () => {
    const r = roundOf(
      1,
      [slice(2, 1e6, { latency: [100, 200] }), slice(2, 1e6, { latency: [300, 10_000] })],
      null,
      null,
      1,
    )
    // HDR histograms keep three significant digits
    assert.equal(r.latencyUs.p50, 200)
    assert.ok(Math.abs(r.latencyUs.p99 - 10_000) <= 10, String(r.latencyUs.p99))
  })

  test('an invalid slice makes the round invalid, with its reason', () => {
    const r = roundOf(
      3,
      [slice(100, 1e6), slice(5, 1e6, { invalid: 'unexpected status 500 ×5 (expected 200)' })],
      null,
      null,
      1,
    )
    assert.deepEqual([r.valid, r.invalidReason], [false, 'unexpected status 500 ×5 (expected 200)'])
  })

  test('the warm-up is recorded with the round', () => {
    const warm = { ms: 1_750, state: 'steady' as const, invalid: null }
    const r = roundOf(1, [slice(100, 1e6), slice(100, 1e6)], warm, 50_000_000, 1)
    assert.deepEqual([r.warmupMs, r.steady, r.rssPeakBytes], [1_750, true, 50_000_000])
    const cut = roundOf(1, [slice(100, 1e6)], { ...warm, state: 'not steady' }, null, 1)
    assert.equal(cut.steady, false)
  })
})

describe('a load generator that fails', () => {
  test('makes the measurement invalid with the reason, and does not throw', async () => {
    const loader: Loader = {
      name: 'wrk',
      version: 'test',
      threads: 1,
      run: () => Promise.reject(new Error('could not start wrk: spawn wrk ENOENT')),
    }
    const target = { url: 'http://127.0.0.1:9', pid: null, exitReason: () => null }
    const scenario = SCENARIOS[0] as Scenario
    const context = {
      loader,
      connections: 1,
      pipelining: 1,
      clientCores: null,
      signal: new AbortController().signal,
    }
    const { round } = await measure(target, scenario, 0.2, 1, null, context)
    assert.equal(round.valid, false)
    assert.equal(
      round.invalidReason,
      'the load generator failed: could not start wrk: spawn wrk ENOENT',
    )
  })
})

describe('drift between slices', () => {
  const cases: [string, { reqPerSec: number; costUs: number | null }[], boolean][] = [
    [
      'costs within 10%',
      [
        { reqPerSec: 1, costUs: 30 },
        { reqPerSec: 9, costUs: 32.9 },
      ],
      false,
    ],
    [
      'costs 12% apart',
      [
        { reqPerSec: 1, costUs: 30 },
        { reqPerSec: 1, costUs: 33.6 },
      ],
      true,
    ],
    [
      'no cost: throughput 20% apart',
      [
        { reqPerSec: 100, costUs: null },
        { reqPerSec: 120, costUs: null },
      ],
      true,
    ],
    ['one slice cannot drift', [{ reqPerSec: 100, costUs: 10 }], false],
  ]
  for (const [name, slices, expected] of cases) {
    test(name, () => assert.equal(drifted(slices), expected))
  }
})

describe('the steady rule of the warm-up', () => {
  const rule = steadyRule(3)
  /** Feeds one value per 0.25 s window; returns the state after each. */
  function run(values: number[]): string[] {
    const tracker = new SteadyTracker(rule)
    return values.map((v, i) => tracker.add((i + 1) * 0.25, v))
  }

  test('a server warm from the start is steady after the quiet period', () => {
    const states = run([30, 30, 30, 30, 30, 30])
    assert.deepEqual(states, ['warming', 'warming', 'warming', 'warming', 'warming', 'steady'])
  })

  test('a cost still falling keeps it warming; it settles once the fall stops', () => {
    // the median of three last improves by 10% at 2 s (31 against 40); 30 against 31 is no
    // improvement, so 0.75 s later it is steady
    const states = run([90, 80, 70, 60, 50, 40, 31, 30, 30, 30, 30, 30])
    assert.equal(states.indexOf('steady'), 10)
  })

  test('scatter of a few percent is not progress', () => {
    const states = run([30, 31, 29, 30.5, 28.5, 30, 29, 28, 30])
    assert.equal(states[5], 'steady')
  })

  test('one fast window among slow ones does not count: the median of three does', () => {
    const states = run([50, 50, 50, 20, 50, 50, 50])
    assert.equal(states[6], 'steady')
  })

  test('a cost that never settles ends at the bound, not steady', () => {
    const states = run(Array.from({ length: 12 }, (_, i) => 100 * 0.9 ** i))
    assert.equal(states[10], 'warming') // 2.75 s
    assert.equal(states[11], 'not steady') // 3 s, the bound
  })

  test('a bound below the minimum lowers the minimum', () => {
    const short = steadyRule(0.25)
    assert.equal(short.minSec, 0.25)
    assert.equal(new SteadyTracker(short).add(0.25, 10), 'not steady')
  })
})

describe('CPU time of a process, every thread', () => {
  test('this process: nanoseconds that grow with work', () => {
    const before = processCpuNs(process.pid)
    if (before === null) return // no /proc here
    // Work measured by the process's own CPU clock, not by the wall clock: on a loaded machine
    // 50 ms of wall time can hold far less than 30 ms of CPU time.
    let x = 0
    const start = process.cpuUsage()
    const cap = performance.now() + 10_000
    while (performance.now() < cap) {
      for (let i = 0; i < 10_000; i++) x += Math.sqrt(x + 1)
      const used = process.cpuUsage(start)
      if (used.user + used.system >= 50_000) break
    }
    const after = processCpuNs(process.pid)
    assert.ok(after !== null && after.ns - before.ns >= 30e6, `${after?.ns} after ${before.ns}`)
    assert.ok(x > 0)
    assert.equal(after.clock, 'schedstat')
  })

  test('a process that is gone: null, not a guess', () => {
    assert.equal(processCpuNs(2 ** 22 + 12345), null)
  })
})
