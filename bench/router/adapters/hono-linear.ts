import { LinearRouter } from 'hono/router/linear-router'
import { honoAdapter } from './hono-common.js'

export default honoAdapter(
  'hono-linear',
  "Hono's LinearRouter: routes tried in order with no build step, for apps created per request.",
  () => new LinearRouter(),
)
