import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { TABLE_NAMES } from '@routebench/fixtures'
import { OptionsError } from '../../lib/args.js'
import { ADAPTER_NAMES } from '../adapters/index.js'
import {
  estimateRouterSeconds,
  parseRouterOptions,
  REFERENCE,
  type RouterBenchOptions,
} from '../options.js'

const SCALING = ['generated-10', 'generated-100', 'generated-1000', 'generated-10000']

describe('parseRouterOptions', () => {
  test('defaults: every router on every table and the scaling series, 3 rounds, pinned', () => {
    assert.deepEqual(parseRouterOptions([]), {
      routers: [...ADAPTER_NAMES],
      tables: [...TABLE_NAMES, ...SCALING],
      rounds: 3,
      timeMs: 100,
      warmupMinMs: 400,
      warmupMaxMs: 3_000,
      builds: 3,
      profile: 'default',
      pin: true,
      instructions: false,
      seed: null,
      out: 'results',
      json: false,
      updateReadme: false,
      help: false,
    } satisfies RouterBenchOptions)
  })

  test('the reference router is a known router', () => {
    assert.ok((ADAPTER_NAMES as readonly string[]).includes(REFERENCE))
  })

  test('--quick: one short round, two sizes of the scaling series', () => {
    const o = parseRouterOptions(['--quick'])
    assert.deepEqual(
      [o.profile, o.rounds, o.timeMs, o.warmupMinMs, o.warmupMaxMs, o.builds],
      ['quick', 1, 4, 20, 20, 1],
    )
    assert.deepEqual(o.tables, [...TABLE_NAMES, 'generated-10', 'generated-1000'])
    assert.deepEqual(o.routers, [...ADAPTER_NAMES])
  })

  const accepted: [string[], Partial<RouterBenchOptions>][] = [
    [['--routers', 'rou3,routebench'], { routers: ['rou3', 'routebench'] }],
    [['--routers', ' rou3 , rou3,routebench,rou3'], { routers: ['rou3', 'routebench'] }],
    [['--tables', 'parse'], { tables: ['parse'] }],
    [['--tables', 'github,parse,github'], { tables: ['github', 'parse'] }],
    [['--tables', 'scaling'], { tables: SCALING }],
    [['--quick', '--tables', 'scaling'], { tables: ['generated-10', 'generated-1000'] }],
    [
      ['--tables', 'generated-100,scaling,parse,generated-10'],
      { tables: ['generated-100', 'generated-10', 'generated-1000', 'generated-10000', 'parse'] },
    ],
    [['--tables', 'generated-1,generated-999999'], { tables: ['generated-1', 'generated-999999'] }],
    [['--rounds', '1', '--time', '1'], { rounds: 1, timeMs: 1 }],
    [['--seed', '0'], { seed: 0 }],
    [['--seed', '4294967295'], { seed: 4294967295 }],
    [['--seed=31337', '--quick'], { seed: 31337, profile: 'quick' }],
    [['--rounds', '100', '--time', '60000'], { rounds: 100, timeMs: 60_000 }],
    [['--quick', '--rounds', '3'], { profile: 'quick', rounds: 3, timeMs: 4 }],
    [
      ['--no-pin', '--json', '--update-readme', '--instructions', '--help', '--out', 'tmp/x'],
      {
        pin: false,
        json: true,
        updateReadme: true,
        instructions: true,
        help: true,
        out: 'tmp/x',
      },
    ],
  ]
  for (const [args, expected] of accepted) {
    test(`accepts ${args.join(' ')}`, () => {
      const o = parseRouterOptions(args)
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(o[key as keyof typeof o], value, key)
      }
    })
  }

  const knownTables =
    '(known: static, github, parse, gplus, router-benchmark, scaling, generated-N)'
  const refused: [string[], string][] = [
    [
      ['--routers', 'nope'],
      `--routers: unknown router "nope" (known: ${ADAPTER_NAMES.join(', ')})`,
    ],
    [
      ['--routers', 'routebench,Rou3'],
      `--routers: unknown router "Rou3" (known: ${ADAPTER_NAMES.join(', ')})`,
    ],
    [['--tables', 'nope'], `--tables: unknown table "nope" ${knownTables}`],
    [['--tables', 'parse,generated-0'], `--tables: unknown table "generated-0" ${knownTables}`],
    [['--tables', 'generated-010'], `--tables: unknown table "generated-010" ${knownTables}`],
    [
      ['--tables', 'generated-1000000'],
      `--tables: unknown table "generated-1000000" ${knownTables}`,
    ],
    [['--tables', 'generated-'], `--tables: unknown table "generated-" ${knownTables}`],
    [['--routers', ''], '--routers needs at least one name'],
    [['--routers', ' , '], '--routers needs at least one name'],
    [['--tables', ','], '--tables needs at least one name'],
    [
      ['--routers=medley,'],
      '--routers: an empty name in "medley,"; separate the names with single commas',
    ],
    [['--rounds', '0'], '--rounds must be a whole number from 1 to 100, got "0"'],
    [['--rounds', '101'], '--rounds must be a whole number from 1 to 100, got "101"'],
    [['--rounds', '2.5'], '--rounds must be a whole number from 1 to 100, got "2.5"'],
    [['--rounds', '1e2'], '--rounds must be a whole number from 1 to 100, got "1e2"'],
    [['--rounds=-1'], '--rounds must be a whole number from 1 to 100, got "-1"'],
    [['--rounds', ''], '--rounds must be a whole number from 1 to 100, got ""'],
    [['--time', 'fast'], '--time must be a whole number from 1 to 60000, got "fast"'],
    [['--time', '60001'], '--time must be a whole number from 1 to 60000, got "60001"'],
    [['--seed=-1'], '--seed must be a whole number from 0 to 4294967295, got "-1"'],
    [
      ['--seed', '4294967296'],
      '--seed must be a whole number from 0 to 4294967295, got "4294967296"',
    ],
    [['--seed', 'random'], '--seed must be a whole number from 0 to 4294967295, got "random"'],
    [['--bogus'], "Unknown option '--bogus'"],
    [['--quick=yes'], "Option '--quick' does not take an argument"],
    [['--rounds'], "Option '--rounds <value>' argument missing"],
    [['github'], "Unexpected argument 'github'. This command does not take positional arguments"],
  ]
  for (const [args, message] of refused) {
    test(`refuses ${args.map((a) => JSON.stringify(a)).join(' ')}`, () => {
      assert.throws(
        () => parseRouterOptions(args),
        (error: unknown) => {
          assert.ok(error instanceof OptionsError, String(error))
          assert.equal(error.message, message)
          return true
        },
      )
    })
  }
})

