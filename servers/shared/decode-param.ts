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
