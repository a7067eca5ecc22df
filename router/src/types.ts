/**
 * The public contract of `@routebench/router`: options, what `find()` returns, and the type that
 * infers params from a path literal. The implementation lives in `router.ts` and `tree.ts`.
 */

export interface RouterOptions {
  /**
   * Retry a path that matches nothing with its trailing slash removed (or added), so `/users/` finds
   * `/users` and `/users` finds `/users/`. An exact match always wins. Default `false`.
   */
  ignoreTrailingSlash?: boolean
  /**
   * Match static text case-sensitively. With `false`, `/Users/:id` and `/users/:id` are the same
   * route; param values keep the case of the request. Default `true`.
   */
  caseSensitive?: boolean
  /**
   * Longest raw (still percent-encoded) value a named param of the matched route may have. A longer
   * one makes `find()` return `PARAM_TOO_LONG` (answer 414). The wildcard is not limited.
   * Default `500`.
   */
  maxParamLength?: number
  /**
   * Generate a JavaScript function per method that does the tree search with inline character
   * tests (faster). Default `true`. The router interprets its tree instead, by itself, where code
   * generation is forbidden (a Content-Security-Policy without `'unsafe-eval'`) or a method has
   * more than 2,000 tree nodes; `false` forces the interpreter.
   */
  compile?: boolean
}

/** Param values by name. A null-prototype object: any name, `__proto__` included, is an own key. */
export type ParamsRecord = Record<string, string>

export interface Match<T> {
  /** The value given to `add()`. */
  readonly value: T
  /** Percent-decoded param values in pattern order; the wildcard's value is under `'*'`. */
  readonly params: ParamsRecord
  readonly error?: undefined
}

/**
 * A path that matched a route but cannot be answered normally. `find()` returns one of the two
 * frozen constants below, never a fresh object, so `result === MALFORMED_URI` works too.
 */
export interface FindError {
  /** `'malformed-uri'`: a param holds invalid percent-encoding (answer 400). `'param-too-long'`: a
   * param exceeds `maxParamLength` (answer 414). */
  readonly error: 'malformed-uri' | 'param-too-long'
  /** The HTTP status a server should answer with. */
  readonly status: 400 | 414
  readonly value?: undefined
  readonly params?: undefined
}

/** `Match` on a hit, `FindError` on bad input, `null` when no route of that method matches. */
export type FindResult<T> = Match<T> | FindError | null

export interface RouteInfo<T> {
  readonly method: string
  /** The pattern as registered. */
  readonly path: string
  readonly value: T
}

// --- Params<'/users/:id'> -------------------------------------------------------------------

type NameChar =
  | 'a'
  | 'b'
  | 'c'
  | 'd'
  | 'e'
  | 'f'
  | 'g'
  | 'h'
  | 'i'
  | 'j'
  | 'k'
  | 'l'
  | 'm'
  | 'n'
  | 'o'
  | 'p'
  | 'q'
  | 'r'
  | 's'
  | 't'
  | 'u'
  | 'v'
  | 'w'
  | 'x'
  | 'y'
  | 'z'
  | 'A'
  | 'B'
  | 'C'
  | 'D'
  | 'E'
  | 'F'
  | 'G'
  | 'H'
  | 'I'
  | 'J'
  | 'K'
  | 'L'
  | 'M'
  | 'N'
  | 'O'
  | 'P'
  | 'Q'
  | 'R'
  | 'S'
  | 'T'
  | 'U'
  | 'V'
  | 'W'
  | 'X'
  | 'Y'
  | 'Z'
  | '0'
  | '1'
  | '2'
  | '3'
  | '4'
  | '5'
  | '6'
  | '7'
  | '8'
  | '9'
  | '_'

/** Splits `S` into [param name, rest]. */
type TakeName<S extends string, N extends string = ''> = S extends `${infer C}${infer R}`
  ? C extends NameChar
    ? TakeName<R, `${N}${C}`>
    : [N, S]
  : [N, S]

/** Drops a `(constraint)` at the start of `S`, counting nested groups and skipping escapes. */
type SkipConstraint<S extends string, Depth extends unknown[] = []> = Depth extends []
  ? S extends `(${infer R}`
    ? SkipConstraint<R, [0]>
    : S
  : S extends `${infer C}${infer R}`
    ? C extends '\\'
      ? SkipConstraint<DropOne<R>, Depth>
      : C extends '['
        ? SkipConstraint<SkipClass<R>, Depth>
        : C extends '('
          ? SkipConstraint<R, [...Depth, 0]>
          : C extends ')'
            ? Depth extends [unknown, ...infer D]
              ? D extends []
                ? R
                : SkipConstraint<R, D>
              : R
            : SkipConstraint<R, Depth>
    : ''

type DropOne<S extends string> = S extends `${string}${infer R}` ? R : ''

/** Drops a character class body up to and including its `]`. */
type SkipClass<S extends string> = S extends `${infer C}${infer R}`
  ? C extends '\\'
    ? SkipClass<DropOne<R>>
    : C extends ']'
      ? R
      : SkipClass<R>
  : ''

/** Walks the pattern from one ':' to the next, collecting required and optional names. */
type Collect<
  S extends string,
  Req extends string = never,
  Opt extends string = never,
> = S extends `${string}:${infer R}`
  ? R extends `:${infer Literal}`
    ? Collect<Literal, Req, Opt>
    : TakeName<R> extends [infer N extends string, infer After extends string]
      ? N extends ''
        ? Collect<After, Req, Opt>
        : SkipConstraint<After> extends `?${infer Rest}`
          ? Collect<Rest, Req, Opt | N>
          : Collect<SkipConstraint<After>, Req | N, Opt>
      : never
  : [Req, Opt]

type Simplify<T> = { [K in keyof T]: T[K] } & {}

type Wildcard<S extends string> = S extends `${string}/*` ? '*' : never

type Build<C> = C extends [infer Req extends string, infer Opt extends string]
  ? [Req | Opt] extends [never]
    ? Record<string, never>
    : Simplify<{ [K in Req]: string } & { [K in Opt]?: string }>
  : never

/**
 * The params a path pattern yields: `Params<'/users/:id/posts/:postId'>` is
 * `{ id: string; postId: string }`, an optional `:id?` is `id?: string`, a wildcard adds `'*'`.
 * A pattern without params gives `Record<string, never>`; one that is not a literal type gives
 * `Record<string, string>`.
 */
export type Params<P extends string> = string extends P
  ? ParamsRecord
  : Build<Collect<P, Wildcard<P>>>

/**
 * A handler whose first argument is the route's params, as used with `Router#on`: with a router of
 * `Handler<[req, res]>`, `router.on('GET', '/users/:id', (params, req, res) => ...)` types
 * `params` as `{ id: string }`.
 */
export type Handler<Args extends unknown[] = [], R = unknown> = (
  params: ParamsRecord,
  ...args: Args
) => R

/** The handler type `Router#on` accepts for pattern `P` on a router whose values are `T`. */
export type TypedHandler<T, P extends string> = T extends (
  params: ParamsRecord,
  ...args: infer A
) => infer R
  ? (params: Params<P>, ...args: A) => R
  : never
