/**
 * A query param as parsed by `node:querystring` (express's and koa's default parser: a string, an
 * array when repeated, undefined when absent), read as `URLSearchParams#get` reads it: the first
 * value, or null.
 */
export function firstValue(value: unknown): string | null {
  if (typeof value === 'string') return value
  if (Array.isArray(value) && typeof value[0] === 'string') return value[0]
  return null
}
