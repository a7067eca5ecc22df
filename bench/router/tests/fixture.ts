/**
 * A small router results file built by hand, for tests of the summaries and the writers: five
 * routers on two standard tables and two generated ones, three rounds. On `parse`, `medley`
 * refuses the table, `hono-linear` answers `trailing-slash` wrongly and `path-to-regexp` fails in
 * round 2; on `static`, `medley` answers `all` wrongly; `path-to-regexp` times out on
 * `generated-100`.
 */
import {
  ROUTER_SCHEMA_VERSION,
  type RouterFile,
  type RouterResult,
  type RouterRound,
} from '../schema.js'
import { summarizeRouters } from '../summarize.js'

/** A measured round: ns per lookup by set name; p99 twice the median. */
export function round(
  n: number,
  sets: Readonly<Record<string, number>>,
  extra: Partial<RouterRound> = {},
): RouterRound {
  return {
    round: n,
    status: 'measured',
    reason: null,
    registrationMs: 1.5,
    coldRegistrationMs: 4,
    heapBytes: 150 * 1024,
    warmupMs: 240,
    sets: Object.entries(sets).map(([name, ns]) => ({
      name,
      nsPerLookup: ns,
      p99NsPerLookup: ns * 2,
      samples: 100,
    })),
    wrong: [],
    ...extra,
  }
}

/** A round that measured nothing: a refusal or a failure. */
export function unmeasured(
  n: number,
  status: 'cannot-register' | 'failed',
  reason: string,
): RouterRound {
  return {
    round: n,
    status,
    reason,
    registrationMs: null,
    coldRegistrationMs: null,
    heapBytes: null,
    warmupMs: null,
    sets: [],
    wrong: [],
  }
}

/** A result as the runner creates it before its first round, with `rounds` in it. */
export function result(router: string, table: string, rounds: RouterRound[] = []): RouterResult {
  return {
    router,
    table,
    status: 'pending',
    reason: null,
    rounds,
    registrationMs: null,
    heapBytes: null,
    warmupMs: null,
    sets: [],
  }
}

export const ROUTERS = ['routebench', 'find-my-way', 'hono-linear', 'medley', 'path-to-regexp']

export const REFUSAL =
  'cannot register GET /1/classes/:className/:objectId next to GET /1/classes/:name: conflicting param names'
export const FAILURE =
  'the measuring process exited with code 1: RangeError: Maximum call stack size exceeded'
export const TIMEOUT = 'the measuring process took longer than 180 s'
export const WRONG_STATIC = 'GET /articles/: expected GET /articles/ {}, got no match'
export const WRONG_PARSE = 'GET /1/users/: expected no match, got GET /1/users {}'

/** The same figures in every round. */
function steady(sets: Readonly<Record<string, number>>, extra: Partial<RouterRound> = {}) {
  return [1, 2, 3].map((n) => round(n, sets, extra))
}

/** `all` takes each of `all` in turn, the other sets the same in every round. */
function varying(all: readonly number[], others: Readonly<Record<string, number>>) {
  return all.map((ns, i) => round(i + 1, { all: ns, ...others }))
}

function generated(router: string, table: string, sample: number): RouterResult {
  const small = table === 'generated-10'
  return result(
    router,
    table,
    steady(
      { sample, miss: 20 },
      small
        ? { registrationMs: 0.05, heapBytes: 8 * 1024 }
        : { registrationMs: 0.5, heapBytes: 2 * 1024 * 1024 },
    ),
  )
}

