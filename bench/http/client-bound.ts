/**
 * When is a number the load generator's speed rather than the server's? One autocannon thread
 * saturates near 75k req/s on this project's machines, below what uWebSockets.js serves; a result
 * measured like that must not be published as the server's speed.
 */

/** The client is saturated at this share of its capacity (threads that generate load). */
export const CLIENT_SATURATED = 0.9
/** The server is well below its core under this share of one core. */
export const SERVER_IDLE = 0.75

export const CLIENT_BOUND_RULE = `client-bound when the load generator used at least ${CLIENT_SATURATED * 100}% of its capacity (one core per load thread), or the server less than ${SERVER_IDLE * 100}% of one core; a result is client-bound when at least half of its rounds are`

export interface CpuUse {
  /** CPU seconds per wall second of the load generator, or null where unknown. */
  readonly clientCpu: number | null
  /** Load threads: 1 without autocannon workers, else the worker count. */
  readonly clientThreads: number
  readonly serverCpu: number | null
}

export function isClientBound({ clientCpu, clientThreads, serverCpu }: CpuUse): boolean {
  if (clientCpu !== null && clientCpu >= CLIENT_SATURATED * clientThreads) return true
  return serverCpu !== null && serverCpu < SERVER_IDLE
}

/** A result over rounds is client-bound when at least half of its rounds are. */
export function mostlyClientBound(rounds: readonly { clientBound: boolean }[]): boolean {
  return rounds.length > 0 && rounds.filter((r) => r.clientBound).length * 2 >= rounds.length
}
