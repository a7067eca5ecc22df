import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { estimateSeconds, OptionsError, parseOptions } from '../options.js'
import { SCENARIO_NAMES } from '../scenarios.js'

describe('parseOptions', () => {
  test('defaults: the whole matrix, 5 rounds of 1 s after up to 3 s of warm-up, pinned, auto loader', () => {
    const o = parseOptions([])
    assert.deepEqual(o.servers, [
      'node-http',
      'express',
      'koa',
      'fastify',
      'hono',
      'uws',
      'trie',
      'trie-uws',
    ])
    assert.deepEqual(o.scenarios, SCENARIO_NAMES)
    assert.equal(o.rounds, 5)
    assert.equal(o.durationSec, 1)
    assert.equal(o.warmupSec, 3)
    assert.equal(o.loader, 'auto')
    assert.equal(o.connections, 100)
    assert.equal(o.pipelining, 1)
    assert.equal(o.pin, true)
    assert.equal(o.out, 'results')
    assert.equal(o.target, null)
    assert.equal(o.profile, 'default')
    assert.deepEqual(o.runtimes, ['node'])
  })

  test('--runtimes: the servers default to those that run on one of them', () => {
    const o = parseOptions(['--runtimes', 'node,bun,deno'])
    assert.deepEqual(o.runtimes, ['node', 'bun', 'deno'])
    assert.deepEqual(o.servers.slice(-4), ['hono-bun', 'hono-deno', 'trie-bun', 'trie-deno'])
    assert.deepEqual(parseOptions(['--runtimes', 'deno']).servers, [
      'node-http',
      'express',
      'koa',
      'fastify',
      'hono',
      'trie',
      'hono-deno',
      'trie-deno',
    ])
  })

  test('--quick is a shorter profile that explicit options still override', () => {
    const quick = parseOptions(['--quick'])
    assert.deepEqual(
      [quick.rounds, quick.durationSec, quick.warmupSec, quick.profile],
      [2, 0.2, 0.25, 'quick'],
    )
    assert.equal(parseOptions(['--quick', '--rounds', '3']).rounds, 3)
  })

  const accepted: [string[], Partial<ReturnType<typeof parseOptions>>][] = [
    [['--servers', 'fastify,hono'], { servers: ['fastify', 'hono'] }],
    [['--servers', ' trie , trie,uws'], { servers: ['trie', 'uws'] }],
    [['--scenarios', 'json'], { scenarios: ['json'] }],
    [['--duration', '2.5', '--warmup', '0'], { durationSec: 2.5, warmupSec: 0 }],
    [['--connections', '256', '--pipelining', '10'], { connections: 256, pipelining: 10 }],
    [
      ['--no-pin', '--json', '--update-readme', '--out', 'tmp/x'],
      { pin: false, json: true, updateReadme: true, out: 'tmp/x' },
    ],
    [
      ['--target', 'http://10.0.0.2:3000'],
      { target: 'http://10.0.0.2:3000', servers: ['10.0.0.2:3000'] },
    ],
    [['--target', 'http://[::1]:8080/'], { target: 'http://[::1]:8080' }],
    [['--loader', 'wrk'], { loader: 'wrk' }],
    [['--loader', 'autocannon'], { loader: 'autocannon' }],
    [['--runtimes', 'bun', '--servers', 'trie-bun,express'], { servers: ['trie-bun', 'express'] }],
    [['--runtimes', 'deno,node'], { runtimes: ['deno', 'node'] }],
  ]
  for (const [args, expected] of accepted) {
    test(`accepts ${args.join(' ')}`, () => {
      const o = parseOptions(args)
      for (const [key, value] of Object.entries(expected)) {
        assert.deepEqual(o[key as keyof typeof o], value, key)
      }
    })
  }

  const refused: [string[], RegExp][] = [
    [['--servers', 'nope'], /--servers: unknown name "nope" \(known: node-http, express/],
    [['--servers', ','], /--servers needs at least one name/],
    [['--scenarios', 'plaintext,bogus'], /--scenarios: unknown name "bogus"/],
    [['--rounds', '0'], /--rounds must be a whole number from 1 to 1000, got "0"/],
    [['--rounds', '2.5'], /--rounds must be a whole number/],
    [['--duration', 'fast'], /--duration must be a number of seconds from 0.1 to 3600, got "fast"/],
    [['--duration', '0'], /--duration must be a number of seconds/],
    [['--connections=-1'], /--connections must be a whole number/],
    [['--target', 'localhost:3000'], /--target must be an http:\/\/ URL/],
    [['--target', 'nonsense'], /--target must be a URL/],
    [['--target', 'http://h:1/api'], /without a path or query/],
    [['--target', 'http://h:1', '--servers', 'trie'], /leave out --servers/],
    [['--loader', 'h2load'], /--loader must be one of auto, autocannon, wrk, got "h2load"/],
    [['--bogus'], /Unknown option '--bogus'/],
    [['--runtimes', 'workerd'], /--runtimes: unknown name "workerd" \(known: node, bun, deno\)/],
    [['--servers', 'hono-bun'], /--servers: hono-bun runs on Bun only; add bun to --runtimes/],
    [
      ['--runtimes', 'bun', '--servers', 'uws'],
      /--servers: uws runs on Node\.js only; add node to --runtimes/,
    ],
    [['--target', 'http://h:1', '--runtimes', 'bun'], /leave out --runtimes/],
    [['positional'], /positional/],
  ]
  for (const [args, message] of refused) {
    test(`refuses ${args.join(' ')}`, () => {
      assert.throws(
        () => parseOptions(args),
        (error: unknown) => {
          assert.ok(error instanceof OptionsError)
          assert.match(error.message, message)
          return true
        },
      )
    })
  }
})

describe('estimateSeconds', () => {
  test('the default matrix fits in about fifteen minutes', () => {
    const seconds = estimateSeconds(parseOptions([]))
    assert.ok(seconds > 8 * 60 && seconds <= 15 * 60, `${seconds} s`)
  })
  test('--quick fits in about a minute', () => {
    const seconds = estimateSeconds(parseOptions(['--quick']))
    assert.ok(seconds > 20 && seconds <= 90, `${seconds} s`)
  })
  test('a quick run of every server on the three runtimes fits in a few minutes', () => {
    const seconds = estimateSeconds(parseOptions(['--quick', '--runtimes', 'node,bun,deno']))
    assert.ok(seconds > 60 && seconds <= 4 * 60, `${seconds} s`)
  })
  test('grows with rounds, servers, runtimes and duration', () => {
    const base = estimateSeconds(parseOptions(['--servers', 'trie']))
    assert.ok(estimateSeconds(parseOptions(['--servers', 'trie,uws'])) > base)
    assert.ok(estimateSeconds(parseOptions(['--servers', 'trie', '--rounds', '9'])) > base)
    assert.ok(estimateSeconds(parseOptions(['--servers', 'trie', '--duration', '3'])) > base)
    assert.ok(estimateSeconds(parseOptions(['--servers', 'trie', '--runtimes', 'node,bun'])) > base)
  })
})
