import assert from 'node:assert/strict'
import { availableParallelism } from 'node:os'
import { describe, test } from 'node:test'
import { fileURLToPath } from 'node:url'
import { routerModule } from '../../lib/paths.js'
import { hasTaskset } from '../../lib/placement.js'
import type { Verdict } from '../decide.js'
import type { RegressRow } from '../result.js'
import { routerTier } from '../router-tier.js'

/**
 * The proof that the regression check works: the router made 15% slower by a test fixture is
 * caught, and the router compared with itself passes. Both arms run side by side in one process,
 * as `npm run regress` runs them. The fixture reads ROUTEBENCH_TEST_SLOWDOWN; nothing shipped
 * does. Both use the 8 processes that `npm run regress` gives a table: with fewer, one process
 * whose code came out a few percent off (it happens) moves the median's interval by itself.
 *
 * On a busy machine the check may answer "inconclusive" at first: it then adds processes, as
 * `npm run regress` does, up to twice as many; a run still inconclusive after that (the check
 * working: it will not decide when its own A/A pair is noisy) is repeated once. A wrong
 * answer is never repeated: the slowed router passing, or the A/A pair failing, fails the test.
 */
const ROUTER = routerModule()
const SLOW = fileURLToPath(new URL('./fixtures/slow-router.js', import.meta.url))
const ATTEMPTS = 2

const cores =
  availableParallelism() >= 2 && hasTaskset() ? String(availableParallelism() - 1) : null
const settings = { windows: 5, windowMs: 20, warmupMs: 1500, threshold: 0.05, cores, log: () => {} }

async function check(headModule: string, rounds: number, wanted: Verdict): Promise<RegressRow> {
  let row: RegressRow | undefined
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    const measured = await routerTier({
      ...settings,
      tables: ['parse'],
      rounds,
      maxRounds: 2 * rounds,
      baseModule: ROUTER,
      headModule,
    })
    assert.deepEqual(measured.errors, [])
    row = measured.rows[0]
    assert.ok(row)
    if (row.verdict !== 'inconclusive') break
  }
  assert.ok(row)
  assert.equal(row.verdict, wanted, row.reason)
  return row
}

describe('npm run regress, router tier', { concurrency: false }, () => {
  test('a router made 15% slower is a regression', async () => {
    process.env.ROUTEBENCH_TEST_SLOWDOWN = '0.15'
    try {
      const row = await check(SLOW, 8, 'regression')
      // The fixture repeats 15% of lookups, and its wrapper costs a little more.
      assert.ok(row.slowdown !== null && row.slowdown.median > 1.1, row.reason)
    } finally {
      delete process.env.ROUTEBENCH_TEST_SLOWDOWN
    }
  })

  test('the router against itself (A/A) passes', async () => {
    await check(ROUTER, 8, 'pass')
  })
})
