import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { parseRegressOptions } from '../options.js'

describe('regress options: rounds of the router tier', () => {
  const cases: [string[], number, number][] = [
    [[], 8, 16],
    [['--rounds', '5'], 5, 10],
    [['--max-rounds', '8'], 8, 8],
    [['--rounds', '4', '--max-rounds', '30'], 4, 30],
  ]
  for (const [args, rounds, max] of cases) {
    test(`${args.join(' ') || 'defaults'}: ${rounds} processes per table, up to ${max}`, () => {
      const options = parseRegressOptions(['--base', 'HEAD', ...args])
      assert.equal(options.routerRounds, rounds)
      assert.equal(options.routerMaxRounds, max)
    })
  }
})
