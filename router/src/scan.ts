/**
 * What the values of a match hold that its result depends on: a '%' (decode them), a '?' or '#'
 * (the path has a query or a fragment: search again up to it), a named param longer than
 * `maxParamLength` (414).
 *
 * A match reached the end of the path, and static text holds no '?' or '#', so if the path has a
 * query or a fragment, it starts inside a value; the values are all a '%' can be in too, but for
 * static text of a pattern with characters outside ASCII, which only makes the decoding look at
 * each value. So only the values are read: three scans of the whole path for '?', '#' and '%'
 * cost more than the rest of a typical lookup.
 */

/** Scan flags. */
export const PERCENT = 1
export const QUERY = 2
export const TOO_LONG = 4

/** Up to this many characters in all, the values are read with a loop of `charCodeAt` (about 20
 * instructions a character in V8); past it, three `indexOf` calls (about 120 each, most of it
 * the call) cost less. */
export const LOOP_CHARS = 16

/** `QUERY` or `PERCENT` for `[first, end)` of `path`, by three `indexOf` calls: what they find
 * lies in a value, or is a '%' in static text. */
export function scanWide(path: string, first: number, end: number): number {
  const query = path.indexOf('?', first)
  const hash = path.indexOf('#', first)
  if ((query !== -1 && query < end) || (hash !== -1 && hash < end)) return QUERY
  const percent = path.indexOf('%', first)
  return percent !== -1 && percent < end ? PERCENT : 0
}

/** `QUERY` and `PERCENT` for the value `[start, stop)` of `path`, read character by character. */
export function scanNarrow(path: string, start: number, stop: number): number {
  let flags = 0
  for (let j = start; j < stop; j++) {
    const c = path.charCodeAt(j)
    // Letters, the commonest characters of a value, are all above '?' (63).
    if (c <= 63) {
      if (c === 37 /* '%' */) flags |= PERCENT
      else if (c === 63 /* '?' */ || c === 35 /* '#' */) return QUERY
    }
  }
  return flags
}

/**
 * The flags of a match whose `count` values are at `[pos[2k], pos[2k + 1])`, all before `end`, the
 * first `named` of them named params; `QUERY` alone when a value holds a '?' or '#'.
 */
export function scan(
  path: string,
  end: number,
  pos: Int32Array,
  count: number,
  named: number,
  maxParamLength: number,
): number {
  let flags = 0
  let chars = 0
  for (let k = 0; k < count; k++) {
    const length = (pos[2 * k + 1] as number) - (pos[2 * k] as number)
    if (length > maxParamLength && k < named) flags |= TOO_LONG
    chars += length
  }
  if (count === 0) return flags
  if (chars > LOOP_CHARS) {
    const found = scanWide(path, pos[0] as number, end)
    return found === QUERY ? QUERY : flags | found
  }
  for (let k = 0; k < count; k++) {
    const found = scanNarrow(path, pos[2 * k] as number, pos[2 * k + 1] as number)
    if (found === QUERY) return QUERY
    flags |= found
  }
  return flags
}
