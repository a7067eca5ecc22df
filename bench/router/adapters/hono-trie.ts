import { TrieRouter } from 'hono/router/trie-router'
import { honoAdapter } from './hono-common.js'

export default honoAdapter(
  'hono-trie',
  "Hono's TrieRouter: a tree of path segments; Hono falls back to it for routes RegExpRouter refuses.",
  () => new TrieRouter(),
)
