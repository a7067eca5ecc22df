import type { Server } from 'node:http'

/** How long a connection with a request in progress may take to finish once its server closes. */
export const CLOSE_GRACE_MS = 1000

/**
 * Closes a `node:http` server within a bounded time, whatever its connections are doing: `close`
 * stops listening (and resolves once every connection is gone), the idle connections are closed at
 * once, and those with a request in progress (a half-sent head, a stalled upload) get a short grace
 * to finish it before they are closed too. Without that last step a single stalled client kept
 * fastify's process alive for good after SIGTERM.
 */
export async function closeGracefully(
  server: Server,
  close: () => Promise<void>,
  graceMs: number = CLOSE_GRACE_MS,
): Promise<void> {
  const timer = setTimeout(() => server.closeAllConnections(), graceMs)
  try {
    const closing = close()
    server.closeIdleConnections()
    await closing
  } finally {
    clearTimeout(timer)
  }
}
