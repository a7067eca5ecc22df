/**
 * uWebSockets.js, from the `uws-pack` repackaging of its release binaries (see README). It ships a
 * native binary per platform and Node.js ABI; where none fits, importing this module throws a
 * `MissingDependencyError` and the registry reports the uWS servers as unavailable, with the reason.
 */
import { MissingDependencyError } from '../load-errors.js'

async function load(): Promise<typeof import('uws-pack')> {
  try {
    return await import('uws-pack')
  } catch (error) {
    throw new MissingDependencyError('uws-pack', error)
  }
}

export const uws = await load()
