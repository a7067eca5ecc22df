import assert from 'node:assert/strict'
import { test } from 'node:test'
import { emptyResult, summarize } from '../summarize.js'
import { fixture, onNode, round } from './fixture.js'

test('ratios pair each round with the baseline round of the same number', () => {
  const file = fixture()
  const fast = file.results.find((r) => r.server === 'fastify' && r.scenario === 'plaintext')
  assert.deepEqual(
    fast?.rounds.map((r) => r.ratio),
    [60_000 / 40_000, 66_000 / 44_000, 63_000 / 42_000],
  )
  assert.equal(fast?.ratio?.median, 1.5)
  assert.equal(fast?.reqPerSec?.median, 63_000)
})

test('the baseline has a ratio of exactly 1', () => {
  const base = fixture().results.find((r) => r.server === 'node-http' && r.scenario === 'plaintext')
  assert.deepEqual(base?.ratio, { median: 1, low: 1, high: 1 })
})

test('one invalid round makes the result invalid, and it has no figures', () => {
  const r = fixture().results.find((x) => x.server === 'fastify' && x.scenario === 'routing')
  assert.equal(r?.valid, false)
  assert.deepEqual(r?.invalidReasons, ['round 2: unexpected status 404 ×12 (expected 200)'])
  assert.equal(r?.reqPerSec, null)
  assert.equal(r?.ratio, null)
  assert.equal(r?.latencyUs, null)
})

test('client-bound when at least half of the rounds are', () => {
  const r = fixture().results.find((x) => x.server === 'fastify' && x.scenario === 'plaintext')
  assert.equal(r?.clientBound, true)
})

test('latency is the median over rounds of each percentile; RSS the largest peak', () => {
  const r = fixture().results.find((x) => x.server === 'node-http' && x.scenario === 'plaintext')
  assert.deepEqual(r?.latencyUs, { p50: 802, p90: 1502, p99: 4202 })
  assert.equal(r?.rssPeakBytes, 60 * 1024 * 1024 + 3)
})

test('a baseline round that is invalid gives that round no ratio', () => {
  const base = emptyResult(onNode('node-http'), 'json')
  const other = emptyResult(onNode('trie'), 'json')
  base.rounds = [round(1, 100), round(2, 0, { valid: false, invalidReason: 'x' }), round(3, 100)]
  other.rounds = [round(1, 200), round(2, 300), round(3, 250)]
  summarize([base, other], onNode('node-http'))
  assert.deepEqual(
    other.rounds.map((r) => r.ratio),
    [2, null, 2.5],
  )
  assert.equal(other.ratio?.median, 2.25)
})

test('without a baseline there are no ratios', () => {
  const only = emptyResult({ server: '10.0.0.2:3000', runtime: 'unknown' }, 'json')
  only.rounds = [round(1, 100), round(2, 120)]
  summarize([only], null)
  assert.equal(only.ratio, null)
  assert.equal(only.reqPerSec?.median, 110)
})

test('summarize of one scenario leaves the others as they were', () => {
  const plain = emptyResult(onNode('node-http'), 'plaintext')
  const json = emptyResult(onNode('node-http'), 'json')
  plain.rounds = [round(1, 40_000)]
  json.rounds = [round(1, 30_000)]
  summarize([plain, json], onNode('node-http'), 'plaintext')
  assert.equal(plain.valid, true)
  assert.equal(json.valid, false, 'not summarized yet')
  assert.equal(json.reqPerSec, null)
})