export function routerFixture(): RouterFile {
  const wrongParse = { wrong: [{ set: 'trailing-slash', answers: [WRONG_PARSE] }] }
  const results = [
    result('routebench', 'static', varying([20, 22, 21], { static: 5, miss: 4 })),
    result('find-my-way', 'static', varying([30, 33, 31.5], { static: 6, miss: 5 })),
    result('hono-linear', 'static', varying([16, 17.6, 16.8], { static: 7, miss: 6 })),
    result(
      'medley',
      'static',
      [1, 2, 3].map((n) =>
        round(n, { static: 3, miss: 3 }, { wrong: [{ set: 'all', answers: [WRONG_STATIC] }] }),
      ),
    ),
    result('path-to-regexp', 'static', varying([400, 440, 420], { static: 50, miss: 60 })),
    result('routebench', 'parse', varying([100, 120, 110], { static: 5, 'trailing-slash': 8 })),
    result('find-my-way', 'parse', varying([80, 108, 93.5], { static: 3, 'trailing-slash': 9 })),
    result(
      'hono-linear',
      'parse',
      [150, 180, 165].map((all, i) => round(i + 1, { all, static: 4 }, wrongParse)),
    ),
    result('medley', 'parse', [unmeasured(1, 'cannot-register', REFUSAL)]),
    result('path-to-regexp', 'parse', [
      round(1, { all: 500, static: 2, 'trailing-slash': 50 }),
      unmeasured(2, 'failed', FAILURE),
      round(3, { all: 520, static: 2, 'trailing-slash': 52 }),
    ]),
    generated('routebench', 'generated-10', 12),
    generated('find-my-way', 'generated-10', 14),
    generated('hono-linear', 'generated-10', 11),
    generated('medley', 'generated-10', 13),
    generated('path-to-regexp', 'generated-10', 60),
    generated('routebench', 'generated-100', 15),
    generated('find-my-way', 'generated-100', 18),
    generated('hono-linear', 'generated-100', 40),
    generated('medley', 'generated-100', 14),
    result(
      'path-to-regexp',
      'generated-100',
      [1, 2, 3].map((n) => unmeasured(n, 'failed', TIMEOUT)),
    ),
  ]
  summarizeRouters(results, 'routebench')
  const set = (name: string, description: string, lookups: number) => ({
    name,
    description,
    lookups,
  })
  return {
    schemaVersion: ROUTER_SCHEMA_VERSION,
    kind: 'router',
    meta: {
      date: '2026-11-21T12:00:00.000Z',
      finishedAt: '2026-11-21T12:20:00.000Z',
      complete: true,
      interrupted: false,
      gitCommit: 'abcdef123456',
      node: 'v20.20.2',
      os: 'Linux 6.1 x64',
      cpu: { model: 'Test CPU', count: 2 },
      placement: 'one process at a time, pinned to core 1 with taskset',
      mitata: '1.0.34',
      instructions: 'not counted (--instructions counts them)',
      options: {
        routers: [...ROUTERS],
        tables: ['static', 'parse', 'generated-10', 'generated-100'],
        reference: 'routebench',
        rounds: 3,
        timeMs: 150,
        warmupMinMs: 200,
        warmupMaxMs: 2500,
        builds: 5,
        profile: 'default',
        pin: true,
        instructions: false,
        seed: 12345,
      },
      pairing: null,
    },
    routers: ROUTERS.map((name) => ({
      name,
      description: `the ${name} router`,
      packages: { [name]: '1.0.0' },
      decodesParams: name === 'routebench' || name === 'find-my-way',
    })),
    tables: [
      {
        name: 'static',
        kind: 'standard',
        routes: 157,
        sets: [
          set('all', 'every route once, in table order (157)', 157),
          set('static', 'a static path: GET /articles/', 1),
          set('miss', 'paths no route matches: GET /favicon.ico', 1),
        ],
      },
      {
        name: 'parse',
        kind: 'standard',
        routes: 26,
        sets: [
          set('all', 'every route once, in table order (26)', 26),
          set('static', 'a static path: GET /1/users', 1),
          set('trailing-slash', "known paths with a '/' appended: GET /1/users/", 1),
        ],
      },
      {
        name: 'generated-10',
        kind: 'generated',
        routes: 10,
        sets: [
          set('sample', '10 routes spread evenly over the table', 10),
          set('miss', 'paths no route matches: GET /favicon.ico, GET /v1/bak', 2),
        ],
      },
      {
        name: 'generated-100',
        kind: 'generated',
        routes: 100,
        sets: [
          set('sample', '64 routes spread evenly over the table', 64),
          set('miss', 'paths no route matches: GET /favicon.ico, GET /v1/bak', 2),
        ],
      },
    ],
    results,
    instructions: [],
  }
}
