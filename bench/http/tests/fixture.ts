/**
 * A small results file built by hand, for tests of the writers: two measured servers (one
 * client-bound), one unavailable, one that failed conformance, two scenarios, three rounds, one
 * invalid measurement.
 */
import { CLIENT_BOUND_RULE } from '../client-bound.js'
import type { ResultsFile, Round } from '../schema.js'
import { SCHEMA_VERSION } from '../schema.js'
import { emptyResult, summarize } from '../summarize.js'

/** A round at `reqPerSec`, costing `costUs` of server CPU per request (1 s of CPU per second of
 * load by default: a saturated server). */
export function round(n: number, reqPerSec: number, extra: Partial<Round> = {}): Round {
  const costUs = reqPerSec > 0 ? 1e6 / reqPerSec : null
  return {
    round: n,
    valid: true,
    invalidReason: null,
    reqPerSec,
    baselineReqPerSec: null,
    ratio: null,
    costUs,
    baselineCostUs: null,
    costRatio: null,
    latencyUs: { p50: 800 + n, p90: 1500 + n, p99: 4200 + n },
    throughputBytesPerSec: reqPerSec * 150,
    responses: Math.round(reqPerSec * 1.5),
    statuses: { 200: Math.round(reqPerSec * 1.5) },
    errors: 0,
    timeouts: 0,
    clientCpu: 0.6,
    serverCpu: 1.0,
    clientBound: false,
    slices: [
      { reqPerSec, costUs },
      { reqPerSec, costUs },
    ],
    drift: false,
    warmupMs: 1500 + n,
    steady: true,
    rssPeakBytes: 60 * 1024 * 1024 + n,
    ...extra,
  }
}

/** A server on Node.js. */
export const onNode = (server: string) => ({ server, runtime: 'node' })

export function fixture(): ResultsFile {
  const results = [
    emptyResult(onNode('node-http'), 'plaintext'),
    emptyResult(onNode('node-http'), 'routing'),
    emptyResult(onNode('fastify'), 'plaintext'),
    emptyResult(onNode('fastify'), 'routing'),
  ]
  const [basePlain, baseRouting, fastPlain, fastRouting] = results as [
    (typeof results)[0],
    (typeof results)[0],
    (typeof results)[0],
    (typeof results)[0],
  ]
  basePlain.rounds = [round(1, 40_000), round(2, 44_000), round(3, 42_000)]
  baseRouting.rounds = [round(1, 30_000), round(2, 33_000), round(3, 31_000)]
  const bound = { clientBound: true, clientCpu: 0.97 }
  fastPlain.rounds = [round(1, 60_000, bound), round(2, 66_000, bound), round(3, 63_000)]
  fastRouting.rounds = [
    round(1, 27_000),
    round(2, 0, { valid: false, invalidReason: 'unexpected status 404 ×12 (expected 200)' }),
    round(3, 28_000),
  ]
  summarize(results, onNode('node-http'))
  return {
    schemaVersion: SCHEMA_VERSION,
    kind: 'http',
    meta: {
      date: '2026-11-21T12:00:00.000Z',
      finishedAt: '2026-11-21T12:09:30.000Z',
      complete: true,
      interrupted: false,
      gitCommit: 'abcdef123456',
      node: 'v20.20.2',
      os: 'Linux 6.1 x64',
      cpu: { model: 'Test CPU', count: 2 },
      runtimes: [
        {
          name: 'node',
          status: 'available',
          version: '20.20.2',
          command: '/usr/bin/node',
          reason: null,
        },
      ],
      placement: {
        pinned: true,
        serverCores: '0',
        clientCores: '1',
        note: 'server on core 0, load generator on core 1 (taskset)',
      },
      loader: {
        name: 'wrk',
        version: '4.1.0',
        threads: 1,
        auto: true,
        note: 'wrk 4.1.0 (auto: wrk is installed)',
      },
      cpuClock: 'schedstat',
      steadyRule: 'warmed on each scenario until steady',
      driftRule: 'drift when the slices differ by more than 10%',
      latencyResolution: 'us',
      clientBoundRule: CLIENT_BOUND_RULE,
      options: {
        servers: ['node-http', 'fastify', 'uws', 'broken'],
        runtimes: ['node'],
        scenarios: ['plaintext', 'routing'],
        baseline: 'node-http',
        durationSec: 1.5,
        warmupSec: 3,
        loader: 'auto',
        rounds: 3,
        connections: 100,
        pipelining: 1,
        workers: 0,
        profile: 'default',
        pin: true,
        target: null,
      },
      pairing: null,
    },
    servers: [
      {
        name: 'node-http',
        runtime: 'node',
        style: 'plain',
        packages: {},
        status: 'measured',
        reason: null,
        conformance: { checks: 1108, failed: 0, failures: [] },
        startupMs: { median: 120, low: 110, high: 130 },
      },
      {
        name: 'fastify',
        runtime: 'node',
        style: 'gin-like',
        packages: { fastify: '5.12.8' },
        status: 'measured',
        reason: null,
        conformance: { checks: 1108, failed: 0, failures: [] },
        startupMs: { median: 450, low: 430, high: 480 },
      },
      {
        name: 'uws',
        runtime: 'node',
        style: 'native',
        packages: {},
        status: 'unavailable',
        reason: 'uws cannot load here: no binary for this platform',
        conformance: null,
        startupMs: null,
      },
      {
        name: 'broken',
        runtime: 'node',
        style: 'test',
        packages: {},
        status: 'failed',
        reason: '3 of 1108 conformance checks failed, first: GET /json: status 200 ≠ 500',
        conformance: { checks: 1108, failed: 3, failures: ['GET /json: status 200 ≠ 500'] },
        startupMs: null,
      },
    ],
    results,
    profiles: null,
  }
}

