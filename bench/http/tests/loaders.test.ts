import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { createRequire } from 'node:module'
import { createServer, type Socket } from 'node:net'
import { tmpdir } from 'node:os'
import { describe, test } from 'node:test'
import { autocannonLoader } from '../loaders/autocannon.js'
import { chooseLoader, LoaderUnavailableError } from '../loaders/index.js'
import { type Loader, wireRequest } from '../loaders/loader.js'
import {
  parseWrkOutput,
  uncorrected,
  type WrkReport,
  wrkLoader,
  wrkScript,
} from '../loaders/wrk.js'
import { SCENARIOS, type Scenario } from '../scenarios.js'

const hasWrk = spawnSync('wrk', ['-v']).error === undefined
const require = createRequire(import.meta.url)
const buildRequest = require('autocannon/lib/httpRequestBuilder.js') as (
  defaults: object,
) => (request: object) => Buffer

describe('every loader sends the same bytes', () => {
  const host = '127.0.0.1:4321'
  const autocannon = buildRequest({ hostname: '127.0.0.1', port: 4321 })
  for (const scenario of SCENARIOS) {
    test(`${scenario.name}: wireRequest is what autocannon sends, request by request`, () => {
      for (const request of scenario.requests) {
        assert.equal(wireRequest(host, request), autocannon({ ...request }).toString('utf8'))
      }
    })
  }

  test("wrk's script holds every request of the scenario, byte for byte, in turn", () => {
    const routing = SCENARIOS.find((s) => s.name === 'routing') as Scenario
    const script = wrkScript(routing, host, 1)
    const literals = [...script.matchAll(/^ {2}"((?:[^"\\]|\\\d{3})*)",$/gm)].map((m) =>
      (m[1] as string).replace(/\\(\d{3})/g, (_, code: string) =>
        String.fromCharCode(Number(code)),
      ),
    )
    assert.deepEqual(
      literals,
      routing.requests.map((r) => wireRequest(host, r)),
    )
  })

  test('with pipelining, each batch is that many consecutive requests', () => {
    const params = SCENARIOS.find((s) => s.name === 'params') as Scenario
    const script = wrkScript(params, host, 3)
    const first = [0, 1, 2].map((i) => wireRequest(host, params.requests[i] as never)).join('')
    assert.ok(script.includes(`"${first.replaceAll('\r', '\\013').replaceAll('\n', '\\010')}"`))
  })
})

/** wrk's own correction (stats_correct in its stats.c), as a reference for the test. */
function wrkCorrection(original: Map<number, number>, interval: number): Map<number, number> {
  const data = new Map(original)
  const max = Math.max(...original.keys())
  for (let n = interval * 2; n <= max; n++) {
    const count = data.get(n) ?? 0
    for (let m = n - interval; count > 0 && m > interval; m -= interval) {
      data.set(m, (data.get(m) ?? 0) + count)
    }
  }
  return data
}

function reportOf(original: Map<number, number>, durationUs: number, connections: number) {
  const requests = [...original.values()].reduce((a, b) => a + b, 0)
  const interval = Math.floor(durationUs / Math.floor(requests / connections))
  const corrected = wrkCorrection(original, interval)
  const report: WrkReport = {
    durationUs,
    requests,
    bytes: 0,
    errors: { connect: 0, read: 0, write: 0, status: 0, timeout: 0 },
    statuses: { 200: requests },
    latency: [...corrected].filter(([, n]) => n > 0).sort(([a], [b]) => a - b),
  }
  return { report, corrected }
}

describe("taking wrk's correction out of its latency record", () => {
  const cases: [string, Map<number, number>, number, number][] = [
    [
      'no slow response: nothing was added',
      new Map([
        [100, 50],
        [150, 40],
        [190, 10],
      ]),
      10_000,
      1,
    ],
    [
      'a long tail: every synthetic sample goes',
      new Map([
        [80, 300],
        [120, 500],
        [400, 30],
        [2_000, 5],
        [30_000, 1],
      ]),
      50_000,
      4,
    ],
    [
      'values on both sides of the interval',
      new Map([
        [5, 10],
        [9, 1000],
        [25, 7],
        [61, 3],
      ]),
      10_000,
      1,
    ],
  ]
  for (const [name, original, durationUs, connections] of cases) {
    test(name, () => {
      const { report, corrected } = reportOf(original, durationUs, connections)
      if (name.startsWith('a long tail'))
        assert.ok([...corrected.values()].reduce((a, b) => a + b) > report.requests)
      assert.deepEqual(
        [...uncorrected(report, connections)].sort(([a], [b]) => a - b),
        [...original].sort(([a], [b]) => a - b),
      )
    })
  }
})

