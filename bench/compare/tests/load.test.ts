import assert from 'node:assert/strict'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, test } from 'node:test'
import { SCHEMA_VERSION } from '../../http/schema.js'
import { fixture } from '../../http/tests/fixture.js'
import { routerFixture } from '../../router/tests/fixture.js'
import { CompareError } from '../errors.js'
import { loadPair, parsePair, type Source } from '../load.js'
import { source } from './files.js'

const http = fixture()
const router = routerFixture()

/** An HTTP file as version 1 of the schema wrote it: no kind, no pairing. */
function versionOne(): unknown {
  const { kind: _kind, ...file } = fixture()
  const { pairing: _pairing, ...meta } = file.meta
  return { ...file, schemaVersion: 1, meta }
}

function refusal(base: Source, head: Source): string {
  try {
    parsePair(base, head)
  } catch (error) {
    assert.ok(error instanceof CompareError, String(error))
    return error.message
  }
  assert.fail('the pair was accepted')
}

describe('reading the two files', () => {
  test('two valid files of one kind are read as that kind', () => {
    const httpPair = parsePair(source('a.json', http), source('b.json', http))
    assert.equal(httpPair.kind, 'http')
    assert.deepEqual(httpPair.head.file, http)
    assert.equal(httpPair.base.path, 'a.json')
    const routerPair = parsePair(source('a.json', router), source('b.json', router))
    assert.equal(routerPair.kind, 'router')
    assert.deepEqual(routerPair.base.file, router)
  })

  const cases: [string, Source, Source, string][] = [
    [
      'an array is not a results file',
      source('base.json', [1, 2]),
      source('head.json', http),
      'base.json: not a results file of npm run bench or npm run bench:router (the JSON is an array, not an object)',
    ],
    [
      'a number is not a results file',
      source('base.json', http),
      source('head.json', 42),
      'head.json: not a results file of npm run bench or npm run bench:router (the JSON is a number, not an object)',
    ],
    [
      'an object without a kind is not a results file',
      source('base.json', { name: 'routebench', version: '0.1.0' }),
      source('head.json', http),
      'base.json: not a results file of npm run bench or npm run bench:router (no "kind"; expected "http" or "router")',
    ],
    [
      'an unknown kind is not a results file',
      source('base.json', http),
      source('head.json', { ...http, kind: 'grpc' }),
      'head.json: not a results file of npm run bench or npm run bench:router ("kind" "grpc"; expected "http" or "router")',
    ],
    [
      'an invalid file: the first problem, with its path in the file',
      source('base.json', http),
      source('head.json', {
        ...http,
        results: [
          { ...http.results[0], rounds: [{ ...http.results[0]?.rounds[0], reqPerSec: 'fast' }] },
        ],
      }),
      'head.json: not a valid HTTP results file: /results/0/rounds/0/reqPerSec must be number',
    ],
    [
      'an invalid file: a missing field',
      source('base.json', { ...router, instructions: undefined }),
      source('head.json', router),
      'base.json: not a valid router results file: the file must have required properties instructions',
    ],
    [
      'an invalid file: a field the schema does not have',
      source('base.json', { ...http, meta: { ...http.meta, host: 'ci-7' } }),
      source('head.json', http),
      'base.json: not a valid HTTP results file: /meta/host is not a field of this schema',
    ],
    [
      'different kinds are refused, whatever else is wrong',
      source('base.json', http),
      source('head.json', { ...router, results: 'none' }),
      'cannot compare an HTTP results file (base.json) with a router results file (head.json): one measures servers in requests per second, the other routers in time per lookup, so no row of one has a counterpart in the other',
    ],
    [
      'different schema versions are refused: version 1 had no kind',
      source('old.json', versionOne()),
      source('new.json', http),
      `cannot compare schema version 1 (old.json) with schema version ${SCHEMA_VERSION} (new.json): a field may mean something else in another version; measure the older side again with npm run bench`,
    ],
    [
      'different schema versions of router files are refused',
      source('base.json', router),
      source('head.json', { ...router, schemaVersion: 1 }),
      'cannot compare schema version 2 (base.json) with schema version 1 (head.json): a field may mean something else in another version; measure the older side again with npm run bench:router',
    ],
    [
      'two files of a version this compare does not read',
      source('base.json', versionOne()),
      source('head.json', versionOne()),
      `base.json: an HTTP results file of schema version 1; this version of compare reads version ${SCHEMA_VERSION} (measure again with npm run bench)`,
    ],
  ]
  for (const [name, base, head, message] of cases) {
    test(name, () => assert.equal(refusal(base, head), message))
  }

  test('text that is not JSON names the file', () => {
    const message = refusal(source('base.json', http), { path: 'head.json', text: '{"kind": ' })
    assert.match(message, /^head\.json: not JSON \(.+\)$/)
  })

  test('files are read from disk; a missing one is named', () => {
    const dir = mkdtempSync(join(tmpdir(), 'routebench-compare-load-'))
    const path = join(dir, 'base.json')
    writeFileSync(path, JSON.stringify(http))
    assert.equal(loadPair(path, path).kind, 'http')
    const missing = join(dir, 'head.json')
    assert.throws(() => loadPair(path, missing), {
      name: 'CompareError',
      message: `${missing}: cannot read it (no such file)`,
    })
    assert.throws(() => loadPair(dir, path), {
      message: `${dir}: cannot read it (a directory, not a file)`,
    })
    rmSync(dir, { recursive: true, force: true })
  })
})
