import { decodeRange } from './decode.js'
import type { FindError, FindResult, ParamsRecord } from './types.js'

/** `find()` result for a param with invalid percent-encoding: answer 400. */
export const MALFORMED_URI: FindError = Object.freeze({ error: 'malformed-uri', status: 400 })
/** `find()` result for a param longer than `maxParamLength`: answer 414. */
export const PARAM_TOO_LONG: FindError = Object.freeze({ error: 'param-too-long', status: 414 })

export const EMPTY_PARAMS: ParamsRecord = Object.freeze(Object.create(null))

/** Constructs a params object from the values in pattern order. */
export type ParamsConstructor = new (...values: string[]) => ParamsRecord

/**
 * Params objects are instances of a constructor whose prototype has a null prototype: no inherited
 * keys, so `__proto__`, `constructor` and `toString` are plain own properties, and, unlike
 * `Object.create(null)` objects, V8 keeps them in fast mode with in-object fields. The constructor
 * is generated once per list of names (the routes of an API share a few lists), because
 * assignments to constant keys are far faster than a loop of keyed stores.
 */
const cache = new Map<string, { Params: ParamsConstructor; keep: ParamsRecord }>()

export function paramsConstructor(names: readonly string[]): ParamsConstructor {
  const key = names.join('\u0000')
  let entry = cache.get(key)
  if (entry === undefined) {
    const Params = generatedConstructor(names) ?? loopConstructor(names)
    // One instance kept for good keeps its hidden class, and through it the classes of the partly
    // built object, alive. Otherwise a full collection that finds no params object of a shape
    // alive frees those classes, and every optimised function that builds that shape is thrown
    // away and compiled again: after each collection, lookups ran at several times their steady
    // cost until the compiler caught up.
    entry = { Params, keep: new Params(...names.map(() => '')) }
    cache.set(key, entry)
  }
  return entry.Params
}

/** Whether this runtime lets us generate code (a Content-Security-Policy may forbid it). */
export const canGenerate: boolean = (() => {
  try {
    return new Function('return true')() === true
  } catch {
    return false
  }
})()

function generatedConstructor(names: readonly string[]): ParamsConstructor | null {
  if (!canGenerate) return null
  const args = names.map((_, j) => `v${j}`).join(', ')
  // Only JSON-quoted names reach the source text.
  const stores = names.map((name, j) => `this[${JSON.stringify(name)}] = v${j}`).join('; ')
  return new Function(
    `function Params(${args}) { ${stores} }
    Params.prototype = Object.create(null)
    return Params`,
  )() as ParamsConstructor
}

/** One params shape of a router: its constructor and how many values it takes. */
export interface Shape {
  readonly Params: ParamsConstructor
  readonly count: number
}

/** Builds the params object of shape number `shape` from `[start, end)` offsets in `pos`. */
export type ShapeBuilder = (shape: number, path: string, pos: Int32Array) => ParamsRecord

/** Two builders of every shape: one takes the values as they are, the other percent-decodes
 * each value that holds a '%' and throws a `URIError` for one that cannot be decoded. */
export interface ShapeBuilders {
  readonly plain: ShapeBuilder
  readonly decoding: ShapeBuilder
}

/**
 * Functions that build every params shape of a router, a `switch` on the shape's number with a
 * `new` of one known constructor in each case. Every lookup of the router calls one of the two,
 * and each `new` in them sees one constructor, so V8 constructs inline; while the switch is small
 * (a handful of shapes) V8 also inlines the function into the lookup. A builder per shape, called
 * from one place, made that call megamorphic as soon as a request mix visited more than four
 * shapes, and the generic call and construction cost 8-10% of a lookup on the Parse and
 * router-benchmark tables (GitHub's 24 shapes gained less, 2.5%). Decoding while building, rather
 * than storing decoded values into the built object by name, keeps those stores monomorphic too.
 */
export function shapeBuilders(shapes: readonly Shape[]): ShapeBuilders {
  if (!canGenerate)
    return { plain: loopBuilder(shapes, false), decoding: loopBuilder(shapes, true) }
  const constants = shapes.map((_, k) => `const P${k} = shapes[${k}].Params`)
  const cases = (decode: boolean) =>
    shapes.map(({ count }, k) => {
      const values = Array.from({ length: count }, (_, j) => {
        const range = `pos[${2 * j}], pos[${2 * j + 1}]`
        return decode ? `decode(path, ${range})` : `path.slice(${range})`
      })
      return `case ${k}: return new P${k}(${values.join(', ')})`
    })
  return new Function(
    'shapes',
    'decode',
    `${constants.join('\n')}
return {
plain: function build(shape, path, pos) {
switch (shape) {
${cases(false).join('\n')}
}
},
decoding: function buildDecoded(shape, path, pos) {
switch (shape) {
${cases(true).join('\n')}
}
}
}`,
  )(shapes, decodeValue) as ShapeBuilders
}

/** The value at `[start, end)` of `path`, percent-decoded when it holds a '%'; throws a
 * `URIError` when it cannot be decoded. Decoded in place, without slicing the value first. */
export function decodeValue(path: string, start: number, end: number): string {
  const first = path.indexOf('%', start)
  return first === -1 || first >= end
    ? path.slice(start, end)
    : decodeRange(path, start, end, first)
}

function loopBuilder(shapes: readonly Shape[], decoding: boolean): ShapeBuilder {
  return (shape, path, pos) => {
    const { Params, count } = shapes[shape] as Shape
    const values: string[] = []
    for (let j = 0; j < count; j++) {
      const start = pos[2 * j] as number
      const end = pos[2 * j + 1] as number
      values.push(decoding ? decodeValue(path, start, end) : path.slice(start, end))
    }
    return new Params(...values)
  }
}

function loopConstructor(names: readonly string[]): ParamsConstructor {
  function Params(this: ParamsRecord, ...values: string[]) {
    for (let j = 0; j < names.length; j++) this[names[j] as string] = values[j] as string
  }
  Params.prototype = Object.create(null)
  return Params as unknown as ParamsConstructor
}

/** The result of a dynamic match: one allocation site for every result keeps the callers'
 * property loads monomorphic. */
export function matched<T>(value: T, params: ParamsRecord): FindResult<T> {
  return { value, params }
}

/**
 * Tests a param constraint against the value in the original (not case-folded) path, decoded when
 * it holds a '%'. An undecodable value passes, so that its route matches and the answer is
 * MALFORMED_URI (400) rather than a lower-priority route or a 404 for a request that is just bad.
 */
export function accepts(regex: RegExp, original: string, start: number, end: number): boolean {
  let value: string
  try {
    value = decodeValue(original, start, end)
  } catch {
    return true
  }
  return regex.test(value)
}
