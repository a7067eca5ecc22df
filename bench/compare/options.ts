/** The command line of `npm run compare`. */
import { parseArgs } from 'node:util'
import { OptionsError } from '../lib/args.js'
import { DEFAULT_ALPHA } from './compare.js'

export interface CompareCommand {
  readonly base: string
  readonly head: string
  readonly alpha: number
  readonly json: boolean
  /** Also write the Markdown here. */
  readonly out: string | null
  /** Also write head's medians here, as github-action-benchmark reads them. */
  readonly githubActionBenchmark: string | null
  readonly force: boolean
  readonly help: boolean
}

export const COMPARE_USAGE = `usage: npm run compare -- <base.json> <head.json> [options]

  Compares two results files of one kind (both from npm run bench, or both from
  npm run bench:router) row by row: the change of each median with its 95% interval, a rank
  test, and Holm's correction across the rows. Markdown on stdout.

  --alpha A                       significance level after Holm's correction (default ${DEFAULT_ALPHA})
  --json                          print a JSON document instead of Markdown
  --out FILE                      also write the Markdown to FILE (e.g. $GITHUB_STEP_SUMMARY)
  --github-action-benchmark FILE  also write head's medians for github-action-benchmark
                                  (tool customBiggerIsBetter for HTTP, customSmallerIsBetter
                                  for router files)
  --force                         compare even when the files were measured with different
                                  options (duration, warm-up, load, placement)
  --help                          this text

exit codes: 0 compared (whatever the verdicts), 2 a bad command line or files that cannot be
compared`

export function parseCompareOptions(args: readonly string[]): CompareCommand {
  let parsed: ReturnType<typeof parse>
  try {
    parsed = parse(args)
  } catch (error) {
    throw new OptionsError((error as Error).message)
  }
  const { values, positionals } = parsed
  const help = values.help === true
  if (!help && positionals.length !== 2) {
    throw new OptionsError(
      `compare needs two files, base then head; got ${positionals.length === 0 ? 'none' : positionals.map((p) => `"${p}"`).join(', ')}`,
    )
  }
  return {
    base: positionals[0] ?? '',
    head: positionals[1] ?? '',
    alpha: parseAlpha(values.alpha),
    json: values.json === true,
    out: nonEmpty('--out', values.out),
    githubActionBenchmark: nonEmpty('--github-action-benchmark', values['github-action-benchmark']),
    force: values.force === true,
    help,
  }
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: true,
    options: {
      alpha: { type: 'string' },
      json: { type: 'boolean' },
      out: { type: 'string' },
      'github-action-benchmark': { type: 'string' },
      force: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
}

function parseAlpha(text: string | undefined): number {
  if (text === undefined) return DEFAULT_ALPHA
  const value = /^(0?\.[0-9]+|0|1)$/.test(text) ? Number(text) : Number.NaN
  if (!(value > 0 && value < 1)) {
    throw new OptionsError(`--alpha must be a number between 0 and 1, such as 0.01, got "${text}"`)
  }
  return value
}

function nonEmpty(option: string, text: string | undefined): string | null {
  if (text === undefined) return null
  if (text === '') throw new OptionsError(`${option} needs a file name`)
  return text
}
