import { loadServer, runsOn, SERVER_NAMES, ServerUnavailableError } from '../index.js'
import type { ServerDefinition } from '../types.js'

/** A registered server, loaded; or, when it cannot load here, the reason to skip its tests. */
export type AvailableServer =
  | { readonly name: string; readonly definition: ServerDefinition; readonly skip: false }
  | { readonly name: string; readonly definition: null; readonly skip: string }

/**
 * Every registered server that runs on Node.js, loaded in this process. One that cannot load here
 * (uWebSockets.js on a platform without its binary) comes with the reason, so that its tests are
 * skipped and say why; any other failure is thrown. The servers of other runtimes are tested in a
 * process of their runtime (runtimes.test.ts, conformance.test.ts).
 */
export async function availableServers(): Promise<AvailableServer[]> {
  return Promise.all(
    SERVER_NAMES.filter((name) => runsOn(name, 'node')).map(
      async (name): Promise<AvailableServer> => {
        try {
          return { name, definition: await loadServer(name), skip: false }
        } catch (error) {
          if (!(error instanceof ServerUnavailableError)) throw error
          return { name, definition: null, skip: error.reason }
        }
      },
    ),
  )
}
