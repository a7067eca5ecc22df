import assert from 'node:assert/strict'
import { type SpawnSyncReturns, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { findRuntime, RUNTIME_LABELS, type Runtime } from '@routebench/fixtures'
import type { RouterOptions } from '@routebench/router'

/** A table case: routes (`pattern` for GET, or `[method, pattern]`) and expected answers. */
export interface CodegenCase {
  readonly name: string
  readonly options?: RouterOptions
  readonly routes: readonly (string | readonly [string, string])[]
  readonly finds: readonly (readonly [string | readonly [string, string], unknown])[]
}

/** Where the cases run: a runtime's binary and its options before the script. */
type Place = Pick<Runtime, 'command' | 'args' | 'env'>

/**
 * Runs table cases in a process started with --disallow-code-generation-from-strings, as under a
 * Content-Security-Policy without 'unsafe-eval': `new Function` throws, so the router interprets
 * its trees and builds params with loops. Every answer must be the expected one.
 */
export function checkWithoutCodegen(
  cases: readonly CodegenCase[],
  valueFor: (method: string, pattern: string) => string,
): void {
  const node = {
    command: process.execPath,
    args: ['--disallow-code-generation-from-strings'],
    env: {},
  }
  checkIn(node, cases, valueFor, true)
}

/**
 * The runtimes besides Node.js, each with the reason to skip its test where it is not installed:
 * the router's README says it runs on any modern JavaScript runtime, and the tests show it where
 * they can.
 */
export function otherRuntimes(): {
  label: string
  runtime: Runtime | null
  skip: string | false
}[] {
  return (['bun', 'deno'] as const).map((name) => {
    const lookup = findRuntime(name)
    const label = RUNTIME_LABELS[name]
    return lookup.available
      ? { label, runtime: lookup.runtime, skip: false }
      : { label, runtime: null, skip: `${label} is unavailable: ${lookup.reason}` }
  })
}

/** Runs table cases on another runtime (Bun, Deno): every answer must be the expected one. */
export function checkOnRuntime(
  runtime: Runtime,
  cases: readonly CodegenCase[],
  valueFor: (method: string, pattern: string) => string,
): void {
  checkIn(runtime, cases, valueFor, false)
}

function checkIn(
  place: Place,
  cases: readonly CodegenCase[],
  valueFor: (method: string, pattern: string) => string,
  forbidCodegen: boolean,
): void {
  const router = import.meta.resolve('@routebench/router')
  const script = `
    import process from 'node:process'
    import { Router } from ${JSON.stringify(router)}
    let forbidden = false
    try { new Function('') } catch { forbidden = true }
    if (forbidden !== ${forbidCodegen}) throw new Error('code generation was ${forbidCodegen ? 'not ' : ''}forbidden')
    process.stdin.setEncoding('utf8')
    let input = ''
    for await (const chunk of process.stdin) input += chunk
    const answers = JSON.parse(input).map(({ options, routes, finds }) => {
      const router = new Router(options)
      for (const [method, pattern, value] of routes) router.add(method, pattern, value)
      return finds.map(([request]) => {
        const [method, path] = typeof request === 'string' ? ['GET', request] : request
        const result = router.find(method, path)
        if (result === null) return null
        if (result.error !== undefined) return result.error
        return [result.value, { ...result.params }]
      })
    })
    process.stdout.write(JSON.stringify(answers))`
  for (const c of cases) {
    // The cases cross to the child as JSON: an option JSON cannot carry would arrive changed.
    const options = JSON.stringify(c.options ?? {})
    assert.deepEqual(JSON.parse(options), c.options ?? {}, `${c.name}: options JSON cannot carry`)
  }
  const route = (spec: string | readonly [string, string]) => {
    const [method, pattern] = typeof spec === 'string' ? ['GET', spec] : spec
    return [method, pattern, valueFor(method, pattern)]
  }
  // A file rather than an -e option, which each runtime spells its own way.
  const dir = mkdtempSync(join(tmpdir(), 'routebench-router-'))
  let run: SpawnSyncReturns<string>
  try {
    writeFileSync(join(dir, 'cases.mjs'), script)
    run = spawnSync(place.command, [...place.args, join(dir, 'cases.mjs')], {
      input: JSON.stringify(cases.map((c) => ({ ...c, routes: c.routes.map(route) }))),
      encoding: 'utf8',
      env: { ...process.env, ...place.env },
    })
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
  assert.equal(run.status, 0, run.stderr)
  const answers = JSON.parse(run.stdout) as unknown[][]
  cases.forEach((c, i) => {
    c.finds.forEach(([request, expected], j) => {
      assert.deepEqual(answers[i]?.[j], expected, `${c.name}: ${JSON.stringify(request)}`)
    })
  })
}
