/**
 * Interleaving: each round starts with a different item, so that no server or router is always
 * measured first (on a cold machine) or right after the same neighbour.
 */

/** `items` rotated left by `by`: round r starts with item r. */
export function rotate<T>(items: readonly T[], by: number): T[] {
  if (items.length === 0) return []
  const k = by % items.length
  return [...items.slice(k), ...items.slice(0, k)]
}
