/**
 * Errors thrown at registration time. `find()` never throws: a miss is `null` and bad input is a
 * `FindError` value (see `types.ts`).
 *
 * Every error names the route that failed and says how to fix it; `code` is stable, the message is
 * for people.
 */
export class RouterError extends Error {
  readonly code: string

  constructor(code: string, message: string) {
    super(message)
    this.name = new.target.name
    this.code = code
  }
}

/** The pattern is not valid route syntax (see the pattern table in README). */
export class PatternError extends RouterError {
  readonly pattern: string
  /** Index in `pattern` where the problem starts, or -1 when it concerns the whole pattern. */
  readonly index: number

  constructor(pattern: string, index: number, reason: string, code = 'ERR_PATTERN') {
    const where = index >= 0 ? ` at index ${index}` : ''
    super(code, `Invalid route pattern ${JSON.stringify(pattern)}${where}: ${reason}`)
    this.pattern = pattern
    this.index = index
  }
}

/** A param constraint uses regex syntax that could be slow on hostile input (ReDoS), or is invalid. */
export class UnsafePatternError extends PatternError {
  readonly constraint: string

  constructor(pattern: string, index: number, constraint: string, reason: string) {
    super(pattern, index, `constraint (${constraint}) ${reason}`, 'ERR_UNSAFE_PATTERN')
    this.constraint = constraint
  }
}

/** The method is not an HTTP method token in upper case. */
export class MethodError extends RouterError {
  readonly method: string

  constructor(method: string, reason: string) {
    super('ERR_METHOD', `Invalid method ${JSON.stringify(method)}: ${reason}`)
    this.method = method
  }
}

/** A route with the same method and the same shape (param names aside) is already registered. */
export class DuplicateRouteError extends RouterError {
  readonly method: string
  readonly pattern: string
  readonly existing: string

  constructor(method: string, pattern: string, existing: string) {
    const same =
      pattern === existing
        ? 'is already registered'
        : `matches the same paths as ${method} ${existing}, registered earlier`
    super(
      'ERR_DUPLICATE_ROUTE',
      `Route ${method} ${pattern} ${same}; remove one of them or change its pattern`,
    )
    this.method = method
    this.pattern = pattern
    this.existing = existing
  }
}