describe("wrk's report", () => {
  const line =
    'ROUTEBENCH-WRK {"durationUs":399569,"requests":1752,"bytes":346896,"errors":{"connect":0,"read":0,"write":0,"status":1752,"timeout":0},"statuses":{"404":1752},"latency":[[102,1],[103,1]]}'
  test('the JSON line of its done hook, after its own summary', () => {
    const out = `Running 10s test @ http://127.0.0.1:3905\n  1752 requests in 399.57ms\n${line}\n`
    const report = parseWrkOutput(out)
    assert.equal(report.requests, 1752)
    assert.deepEqual(report.statuses, { 404: 1752 })
    assert.deepEqual(report.latency, [
      [102, 1],
      [103, 1],
    ])
  })
  test('no report is an error that quotes what wrk said last', () => {
    assert.throws(
      () => parseWrkOutput('unable to connect to 127.0.0.1:1 Connection refused\n'),
      /wrk printed no report: unable to connect to 127\.0\.0\.1:1 Connection refused/,
    )
  })
})

describe('choosing the loader', () => {
  /** Runs `fn` with no wrk on the PATH. */
  function withoutWrk<T>(fn: () => T): T {
    const path = process.env.PATH
    process.env.PATH = mkdtempSync(`${tmpdir()}/routebench-empty-path-`)
    try {
      return fn()
    } finally {
      process.env.PATH = path
    }
  }

  test('autocannon when asked for', () => {
    const chosen = chooseLoader('autocannon', 0)
    assert.deepEqual(
      [chosen.loader.name, chosen.auto, chosen.loader.threads],
      ['autocannon', false, 1],
    )
  })

  test('auto without wrk: autocannon, saying why and how to get wrk', () => {
    const chosen = withoutWrk(() => chooseLoader('auto', 0))
    assert.equal(chosen.loader.name, 'autocannon')
    assert.equal(chosen.auto, true)
    assert.match(
      chosen.note,
      /auto: wrk is not installed \(on Debian or Ubuntu: apt-get install wrk\)/,
    )
  })

  test('wrk asked for but missing: an error that says how to install it', () => {
    assert.throws(() => withoutWrk(() => chooseLoader('wrk', 0)), LoaderUnavailableError)
  })

  test('auto with wrk installed: wrk', { skip: !hasWrk && 'wrk is not installed' }, () => {
    const chosen = chooseLoader('auto', 0)
    assert.deepEqual([chosen.loader.name, chosen.auto], ['wrk', true])
    assert.match(chosen.note, /^wrk \S+ \(auto: wrk is installed\)$/)
  })
})

/**
 * A server that checks every byte it receives against the scenario's requests and answers each
 * with a bare 200: what a loader sends, seen from the other end of the socket.
 */
async function capture(
  scenario: Scenario,
  loader: Loader,
): Promise<{ seen: Set<string>; wrong: string[] }> {
  const seen = new Set<string>()
  const wrong: string[] = []
  let expected: string[] = []
  const server = createServer((socket: Socket) => {
    let buffer = ''
    socket.setEncoding('latin1')
    socket.on('data', (chunk: string) => {
      buffer += chunk
      for (;;) {
        const match = expected.find((request) => buffer.startsWith(request))
        if (match === undefined) {
          if (buffer.length >= Math.max(...expected.map((r) => r.length))) {
            wrong.push(buffer.slice(0, 200))
            socket.destroy()
          }
          return
        }
        seen.add(match)
        buffer = buffer.slice(match.length)
        socket.write('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n')
      }
    })
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as { port: number }
  const host = `127.0.0.1:${port}`
  expected = scenario.requests.map((r) => Buffer.from(wireRequest(host, r)).toString('latin1'))
  try {
    const result = await loader.run({
      url: `http://${host}`,
      scenario: { ...scenario, expectedStatus: 200 },
      durationSec: 0.4,
      connections: 2,
      pipelining: 1,
      cores: null,
    })
    assert.ok(result.responses > 0)
    assert.equal(result.latency?.totalCount, result.responses)
  } finally {
    server.close()
  }
  return { seen, wrong }
}

describe('on the wire', () => {
  const scenarios = SCENARIOS.filter((s) => ['echo', 'routing'].includes(s.name))
  const loaders: [string, () => Loader, string | false][] = [
    ['autocannon', () => autocannonLoader(0), false],
    ['wrk', () => wrkLoader(), !hasWrk && 'wrk is not installed'],
  ]
  for (const [name, make, skip] of loaders) {
    for (const scenario of scenarios) {
      test(`${name} sends exactly the requests of ${scenario.name}, every one of them`, {
        skip,
      }, async () => {
        const { seen, wrong } = await capture(scenario, make())
        assert.deepEqual(wrong, [])
        assert.equal(seen.size, new Set(scenario.requests.map((r) => `${r.method} ${r.path}`)).size)
      })
    }
  }
})
