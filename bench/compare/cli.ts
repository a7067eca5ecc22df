/**
 * `npm run compare -- <base.json> <head.json>`: are head's figures different from base's, row by
 * row, beyond chance? Markdown on stdout (or JSON with --json). Exit code 0 when the files were
 * compared, whatever the verdicts; 2 for a bad command line or files that cannot be compared
 * (a `CompareError`).
 */
import { EXIT, runCommand } from '../lib/command.js'
import { checkOutputFile } from '../lib/output-place.js'
import { writeAtomic } from '../lib/report/write.js'
import { compare } from './compare.js'
import {
  comparisonJson,
  comparisonMarkdown,
  githubActionBenchmark,
  githubActionBenchmarkTool,
} from './format.js'
import { loadPair } from './load.js'
import { COMPARE_USAGE, type CompareCommand, parseCompareOptions } from './options.js'

async function run(command: CompareCommand, signal: AbortSignal): Promise<number> {
  // Before the files are read: a place that cannot be written is known at once.
  if (command.out !== null) await checkOutputFile('--out', command.out)
  if (command.githubActionBenchmark !== null)
    await checkOutputFile('--github-action-benchmark', command.githubActionBenchmark)
  const comparison = compare(loadPair(command.base, command.head), command)
  if (signal.aborted) return EXIT.interrupted // nothing written
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
  return EXIT.ok
}

await runCommand({ name: 'compare', usage: COMPARE_USAGE, parse: parseCompareOptions, run })
