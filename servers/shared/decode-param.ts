/**
 * Percent-decodes a raw path param, or returns null when its encoding is malformed (answer 400).
 * Most params hold no '%': they skip the `decodeURIComponent` call and its try/catch.
 */
export function decodeParam(raw: string): string | null {
  if (raw.indexOf('%') === -1) return raw
  try {
    return decodeURIComponent(raw)
  } catch {
    return null
  }
}

/** `decodeParam()` for each raw value, in order; null when one is malformed. */
export function decodeParams(raws: readonly string[]): string[] | null {
  const values: string[] = []
  for (const raw of raws) {
    const value = decodeParam(raw)
    if (value === null) return null
    values.push(value)
  }
  return values
}
