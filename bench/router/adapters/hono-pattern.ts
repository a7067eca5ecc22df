import { PatternRouter } from 'hono/router/pattern-router'
import { honoAdapter } from './hono-common.js'

export default honoAdapter(
  'hono-pattern',
  "Hono's PatternRouter: one regular expression per route, tried in order; Hono's smallest router.",
  () => new PatternRouter(),
)