const layerFigures = (costUs: number, shares: Record<string, number>) =>
  Object.fromEntries(
    ['network', 'framework', 'router', 'app', 'gc', 'native', 'other'].map((layer) => [
      layer,
      { share: shares[layer] ?? 0, us: costUs * (shares[layer] ?? 0) },
    ]),
  ) as NonNullable<NonNullable<ResultsFile['profiles']>['cells'][number]['layers']>

/** The fixture with a profiling pass on routing: node-http (no router) and fastify. */
export function profileFixture(): ResultsFile {
  const cell = {
    runtime: 'node',
    scenario: 'routing',
    intervalUs: 100,
    samples: 10_000,
    idleShare: 0.01,
    reason: null,
  }
  return {
    ...fixture(),
    profiles: {
      intervalUs: 100,
      durationSec: 1.5,
      overhead: { median: 1.04, low: 1.02, high: 1.06 },
      cells: [
        {
          ...cell,
          server: 'node-http',
          file: 'profiles/node-http-routing.cpuprofile',
          costUs: 40,
          unprofiledCostUs: 38.5,
          overhead: 40 / 38.5,
          layers: layerFigures(40, { network: 0.4, app: 0.3, gc: 0.1, native: 0.2 }),
          router: {
            share: null,
            us: null,
            note: 'no router: its dispatch on req.method and req.url is app code',
          },
          top: [
            {
              functionName: 'dispatch',
              url: 'dist/servers/node-http.js',
              line: 40,
              layer: 'app',
              share: 0.2,
            },
          ],
        },
        {
          ...cell,
          server: 'fastify',
          file: 'profiles/fastify-routing.cpuprofile',
          costUs: 60,
          unprofiledCostUs: 57,
          overhead: 60 / 57,
          layers: layerFigures(60, {
            network: 0.3,
            framework: 0.2,
            router: 0.15,
            app: 0.1,
            gc: 0.1,
            native: 0.15,
          }),
          router: { share: 0.15, us: 9, note: null },
          top: [
            {
              functionName: 'find',
              url: 'node_modules/find-my-way/index.js',
              line: 120,
              layer: 'router',
              share: 0.12,
            },
            { functionName: '(program)', url: '', line: 1, layer: 'native', share: 0.09 },
          ],
        },
      ],
    },
  }
}
