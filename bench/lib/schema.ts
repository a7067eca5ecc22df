/**
 * The parts every results file shares (`results.json` of `npm run bench`, `router.json` of
 * `npm run bench:router`): intervals, what a run says of itself, and the pairing of side-by-side
 * runs. Each tool's own schema builds on these.
 */
import Type, { type Static } from 'typebox'

export const Interval = Type.Object(
  {
    median: Type.Number({ description: 'median over rounds' }),
    low: Type.Number({ description: 'lower end of the 95% bootstrap interval of the median' }),
    high: Type.Number({ description: 'upper end of the 95% bootstrap interval of the median' }),
  },
  { additionalProperties: false },
)
export type Interval = Static<typeof Interval>

export const Nullable = <T extends Type.TSchema>(schema: T) => Type.Union([schema, Type.Null()])

/** What every results file says of its run: when, where, at which commit, and how it ended. */
export const RUN_FIELDS = {
  date: Type.String({ description: 'ISO 8601 start of the run' }),
  finishedAt: Nullable(Type.String()),
  /** False while the run is going on, or when it was interrupted. */
  complete: Type.Boolean(),
  interrupted: Type.Boolean(),
  gitCommit: Nullable(Type.String()),
  node: Type.String(),
  os: Type.String(),
  cpu: Type.Object(
    { model: Type.String(), count: Type.Integer({ minimum: 1 }) },
    { additionalProperties: false },
  ),
}

/**
 * Set when the file is one arm of a side-by-side comparison (`npm run regress`): files with the
 * same `id` were measured in the same rounds, so their rounds pair up by number.
 */
export const Pairing = Type.Object(
  { id: Type.String(), arm: Type.String() },
  { additionalProperties: false },
)
export type Pairing = Static<typeof Pairing>
