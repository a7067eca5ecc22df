/**
 * The load generators, and the choice among them. `auto` takes wrk where it is installed, since
 * one wrk thread drives any `node:http` server to its limit on one client core, where autocannon,
 * which listens to every response in JavaScript, tops out below what `node:http` serves; and
 * autocannon otherwise, which npm installs everywhere. docs/bench.md gives the measurements
 * behind this choice, and why h2load is not offered.
 */
import { autocannonLoader } from './autocannon.js'
import { type Loader, type LoaderName, LoaderUnavailableError } from './loader.js'
import { wrkLoader } from './wrk.js'

export {
  LOADER_NAMES,
  type Loader,
  type LoaderName,
  LoaderUnavailableError,
} from './loader.js'

export type LoaderChoice = LoaderName | 'auto'

export interface ChosenLoader {
  readonly loader: Loader
  /** Whether `auto` chose it. */
  readonly auto: boolean
  /** Why this loader, in words, for the progress output and the results. */
  readonly note: string
}

/**
 * The loader asked for; with `auto`, wrk when installed, else autocannon. `workers` is the number of
 * autocannon worker threads the placement allows. Throws a `LoaderUnavailableError` when the loader
 * named cannot run here.
 */
export function chooseLoader(choice: LoaderChoice, workers: number): ChosenLoader {
  if (choice === 'autocannon') {
    return { loader: autocannonLoader(workers), auto: false, note: 'autocannon (--loader)' }
  }
  if (choice === 'wrk') return { loader: wrkLoader(), auto: false, note: 'wrk (--loader)' }
  try {
    const loader = wrkLoader()
    return { loader, auto: true, note: `wrk ${loader.version} (auto: wrk is installed)` }
  } catch (error) {
    if (!(error instanceof LoaderUnavailableError)) throw error
    const loader = autocannonLoader(workers)
    return {
      loader,
      auto: true,
      note: `autocannon ${loader.version} (auto: ${error.message}; autocannon cannot drive the fastest servers to their limit, so more cells are client-bound)`,
    }
  }
}
