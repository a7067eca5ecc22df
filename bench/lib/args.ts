/**
 * Command-line values shared by every command (bench, bench:router, compare, regress): comma
 * lists of known names and bounded numbers, with errors that name the option, what it takes, and
 * what was given.
 */

/** A command line that cannot be run: the message is one line, shown with the usage. */
export class OptionsError extends Error {}

/**
 * The items of a comma list, trimmed. An empty item (`trie,,` or `,trie`) is refused rather than
 * skipped: it is most often a name left out by mistake. Throws `needs at least one name`, followed
 * by `hint` when given, for a list with no name at all.
 */
export function splitList(option: string, text: string, hint = ''): string[] {
  const items = text.split(',').map((s) => s.trim())
  if (items.every((s) => s === ''))
    throw new OptionsError(`${option} needs at least one name${hint}`)
  if (items.includes(''))
    throw new OptionsError(
      `${option}: an empty name in "${text}"; separate the names with single commas`,
    )
  return items
}

/** `a,b` as a list of known names, in order, without repeats. */
export function parseList<T extends string>(
  option: string,
  text: string,
  known: readonly T[],
): T[] {
  const items = splitList(option, text, ` (${known.join(', ')})`)
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