describe('estimateRouterSeconds', () => {
  const estimate = (...args: string[]) => estimateRouterSeconds(parseRouterOptions(args))
  const one = ['--routers', 'routebench', '--tables', 'parse']

  test('the quick profile is estimated under a minute, as the usage says', () => {
    const seconds = estimate('--quick')
    assert.ok(seconds > 10 && seconds < 60, `${seconds} s`)
    assert.ok(estimate() > seconds)
  })

  test('grows with rounds, tables, routers, time and --instructions', () => {
    const base = estimate(...one)
    assert.ok(base > 0)
    const larger: [string, string[]][] = [
      ['rounds', [...one, '--rounds', '5']],
      ['tables', ['--routers', 'routebench', '--tables', 'parse,github']],
      ['a generated table', ['--routers', 'routebench', '--tables', 'parse,generated-100']],
      ['routers', ['--routers', 'routebench,rou3', '--tables', 'parse']],
      ['time', [...one, '--time', '1000']],
      ['instructions', [...one, '--instructions']],
    ]
    for (const [what, args] of larger) assert.ok(estimate(...args) > base, what)
  })

  test('every router costs the same: the estimate is proportional to their number', () => {
    const tables = ['--tables', 'parse,generated-100']
    assert.equal(
      estimate('--routers', 'routebench,rou3,medley', ...tables),
      3 * estimate('--routers', 'routebench', ...tables),
    )
  })

  test('instructions are counted on standard tables only', () => {
    const generated = ['--routers', 'routebench', '--tables', 'generated-100']
    assert.equal(estimate(...generated, '--instructions'), estimate(...generated))
  })
})
