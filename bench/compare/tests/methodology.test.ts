import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import type { ResultsFile } from '../../http/schema.js'
import { fixture } from '../../http/tests/fixture.js'
import type { RouterFile } from '../../router/schema.js'
import { routerFixture } from '../../router/tests/fixture.js'
import { CompareError } from '../errors.js'
import { parsePair } from '../load.js'
import { checkMethod, warnings } from '../methodology.js'
import { source } from './files.js'

function httpPair(change: (file: ResultsFile) => void) {
  const head = fixture()
  change(head)
  return parsePair(source('base.json', fixture()), source('head.json', head))
}

function routerPair(change: (file: RouterFile) => void) {
  const head = routerFixture()
  change(head)
  return parsePair(source('base.json', routerFixture()), source('head.json', head))
}

const REFUSED =
  'cannot compare base.json with head.json: they were measured differently (base vs head: '
const WHY =
  "), and the same code measured differently gives different figures, so a difference would not be the code's; measure again with the same options, or pass --force to compare anyway"

describe('the method must match', () => {
  const cases: [string, ReturnType<typeof httpPair>, string][] = [
    [
      'HTTP: duration',
      httpPair((f) => {
        f.meta.options.durationSec = 0.25
      }),
      'duration per measurement 1.5 s vs 0.25 s',
    ],
    [
      'HTTP: warm-up',
      httpPair((f) => {
        f.meta.options.warmupSec = 0.1
      }),
      'warm-up 3 s vs 0.1 s',
    ],
    [
      'HTTP: connections and pipelining, in one message',
      httpPair((f) => {
        f.meta.options.connections = 50
        f.meta.options.pipelining = 10
      }),
      'connections 100 vs 50; pipelining 1 vs 10',
    ],
    [
      'HTTP: the load generator',
      httpPair((f) => {
        f.meta.loader = { ...f.meta.loader, name: 'autocannon', version: '9.0.0' }
      }),
      'load generator wrk 4.1.0 vs autocannon 9.0.0',
    ],
    [
      'HTTP: load generator workers',
      httpPair((f) => {
        f.meta.options.workers = 2
      }),
      'load generator workers 0 vs 2',
    ],
    [
      'HTTP: placement, as it happened',
      httpPair((f) => {
        f.meta.placement.pinned = false
      }),
      'placement pinned vs not pinned',
    ],
    [
      'HTTP: latency resolution',
      httpPair((f) => {
        f.meta.latencyResolution = 'ms'
      }),
      'latency resolution per response (µs) vs autocannon (ms)',
    ],
    [
      'router: time per set',
      routerPair((f) => {
        f.meta.options.timeMs = 4
      }),
      'time per set 150 ms vs 4 ms',
    ],
    [
      'router: warm-up bounds',
      routerPair((f) => {
        f.meta.options.warmupMinMs = 20
        f.meta.options.warmupMaxMs = 20
      }),
      'minimum warm-up 200 ms vs 20 ms; maximum warm-up 2500 ms vs 20 ms',
    ],
    [
      'router: builds',
      routerPair((f) => {
        f.meta.options.builds = 1
      }),
      'builds per round 5 vs 1',
    ],
    [
      'router: pinning',
      routerPair((f) => {
        f.meta.options.pin = false
      }),
      'placement pinned vs not pinned',
    ],
  ]
  for (const [name, pair, differences] of cases) {
    test(`${name} is refused, saying what differs and why it matters`, () => {
      assert.throws(() => checkMethod(pair, false), {
        name: 'CompareError',
        message: `${REFUSED}${differences}${WHY}`,
      })
      assert.throws(() => checkMethod(pair, false), CompareError)
    })
    test(`${name} is compared with --force, which returns what differs`, () => {
      const forced = checkMethod(pair, true)
      assert.equal(forced.map((d) => `${d.setting} ${d.base} vs ${d.head}`).join('; '), differences)
    })
  }

  const allowed: [string, ReturnType<typeof httpPair>][] = [
    ['the same file', httpPair(() => {})],
    [
      'more rounds, other servers, the other profile name',
      httpPair((f) => {
        f.meta.options.rounds = 9
        f.meta.options.servers = ['fastify']
        f.meta.options.profile = 'quick'
      }),
    ],
    [
      'pinning asked for on both, done on both, on other cores',
      httpPair((f) => {
        f.meta.placement.serverCores = '2'
      }),
    ],
    [
      'router: more rounds, instructions counted',
      routerPair((f) => {
        f.meta.options.rounds = 7
        f.meta.options.instructions = true
      }),
    ],
  ]
  for (const [name, pair] of allowed) {
    test(`${name}: no difference of method`, () => assert.deepEqual(checkMethod(pair, false), []))
  }
})

describe('warnings', () => {
  const cases: [string, ReturnType<typeof httpPair>, string[]][] = [
    ['none for the same machine and Node.js', httpPair(() => {}), []],
    [
      'another CPU model',
      httpPair((f) => {
        f.meta.cpu.model = 'Other CPU'
      }),
      [
        "Different machines: base on Test CPU (2 cores), head on Other CPU (2 cores); part of any difference is the machine's.",
      ],
    ],
    [
      'another core count',
      routerPair((f) => {
        f.meta.cpu.count = 4
      }),
      [
        "Different machines: base on Test CPU (2 cores), head on Test CPU (4 cores); part of any difference is the machine's.",
      ],
    ],
    [
      'another Node.js',
      httpPair((f) => {
        f.meta.node = 'v22.11.0'
      }),
      [
        "Different Node.js versions: base v20.20.2, head v22.11.0; part of any difference is Node.js's.",
      ],
    ],
    [
      'an interrupted run',
      httpPair((f) => {
        f.meta.complete = false
        f.meta.interrupted = true
      }),
      ['The head file (head.json) is from an interrupted run: what it did not measure is missing.'],
    ],
    [
      'a run in progress',
      routerPair((f) => {
        f.meta.complete = false
      }),
      [
        'The head file (head.json) is from a run still in progress: what it did not measure is missing.',
      ],
    ],
  ]
  for (const [name, pair, expected] of cases) {
    test(name, () => assert.deepEqual(warnings(pair), expected))
  }

  test('the same arm of one side-by-side run twice', () => {
    const file = fixture()
    file.meta.pairing = { id: 'run-7', arm: 'head' }
    const pair = parsePair(source('a.json', file), source('b.json', file))
    assert.deepEqual(warnings(pair), [
      'Both files are the same arm (head) of side-by-side run run-7: compared unpaired.',
    ])
  })
})
