/**
 * Two builds of the router side by side in one process (`node router-arms.js '<job>'`), for
 * `npm run regress`: base, head and head again, each in a worker thread of its own, that is a V8
 * isolate of its own, so that no arm shares compiled code or type feedback with another (two
 * instances of one class in one isolate make its call sites polymorphic, a slowdown of 10% or so
 * that only the arm sharing would pay). Each arm builds the table and checks its answers; then the
 * arms are warmed up in turn, and timed in short windows, one arm at a time, round after round,
 * in an ABCCBA order (see arms.ts). Windows milliseconds apart see the same machine, so the
 * differences between arms are the code's, not the neighbours'. Prints one JSON `ArmsResult` line.
 */
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads'
import { watchParent } from '../lib/parent-pipe.js'
import { routerModuleAdapter } from '../router/adapters/routebench.js'
import { wrongAnswers } from '../router/check.js'
import { build, pass } from '../router/lookup-loop.js'
import { benchTable } from '../router/tables.js'
import { ARMS, type Arm, order } from './arms.js'

export interface ArmsJob {
  readonly table: string
  /** Path of each arm's `@routebench/router` build (`router/dist/index.js`). */
  readonly modules: Readonly<Record<Arm, string>>
  readonly rounds: number
  readonly windowMs: number
  readonly warmupMs: number
}

export interface ArmsResult {
  readonly table: string
  readonly lookups: number
  /** Time per lookup in nanoseconds, per round, each arm's two windows. */
  readonly rounds: readonly Readonly<Record<Arm, readonly [number, number]>>[]
}

interface ArmData {
  readonly module: string
  readonly arm: Arm
  readonly table: string
}

/** A request to an arm's thread: time a window of `ms`, answer with ns per lookup. */
interface WindowRequest {
  readonly ms: number
}

type ArmReply = { ready: true; lookups: number } | { ns: number } | { error: string }

/** In an arm's thread: build, check, then answer window requests. */
async function arm(): Promise<void> {
  const port = parentPort
  if (port === null) return
  const { module, arm, table: name } = workerData as ArmData
  try {
    const table = benchTable(name)
    if (table === null) throw new Error(`unknown table "${name}"`)
    const set = table.sets.find((s) => s.name === 'all' || s.name === 'sample')
    if (set === undefined) throw new Error(`table "${name}" has no lookup set to time`)
    const built = build(await routerModuleAdapter(module, arm), table)
    for (const s of table.sets) {
      const wrong = wrongAnswers(built, s)
      if (wrong.length > 0) throw new Error(`the ${arm} build answers wrongly: ${wrong[0]}`)
    }
    const fn = pass(built, set)
    const n = set.lookups.length
    port.on('message', ({ ms }: WindowRequest) => {
      const t0 = performance.now()
      let passes = 0
      let now = t0
      do {
        fn()
        passes++
        now = performance.now()
      } while (now - t0 < ms)
      port.postMessage({ ns: ((now - t0) * 1e6) / (passes * n) } satisfies ArmReply)
    })
    port.postMessage({ ready: true, lookups: n } satisfies ArmReply)
  } catch (error) {
    port.postMessage({ error: (error as Error).message } satisfies ArmReply)
  }
}

/** The next message of a worker, as a promise. */
function reply(worker: Worker): Promise<ArmReply> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ArmReply) => {
      worker.off('error', onError)
      resolve(message)
    }
    const onError = (error: Error) => {
      worker.off('message', onMessage)
      reject(error)
    }
    worker.once('message', onMessage)
    worker.once('error', onError)
  })
}

async function main(): Promise<void> {
  // A harness killed outright leaves no one to read the result: stop with it.
  watchParent(() => process.exit(130))
  const job = JSON.parse(process.argv[2] ?? '') as ArmsJob
  const workers = {} as Record<Arm, Worker>
  let lookups = 0
  try {
    // Each worker's first message is awaited from its creation on: an event with no listener yet
    // would be lost.
    const ready: Promise<ArmReply>[] = []
    for (const name of ARMS) {
      const data: ArmData = { module: job.modules[name], arm: name, table: job.table }
      workers[name] = new Worker(new URL(import.meta.url), { workerData: data })
      ready.push(reply(workers[name]))
    }
    for (const first of await Promise.all(ready)) {
      if ('error' in first) throw new Error(first.error)
      if ('lookups' in first) lookups = first.lookups
    }
    const time = async (name: Arm, ms: number): Promise<number> => {
      workers[name].postMessage({ ms } satisfies WindowRequest)
      const answer = await reply(workers[name])
      if (!('ns' in answer)) throw new Error(`the ${name} arm stopped answering`)
      return answer.ns
    }

    const warmUntil = performance.now() + job.warmupMs
    while (performance.now() < warmUntil) for (const name of ARMS) await time(name, 10)

    const rounds: Record<Arm, [number, number]>[] = []
    for (let r = 0; r < job.rounds; r++) {
      const times: Record<Arm, number[]> = { base: [], head: [], again: [] }
      for (const name of order(r)) times[name].push(await time(name, job.windowMs))
      rounds.push(times as Record<Arm, [number, number]>)
    }
    const result: ArmsResult = { table: job.table, lookups, rounds }
    process.stdout.write(`${JSON.stringify(result)}\n`)
  } finally {
    await Promise.all(Object.values(workers).map((w) => w.terminate()))
  }
}

if (isMainThread) {
  main().catch((error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`)
    process.exitCode = 1
  })
} else {
  void arm()
}
