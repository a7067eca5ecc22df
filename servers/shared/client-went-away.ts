/**
 * An error that only says the client is gone: a reset connection, or one that ended inside a
 * request `node:http` was still parsing (an upload dropped halfway). Frameworks that print every
 * error they see are told to keep quiet about these; they are not server faults. On the servers of
 * Bun and Deno, reading the body of a request whose client went away fails with an `AbortError`
 * (Bun) or a `BadResource` error (Deno).
 */
export function clientWentAway(error: unknown): boolean {
  const { code, name } = (error ?? {}) as { code?: unknown; name?: unknown }
  return (
    code === 'ECONNRESET' ||
    (typeof code === 'string' && code.startsWith('HPE_')) ||
    name === 'AbortError' ||
    name === 'BadResource'
  )
}
