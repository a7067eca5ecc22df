/**
 * The schema of `results/router.json`, written by `npm run bench:router`: at once the TypeScript
 * type the runner writes and the JSON Schema a file is checked against
 * (`results/router.schema.json`). README documents it. Bump `ROUTER_SCHEMA_VERSION` on any change a
 * reader would notice.
 */
import Type, { type Static } from 'typebox'
import { Interval, Nullable, Pairing, RUN_FIELDS } from '../lib/schema.js'

export const ROUTER_SCHEMA_VERSION = 2

const SetRound = Type.Object(
  {
    name: Type.String(),
    /** Median over mitata's samples of the time per lookup, in nanoseconds. */
    nsPerLookup: Type.Number(),
    /** 99th percentile over mitata's samples, per lookup. */
    p99NsPerLookup: Type.Number(),
    samples: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
)

export const RouterRound = Type.Object(
  {
    round: Type.Integer({ minimum: 1 }),
    status: Type.Union([
      Type.Literal('measured'),
      Type.Literal('cannot-register'),
      Type.Literal('failed'),
    ]),
    reason: Nullable(Type.String()),
    /** Median of this round's builds: registration plus the first lookup of each method. */
    registrationMs: Nullable(Type.Number()),
    /** The first, cold, build of this round. */
    coldRegistrationMs: Nullable(Type.Number()),
    heapBytes: Nullable(Type.Integer({ minimum: 0 })),
    /** How long the warm-up ran until the time per lookup was steady (or its maximum). */
    warmupMs: Nullable(Type.Number()),
    /** The timed sets: those whose answers were all right. */
    sets: Type.Array(SetRound),
    /** The sets with wrong answers (the first few of each), not timed. */
    wrong: Type.Array(
      Type.Object(
        { set: Type.String(), answers: Type.Array(Type.String()) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type RouterRound = Static<typeof RouterRound>

export const SetSummary = Type.Object(
  {
    name: Type.String(),
    /** False when the router answered any lookup of the set wrongly: it is then never timed. */
    valid: Type.Boolean(),
    /** The wrong answers (the first few), or the reason the set was not measured. */
    wrong: Type.Array(Type.String()),
    /** Median over rounds, with a 95% bootstrap interval. */
    nsPerLookup: Nullable(Interval),
    p99NsPerLookup: Nullable(Type.Number()),
    /** Lookups per second at the median. */
    opsPerSec: Nullable(Type.Number()),
    /** nsPerLookup over the reference router's in the same round (above 1 is slower), median and
     * 95% interval over rounds; null without a reference measurement. */
    ratio: Nullable(Interval),
  },
  { additionalProperties: false },
)
export type SetSummary = Static<typeof SetSummary>

export const RouterResult = Type.Object(
  {
    router: Type.String(),
    table: Type.String(),
    status: Type.Union([
      Type.Literal('measured'),
      Type.Literal('cannot-register'),
      Type.Literal('failed'),
      Type.Literal('pending'),
    ]),
    reason: Nullable(Type.String()),
    rounds: Type.Array(RouterRound),
    registrationMs: Nullable(Interval),
    heapBytes: Nullable(Type.Integer({ minimum: 0 })),
    /** Median warm-up over rounds: a router whose JIT work is long needs more. */
    warmupMs: Nullable(Type.Number()),
    sets: Type.Array(SetSummary),
  },
  { additionalProperties: false },
)
export type RouterResult = Static<typeof RouterResult>

export const InstructionCount = Type.Object(
  {
    router: Type.String(),
    table: Type.String(),
    set: Type.String(),
    /** (instructions after warm-up + passes − instructions after warm-up) / (passes × lookups). */
    perLookup: Nullable(Type.Number()),
    warmupPasses: Type.Integer({ minimum: 0 }),
    passes: Type.Integer({ minimum: 0 }),
    /** Total instructions of the run without and with the counted passes. */
    totals: Type.Array(Type.Integer({ minimum: 0 })),
    reason: Nullable(Type.String()),
  },
  { additionalProperties: false },
)
export type InstructionCount = Static<typeof InstructionCount>

export const RouterOptions = Type.Object(
  {
    routers: Type.Array(Type.String()),
    tables: Type.Array(Type.String()),
    /** The reference of the ratios, when measured. */
    reference: Nullable(Type.String()),
    rounds: Type.Integer({ minimum: 1 }),
    timeMs: Type.Number(),
    warmupMinMs: Type.Number(),
    warmupMaxMs: Type.Number(),
    builds: Type.Integer({ minimum: 1 }),
    profile: Type.Union([Type.Literal('default'), Type.Literal('quick')]),
    pin: Type.Boolean(),
    instructions: Type.Boolean(),
    /** The seed the randomized lookup sets were drawn from: `--seed` with it repeats them. */
    seed: Type.Integer({ minimum: 0, maximum: 2 ** 32 - 1 }),
  },
  { additionalProperties: false },
)
export type RouterOptions = Static<typeof RouterOptions>

export const RouterMeta = Type.Object(
  {
    ...RUN_FIELDS,
    /** Where the measuring processes ran. */
    placement: Type.String(),
    mitata: Type.String(),
    /** How instructions were counted, or why they were not. */
    instructions: Type.String(),
    options: RouterOptions,
    pairing: Nullable(Pairing),
  },
  { additionalProperties: false },
)
export type RouterMeta = Static<typeof RouterMeta>

export const RouterInfo = Type.Object(
  {
    name: Type.String(),
    description: Type.String(),
    /** npm package → version, as installed. */
    packages: Type.Record(Type.String(), Type.String()),
    /** Whether the router percent-decodes param values itself; those that do not are checked on
     * the decoded values, and do less per lookup. */
    decodesParams: Type.Boolean(),
  },
  { additionalProperties: false },
)
export type RouterInfo = Static<typeof RouterInfo>

export const TableInfo = Type.Object(
  {
    name: Type.String(),
    kind: Type.Union([Type.Literal('standard'), Type.Literal('generated')]),
    routes: Type.Integer({ minimum: 1 }),
    sets: Type.Array(
      Type.Object(
        { name: Type.String(), description: Type.String(), lookups: Type.Integer({ minimum: 1 }) },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
)
export type TableInfo = Static<typeof TableInfo>

export const RouterFile = Type.Object(
  {
    schemaVersion: Type.Literal(ROUTER_SCHEMA_VERSION),
    kind: Type.Literal('router'),
    meta: RouterMeta,
    routers: Type.Array(RouterInfo),
    tables: Type.Array(TableInfo),
    results: Type.Array(RouterResult),
    instructions: Type.Array(InstructionCount),
  },
  { additionalProperties: false },
)
export type RouterFile = Static<typeof RouterFile>
