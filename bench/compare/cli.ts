/**
 * `npm run compare -- <base.json> <head.json>`: are head's figures different from base's, row by
 * row, beyond chance? Markdown on stdout (or JSON with --json). Exit code 0 when the files were
 * compared, whatever the verdicts; 2 for a bad command line or files that cannot be compared.
 */

import { OptionsError } from '../lib/args.js'
import { writeAtomic } from '../lib/report/write.js'
import { compare } from './compare.js'
import { CompareError } from './errors.js'
import {
  comparisonJson,
  comparisonMarkdown,
  githubActionBenchmark,
  githubActionBenchmarkTool,
} from './format.js'
import { loadPair } from './load.js'
import { COMPARE_USAGE, parseCompareOptions } from './options.js'

function main(): number {
  let command: ReturnType<typeof parseCompareOptions>
  try {
    command = parseCompareOptions(process.argv.slice(2))
  } catch (error) {
    if (!(error instanceof OptionsError)) throw error
    process.stderr.write(`compare: ${error.message}\n${COMPARE_USAGE}\n`)
    return 2
  }
  if (command.help) {
    process.stdout.write(`${COMPARE_USAGE}\n`)
    return 0
  }

  let comparison: ReturnType<typeof compare>
  try {
    comparison = compare(loadPair(command.base, command.head), command)
  } catch (error) {
    if (!(error instanceof CompareError)) throw error
    process.stderr.write(`compare: ${error.message}\n`)
    return 2
  }

  const markdown = comparisonMarkdown(comparison)
  process.stdout.write(
    command.json ? `${JSON.stringify(comparisonJson(comparison), null, 2)}\n` : markdown,
  )
  if (command.out !== null) writeAtomic(command.out, markdown)
  if (command.githubActionBenchmark !== null) {
    writeAtomic(
      command.githubActionBenchmark,
      `${JSON.stringify(githubActionBenchmark(comparison), null, 2)}\n`,
    )
    process.stderr.write(
      `wrote ${command.githubActionBenchmark} for github-action-benchmark (tool: ${githubActionBenchmarkTool(comparison)})\n`,
    )
  }
  return 0
}

try {
  process.exitCode = main()
} catch (error) {
  process.stderr.write(
    `compare: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  )
  process.exitCode = 1
}
