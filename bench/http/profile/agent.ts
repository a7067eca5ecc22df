/**
 * Loaded into a server process for the profiling pass (`node --import <this file> serve.js ...`),
 * so that the servers themselves know nothing of profiling. Each SIGUSR2 toggles V8's sampling CPU
 * profiler through `node:inspector`: the first starts it (and says so with an empty file
 * `$ROUTEBENCH_PROFILE_DIR/started-<n>`), the second stops it and writes the profile to
 * `$ROUTEBENCH_PROFILE_DIR/profile-<n>.cpuprofile` (under another name first, then renamed, so
 * that a reader never sees half of it). Profiling only the measured window keeps the
 * start-up and the warm-up out of the profile.
 */
import { renameSync, writeFileSync } from 'node:fs'
import { Session } from 'node:inspector'
import { join } from 'node:path'

const dir = process.env.ROUTEBENCH_PROFILE_DIR
const intervalUs = Number(process.env.ROUTEBENCH_PROFILE_INTERVAL_US ?? '100')

if (dir !== undefined) {
  const session = new Session()
  session.connect()
  let running = false
  let written = 0
  const post = (method: string, params: object = {}) =>
    new Promise<unknown>((resolve, reject) =>
      session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))),
    )
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true
      void post('Profiler.enable')
        .then(() => post('Profiler.setSamplingInterval', { interval: intervalUs }))
        .then(() => post('Profiler.start'))
        .then(() => writeFileSync(join(dir, `started-${written + 1}`), ''))
    } else {
      running = false
      void post('Profiler.stop').then((result) => {
        const file = join(dir, `profile-${++written}.cpuprofile`)
        writeFileSync(`${file}.partial`, JSON.stringify((result as { profile: unknown }).profile))
        renameSync(`${file}.partial`, file)
      })
    }
  })
}
