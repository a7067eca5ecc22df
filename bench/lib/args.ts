/**
 * Command-line values shared by every command (bench, bench:router, compare, regress): comma
 * lists of known names and bounded numbers, with errors that name the option, what it takes, and
 * what was given.
 */

/** A command line that cannot be run: the message is one line, shown with the usage. */
export class OptionsError extends Error {}

/** `a,b` as a list of known names, in order, without repeats. */
export function parseList<T extends string>(
  option: string,
  text: string,
  known: readonly T[],
): T[] {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
  if (items.length === 0)
    throw new OptionsError(`${option} needs at least one name (${known.join(', ')})`)
  for (const item of items) {
    if (!(known as readonly string[]).includes(item))
      throw new OptionsError(`${option}: unknown name "${item}" (known: ${known.join(', ')})`)
  }
  return [...new Set(items)] as T[]
}

export interface Bounds {
  readonly min: number
  readonly max: number
  /** Whole numbers only. */
  readonly integer?: boolean
  /** What the option takes, in words: 'a number of seconds'. */
  readonly what?: string
}

/** A number within bounds, or `fallback` when the option is not given. */
export function parseBounded(
  option: string,
  text: string | undefined,
  fallback: number,
  { min, max, integer = false, what = integer ? 'a whole number' : 'a number' }: Bounds,
): number {
  if (text === undefined) return fallback
  const form = integer ? /^[0-9]+$/ : /^[0-9]+(\.[0-9]+)?$/
  const value = form.test(text) ? Number(text) : Number.NaN
  if (!(value >= min && value <= max)) {
    throw new OptionsError(`${option} must be ${what} from ${min} to ${max}, got "${text}"`)
  }
  return value
}

/** One of the known names. */
export function parseChoice<T extends string>(
  option: string,
  text: string,
  known: readonly T[],
): T {
  if (!(known as readonly string[]).includes(text))
    throw new OptionsError(`${option} must be one of ${known.join(', ')}, got "${text}"`)
  return text as T
}
