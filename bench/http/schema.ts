/**
 * The schema of `results/results.json`, written by `npm run bench`: one definition that is at once
 * the TypeScript type the harness writes (`Static<typeof ResultsFile>`) and the JSON Schema that
 * validates a file (`results/results.schema.json` is this, serialised). README documents it field
 * by field. Bump `SCHEMA_VERSION` on any change a reader would notice.
 */
import Type, { type Static } from 'typebox'
import { Interval, Nullable, Pairing, RUN_FIELDS } from '../lib/schema.js'

export const SCHEMA_VERSION = 4

const Latency = Type.Object(
  {
    p50: Type.Number(),
    p90: Type.Number(),
    p99: Type.Number(),
  },
  { additionalProperties: false, description: 'response time percentiles in microseconds' },
)
export type Latency = Static<typeof Latency>

export const Round = Type.Object(
  {
    round: Type.Integer({ minimum: 1 }),
    /** Whether every response had the expected status, with no error and no timeout. */
    valid: Type.Boolean(),
    /** Why the round is invalid, or null. */
    invalidReason: Nullable(Type.String()),
    reqPerSec: Type.Number({ description: 'responses per second over the measured window' }),
    /** The baseline's req/s in the same round, or null without a baseline. */
    baselineReqPerSec: Nullable(Type.Number()),
    /** reqPerSec / baselineReqPerSec, or null. */
    ratio: Nullable(Type.Number()),
    /** The server's CPU time (every thread) over the measured window, in microseconds per
     * response; null where the server's CPU is unknown (--target, no /proc). */
    costUs: Nullable(Type.Number()),
    /** The baseline's costUs in the same round, or null. */
    baselineCostUs: Nullable(Type.Number()),
    /** costUs / baselineCostUs (above 1 costs more), or null. */
    costRatio: Nullable(Type.Number()),
    latencyUs: Latency,
    throughputBytesPerSec: Type.Number(),
    responses: Type.Integer({ minimum: 0 }),
    /** Count of responses by status code. */
    statuses: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
    errors: Type.Integer({ minimum: 0 }),
    timeouts: Type.Integer({ minimum: 0 }),
    /** CPU time over wall time of the load generator (1 = one core busy), or null where unknown. */
    clientCpu: Nullable(Type.Number()),
    /** The same for the server process, or null (a --target server, or no /proc). */
    serverCpu: Nullable(Type.Number()),
    clientBound: Type.Boolean(),
    /** The consecutive slices of the measurement, each on its own. */
    slices: Type.Array(
      Type.Object(
        { reqPerSec: Type.Number(), costUs: Nullable(Type.Number()) },
        { additionalProperties: false },
      ),
    ),
    /** Whether the slices differ by more than the drift rule allows (meta.driftRule). */
    drift: Type.Boolean(),
    /** How long the warm-up on this scenario took in this round, or null without one. */
    warmupMs: Nullable(Type.Number()),
    /** Whether the warm-up ended on a steady cost (false: it reached its bound first). */
    steady: Type.Boolean(),
    rssPeakBytes: Nullable(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
)
export type Round = Static<typeof Round>

export const Result = Type.Object(
  {
    server: Type.String(),
    /** The runtime it ran on: `node`, `bun`, `deno` (`unknown` for a --target server). */
    runtime: Type.String(),
    scenario: Type.String(),
    /** False when any round was invalid: no figure of an invalid measurement is a result. */
    valid: Type.Boolean(),
    invalidReasons: Type.Array(Type.String()),
    /** True when the load generator, not the server, set the pace in most rounds. */
    clientBound: Type.Boolean(),
    rounds: Type.Array(Round),
    reqPerSec: Nullable(Interval),
    /** Ratio to the baseline server measured in the same rounds, or null. */
    ratio: Nullable(Interval),
    /** Server CPU microseconds per response, median over rounds, or null where unknown. */
    costUs: Nullable(Interval),
    /** Cost ratio to the baseline, paired round by round (above 1 costs more), or null. */
    costRatio: Nullable(Interval),
    /** Median warm-up over rounds, in milliseconds, or null. */
    warmupMs: Nullable(Type.Number()),
    /** Rounds whose warm-up reached its bound before the cost was steady. */
    unsteadyRounds: Type.Integer({ minimum: 0 }),
    /** Rounds whose measurement drifted (meta.driftRule). */
    driftRounds: Type.Integer({ minimum: 0 }),
    /** Median over rounds of each round's percentile. */
    latencyUs: Nullable(Latency),
    throughputBytesPerSec: Nullable(Type.Number()),
    errors: Type.Integer({ minimum: 0 }),
    /** Largest peak RSS of the server over the rounds of this scenario. */
    rssPeakBytes: Nullable(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false },
)
export type Result = Static<typeof Result>

/** A server on a runtime: one cell of the run. */
export const ServerInfo = Type.Object(
  {
    name: Type.String(),
    /** The runtime it ran on: `node`, `bun`, `deno` (`unknown` for a --target server). */
    runtime: Type.String(),
    style: Type.String(),
    /** npm package → version, as installed. */
    packages: Type.Record(Type.String(), Type.String()),
    /** 'measured', 'unavailable' (cannot load here, its runtime is not installed, or not checked:
     * the run was interrupted first), 'failed' (conformance, start-up or crash). */
    status: Type.Union([
      Type.Literal('measured'),
      Type.Literal('unavailable'),
      Type.Literal('failed'),
    ]),
    /** Why it was not measured, or null. A known difference of its runtime (servers/known-gaps.ts)
     * is named here, also for a server measured in spite of one that no scenario meets. */
    reason: Nullable(Type.String()),
    conformance: Nullable(
      Type.Object(
        {
          checks: Type.Integer({ minimum: 0 }),
          failed: Type.Integer({ minimum: 0 }),
          /** The first few failures, name and difference. */
          failures: Type.Array(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    /** Spawn to first correct answer, in milliseconds, over the server's starts. */
    startupMs: Nullable(Interval),
  },
  { additionalProperties: false },
)
export type ServerInfo = Static<typeof ServerInfo>

export const Options = Type.Object(
  {
    servers: Type.Array(Type.String()),
    /** The runtimes asked for (the baseline runs on Node.js whatever they are). */
    runtimes: Type.Array(Type.String()),
    scenarios: Type.Array(Type.String()),
    /** The server every ratio is to, on Node.js; null without one. */
    baseline: Nullable(Type.String()),
    durationSec: Type.Number(),
    /** The bound of each warm-up, in seconds (the steady rule usually ends it sooner). */
    warmupSec: Type.Number(),
    /** The load generator asked for: 'auto', 'autocannon' or 'wrk' (meta.loader says which ran). */
    loader: Type.String(),
    rounds: Type.Integer({ minimum: 1 }),
    connections: Type.Integer({ minimum: 1 }),
    pipelining: Type.Integer({ minimum: 1 }),
    workers: Type.Integer({ minimum: 0 }),
    profile: Type.Union([Type.Literal('default'), Type.Literal('quick')]),
    pin: Type.Boolean(),
    target: Nullable(Type.String()),
  },
  { additionalProperties: false },
)
export type Options = Static<typeof Options>

/** A runtime of the run: its version where it is installed, else why it is unavailable. */
export const RuntimeInfo = Type.Object(
  {
    name: Type.String(),
    status: Type.Union([Type.Literal('available'), Type.Literal('unavailable')]),
    version: Nullable(Type.String()),
    /** The binary that ran the servers, started directly (its process is the one measured). */
    command: Nullable(Type.String()),
    reason: Nullable(Type.String()),
  },
  { additionalProperties: false },
)
export type RuntimeInfo = Static<typeof RuntimeInfo>

export const Meta = Type.Object(
  {
    ...RUN_FIELDS,
    /** Each runtime a server ran on, or was to run on; empty for --target. */
    runtimes: Type.Array(RuntimeInfo),
    /** Cores of the server and the load generator; `pinned` says whether taskset was used. */
    placement: Type.Object(
      {
        pinned: Type.Boolean(),
        serverCores: Nullable(Type.String()),
        clientCores: Nullable(Type.String()),
        note: Type.String(),
      },
      { additionalProperties: false },
    ),
    /** The load generator that ran. */
    loader: Type.Object(
      {
        name: Type.String(),
        version: Type.String(),
        /** Threads that generated load: its capacity, in cores. */
        threads: Type.Integer({ minimum: 1 }),
        /** Whether --loader auto chose it. */
        auto: Type.Boolean(),
        /** Why this loader, in words. */
        note: Type.String(),
      },
      { additionalProperties: false },
    ),
    /** How the server's CPU time was read: per-thread nanoseconds from /proc/PID/task/TID/schedstat,
     * or clock ticks of /proc/PID/stat; null where it was not read (--target). */
    cpuClock: Nullable(Type.Union([Type.Literal('schedstat'), Type.Literal('stat')])),
    /** How each server was warmed up before its measurements. */
    steadyRule: Type.String(),
    /** How a measurement is flagged as drifting. */
    driftRule: Type.String(),
    /** 'us' when every response was timed to the microsecond, 'ms' with autocannon's own
     * histogram (its worker threads). */
    latencyResolution: Type.Union([Type.Literal('us'), Type.Literal('ms')]),
    /** How a result is flagged client-bound. */
    clientBoundRule: Type.String(),
    options: Options,
    pairing: Nullable(Pairing),
  },
  { additionalProperties: false },
)
export type Meta = Static<typeof Meta>

const LayerFigure = Type.Object(
  {
    /** Of the samples that were not idle. */
    share: Type.Number(),
    /** share × the cost per request of the profiled window, in microseconds. */
    us: Nullable(Type.Number()),
  },
  { additionalProperties: false },
)

/** Where one server's time went on one scenario (bench/http/profile/). */
export const CellProfile = Type.Object(
  {
    server: Type.String(),
    runtime: Type.String(),
    scenario: Type.String(),
    /** The profiler's sampling interval, in microseconds. */
    intervalUs: Type.Number(),
    /** The `.cpuprofile`, relative to the results folder (opens in Chrome DevTools, speedscope). */
    file: Nullable(Type.String()),
    samples: Type.Integer({ minimum: 0 }),
    /** Share of the samples that caught the event loop idle (left out of the layers' shares). */
    idleShare: Nullable(Type.Number()),
    /** Server CPU µs per request with the profiler on, and in the window just before without. */
    costUs: Nullable(Type.Number()),
    unprofiledCostUs: Nullable(Type.Number()),
    /** costUs / unprofiledCostUs: what profiling costs the server. */
    overhead: Nullable(Type.Number()),
    /** Each layer's share and microseconds per request (layers.ts says what each holds). */
    layers: Nullable(
      Type.Object(
        {
          network: LayerFigure,
          framework: LayerFigure,
          router: LayerFigure,
          app: LayerFigure,
          gc: LayerFigure,
          native: LayerFigure,
          other: LayerFigure,
        },
        { additionalProperties: false },
      ),
    ),
    /** The router's share and µs, or why the profile cannot tell them (note). */
    router: Nullable(
      Type.Object(
        {
          share: Nullable(Type.Number()),
          us: Nullable(Type.Number()),
          note: Nullable(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
    /** The functions with the most samples, by self time. */
    top: Type.Array(
      Type.Object(
        {
          functionName: Type.String(),
          url: Type.String(),
          line: Type.Integer(),
          layer: Type.String(),
          share: Type.Number(),
        },
        { additionalProperties: false },
      ),
    ),
    /** Why the cell has no profile, or null. */
    reason: Nullable(Type.String()),
  },
  { additionalProperties: false },
)
export type CellProfile = Static<typeof CellProfile>

/** The profiling pass of a run (`--profile`), or null without one. */
export const Profiles = Type.Object(
  {
    intervalUs: Type.Number(),
    durationSec: Type.Number(),
    /** The profiler's overhead over every cell: median and interval of profiled / unprofiled cost. */
    overhead: Nullable(Interval),
    cells: Type.Array(CellProfile),
  },
  { additionalProperties: false },
)
export type Profiles = Static<typeof Profiles>

export const ResultsFile = Type.Object(
  {
    schemaVersion: Type.Literal(SCHEMA_VERSION),
    kind: Type.Literal('http'),
    meta: Meta,
    servers: Type.Array(ServerInfo),
    results: Type.Array(Result),
    profiles: Nullable(Profiles),
  },
  { additionalProperties: false },
)
export type ResultsFile = Static<typeof ResultsFile>
