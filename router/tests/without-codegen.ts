import assert from 'node:assert/strict'
import { spawnSync } from 'node:child_process'
import type { RouterOptions } from '@routebench/router'

/** A table case: routes (`pattern` for GET, or `[method, pattern]`) and expected answers. */
export interface CodegenCase {
  readonly name: string
  readonly options?: RouterOptions
  readonly routes: readonly (string | readonly [string, string])[]
  readonly finds: readonly (readonly [string | readonly [string, string], unknown])[]
}

/**
 * Runs table cases in a process started with --disallow-code-generation-from-strings, as under a
 * Content-Security-Policy without 'unsafe-eval': `new Function` throws, so the router interprets
 * its trees and builds params with loops. Every answer must be the expected one.
 */
export function checkWithoutCodegen(
  cases: readonly CodegenCase[],
  valueFor: (method: string, pattern: string) => string,
): void {
  const router = import.meta.resolve('@routebench/router')
  const script = `
    import { Router } from ${JSON.stringify(router)}
    let forbidden = false
    try { new Function('') } catch { forbidden = true }
    if (!forbidden) throw new Error('code generation was not forbidden')
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
  const run = spawnSync(
    process.execPath,
    ['--disallow-code-generation-from-strings', '--input-type=module', '-e', script],
    {
      input: JSON.stringify(cases.map((c) => ({ ...c, routes: c.routes.map(route) }))),
      encoding: 'utf8',
    },
  )
  assert.equal(run.status, 0, run.stderr)
  const answers = JSON.parse(run.stdout) as unknown[][]
  cases.forEach((c, i) => {
    c.finds.forEach(([request, expected], j) => {
      assert.deepEqual(answers[i]?.[j], expected, `${c.name}: ${JSON.stringify(request)}`)
    })
  })
}
