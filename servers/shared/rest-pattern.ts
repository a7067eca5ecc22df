/**
 * A pattern of the API in path-to-regexp 8 syntax (express 5, @koa/router): a last `/*` becomes
 * `/{*rest}`, the rest of the path as param `rest`, optional so that `/static/` matches too.
 */
export function restPattern(pattern: string): string {
  return pattern.endsWith('/*') ? `${pattern.slice(0, -1)}{*rest}` : pattern
}
