/**
 * The shape every command of this project has (`bench`, `bench:router`, `compare`, `regress`,
 * `serve`), written once: the command line is parsed first (a mistake is one line naming it, then
 * the usage); `--help` prints the usage; the run gets an `AbortSignal` that the first Ctrl-C,
 * SIGTERM or SIGHUP aborts, so that it can stop its children and keep what it measured, while a
 * second one quits at once (every child is still killed, by the exit handlers of `child.ts` and
 * `server-process.ts`); a process started by a harness that is then killed outright stops as on
 * SIGTERM (parent-pipe.ts); an unexpected error is printed with its stack; and every command
 * answers with the same exit codes.
 */
import { OptionsError } from './args.js'
import { watchParent } from './parent-pipe.js'

/** The exit codes of every command. README's table of them is this one. */
export const EXIT = {
  /** Everything ran as asked, and nothing was found wrong. */
  ok: 0,
  /** A finding: a server or router that failed, an invalid measurement, a regression. */
  finding: 1,
  /** The run could not be made as asked: a bad command line, an output place that cannot be
   * written, an unknown git ref, a base that does not build, an unexpected error. */
  cannotRun: 2,
  /** `npm run regress` only: the machine was too noisy to decide either way. */
  inconclusive: 3,
  /** Stopped by Ctrl-C or a signal; what was measured up to then is kept. */
  interrupted: 130,
} as const

export type ExitCode = (typeof EXIT)[keyof typeof EXIT]

/** The run cannot be made as asked: `message` is one line for a person, the exit code is 2. */
export class CannotRunError extends Error {
  override readonly name: string = 'CannotRunError'
}

export interface Command<O extends { readonly help: boolean }> {
  /** As the command's messages name it: `bench`, `bench:router`, ... */
  readonly name: string
  readonly usage: string
  /** Options from the arguments; throws an `OptionsError` for a mistake. */
  parse(args: readonly string[]): O
  /** The run itself. `signal` is aborted by the first interrupt. Resolves to an exit code. */
  run(options: O, signal: AbortSignal): Promise<number> | number
  /** What the first interrupt prints after the command's name; null prints nothing. */
  readonly stopping?: string | null
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/**
 * Runs `command` on `args` and sets `process.exitCode`; resolves to the code too. Nothing else in a
 * command handles signals or exit codes.
 */
export async function runCommand<O extends { readonly help: boolean }>(
  command: Command<O>,
  args: readonly string[] = process.argv.slice(2),
): Promise<number> {
  const code = await exitCodeOf(command, args)
  process.exitCode = code
  return code
}

async function exitCodeOf<O extends { readonly help: boolean }>(
  command: Command<O>,
  args: readonly string[],
): Promise<number> {
  const say = (text: string) => process.stderr.write(`${command.name}: ${text}\n`)
  let options: O
  try {
    options = command.parse(args)
  } catch (error) {
    if (!(error instanceof OptionsError)) return crashed(say, error)
    say(error.message)
    process.stderr.write(`${command.usage}\n`)
    return EXIT.cannotRun
  }
  if (options.help) {
    process.stdout.write(`${command.usage}\n`)
    return EXIT.ok
  }

  const controller = new AbortController()
  let interrupts = 0
  const interrupt = () => {
    interrupts++
    if (interrupts > 1) process.exit(EXIT.interrupted)
    const stopping =
      command.stopping === undefined
        ? 'stopping; keeping what was measured (Ctrl-C again to quit now)'
        : command.stopping
    if (stopping !== null) {
      process.stderr.write('\n')
      say(stopping)
    }
    controller.abort()
  }
  for (const signal of SIGNALS) process.on(signal, interrupt)
  // Started by a harness (a server, by the benchmark) that is gone, killed outright: stop as on
  // SIGTERM rather than run for ever.
  const unwatch = watchParent(interrupt)
  try {
    return await command.run(options, controller.signal)
  } catch (error) {
    if (error instanceof CannotRunError) {
      say(error.message)
      return EXIT.cannotRun
    }
    return crashed(say, error)
  } finally {
    for (const signal of SIGNALS) process.off(signal, interrupt)
    unwatch()
  }
}

function crashed(say: (text: string) => void, error: unknown): number {
  say(error instanceof Error ? (error.stack ?? error.message) : String(error))
  return EXIT.cannotRun
}
