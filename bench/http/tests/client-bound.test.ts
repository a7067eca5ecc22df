import assert from 'node:assert/strict'
import { test } from 'node:test'
import { type CpuUse, isClientBound, mostlyClientBound } from '../client-bound.js'

const cases: [string, CpuUse, boolean][] = [
  [
    'both busy: the server set the pace',
    { clientCpu: 0.7, clientThreads: 1, serverCpu: 1.0 },
    false,
  ],
  ['the client thread saturated', { clientCpu: 0.95, clientThreads: 1, serverCpu: 0.9 }, true],
  ['exactly at the client threshold', { clientCpu: 0.9, clientThreads: 1, serverCpu: 1.0 }, true],
  ['the server well below its core', { clientCpu: 0.6, clientThreads: 1, serverCpu: 0.5 }, true],
  ['just at the server threshold', { clientCpu: 0.6, clientThreads: 1, serverCpu: 0.75 }, false],
  [
    'a multi-threaded server above one core',
    { clientCpu: 0.5, clientThreads: 1, serverCpu: 1.4 },
    false,
  ],
  ['four workers at 80% each', { clientCpu: 3.2, clientThreads: 4, serverCpu: 1.0 }, false],
  ['four workers saturated', { clientCpu: 3.7, clientThreads: 4, serverCpu: 1.0 }, true],
  [
    'server CPU unknown (--target), client idle',
    { clientCpu: 0.4, clientThreads: 1, serverCpu: null },
    false,
  ],
  [
    'server CPU unknown, client saturated',
    { clientCpu: 0.99, clientThreads: 1, serverCpu: null },
    true,
  ],
  ['nothing known', { clientCpu: null, clientThreads: 1, serverCpu: null }, false],
]

for (const [name, use, expected] of cases) {
  test(`client-bound rule: ${name}`, () => assert.equal(isClientBound(use), expected))
}

test('a result is client-bound when at least half of its rounds are', () => {
  const r = (clientBound: boolean) => ({ clientBound })
  assert.equal(mostlyClientBound([r(true), r(false)]), true)
  assert.equal(mostlyClientBound([r(true), r(false), r(false)]), false)
  assert.equal(mostlyClientBound([r(true), r(true), r(false)]), true)
  assert.equal(mostlyClientBound([]), false)
})
