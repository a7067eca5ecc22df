/**
 * An error that only says the client is gone: a reset connection, or one that ended inside a
 * request `node:http` was still parsing (an upload dropped halfway). Frameworks that print every
 * error they see are told to keep quiet about these; they are not server faults.
 */
export function clientWentAway(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | null)?.code
  return code === 'ECONNRESET' || (typeof code === 'string' && code.startsWith('HPE_'))
}
