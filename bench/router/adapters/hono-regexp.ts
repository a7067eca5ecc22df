import { RegExpRouter } from 'hono/router/reg-exp-router'
import { honoAdapter } from './hono-common.js'

export default honoAdapter(
  'hono-regexp',
  "Hono's RegExpRouter: each method's routes joined into one regular expression; Hono's default router.",
  () => new RegExpRouter(),
)
