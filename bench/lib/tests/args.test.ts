import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { OptionsError, parseList } from '../args.js'

const KNOWN = ['node-http', 'trie', 'fastify'] as const

describe('parseList', () => {
  const accepted: [string, string[]][] = [
    ['trie', ['trie']],
    ['trie,fastify', ['trie', 'fastify']],
    [' trie , fastify ', ['trie', 'fastify']],
    ['trie,trie,node-http', ['trie', 'node-http']],
  ]
  for (const [text, names] of accepted) {
    test(`accepts "${text}"`, () => {
      assert.deepEqual(parseList('--servers', text, KNOWN), names)
    })
  }

  // `--servers trie,,` measured trie alone and said nothing of the empty name: most often a name
  // left out by mistake.
  const refused: [string, string][] = [
    ['trie,,', '--servers: an empty name in "trie,,"; separate the names with single commas'],
    [',trie', '--servers: an empty name in ",trie"; separate the names with single commas'],
    ['trie,', '--servers: an empty name in "trie,"; separate the names with single commas'],
    [
      'trie, ,fastify',
      '--servers: an empty name in "trie, ,fastify"; separate the names with single commas',
    ],
    ['', '--servers needs at least one name (node-http, trie, fastify)'],
    [' , ', '--servers needs at least one name (node-http, trie, fastify)'],
    ['trie,nope', '--servers: unknown name "nope" (known: node-http, trie, fastify)'],
  ]
  for (const [text, message] of refused) {
    test(`refuses "${text}" by name`, () => {
      assert.throws(() => parseList('--servers', text, KNOWN), { name: 'Error', message })
      assert.throws(() => parseList('--servers', text, KNOWN), OptionsError)
    })
  }
})
