/**
 * The benchmark's scenarios, each a rotation of requests built from the API contract
 * (servers/spec.ts) and the status every answer must have. A response with another status makes
 * the measurement invalid.
 */

import { fillPattern } from '@routebench/fixtures'
import { ENDPOINTS, GITHUB_ROUTES, HELLO } from '../../servers/spec.js'

export interface LoadRequest {
  readonly method: string
  readonly path: string
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

export interface Scenario {
  readonly name: string
  readonly description: string
  readonly expectedStatus: number
  /** Sent in this order, round and round, on every connection. */
  readonly requests: readonly LoadRequest[]
}

const get = (path: string): LoadRequest => ({ method: 'GET', path })

/** Realistic values for the params of the GitHub table, by name; other names get `v<i>`. */
const GITHUB_VALUES: Record<string, string> = {
  owner: 'octocat',
  repo: 'hello-world',
  user: 'mojombo',
  org: 'github',
  number: '1347',
  id: '42',
  sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
  ref: 'main',
  path: 'README.md',
  name: 'bug',
  client_id: 'abc123',
  access_token: 'e72e16c7e42f292c6912e7710c838347ae178b4a',
  gist_id: 'aa5a315d61ae9438b18d',
  keyword: 'router',
  email: 'octocat%40github.com',
  archive_format: 'tarball',
  branch: 'main',
  code: 'gitignore',
}

/** A ~1 KB JSON document, the shape of a typical API write. */
export const ECHO_BODY = JSON.stringify({
  id: 'ord_4f9c2a7e',
  createdAt: '2026-11-21T10:15:30.000Z',
  customer: { id: 'cus_81c3', name: 'Ada Lovelace', email: 'ada@example.com', tier: 'gold' },
  shipping: {
    street: '12 Analytical Engine Way',
    city: 'London',
    postcode: 'NW1 2DB',
    country: 'GB',
    instructions: 'Leave with the concierge; ring twice.',
  },
  items: [
    { sku: 'KB-104', title: 'Mechanical keyboard, tenkeyless', quantity: 1, price: 129.9 },
    { sku: 'MS-220', title: 'Wireless mouse', quantity: 2, price: 39.5 },
    { sku: 'CB-010', title: 'USB-C cable, 2 m, braided', quantity: 3, price: 12.25 },
    { sku: 'MN-270', title: '27-inch monitor, 1440p, 165 Hz', quantity: 1, price: 329 },
  ],
  discounts: [{ code: 'AUTUMN10', percent: 10 }],
  payment: { method: 'card', brand: 'visa', last4: '4242', captured: false },
  tags: ['priority', 'gift', 'fragile'],
  notes: 'Please send the invoice to accounts@example.com with the order reference above.',
  totals: { items: 582.15, shipping: 9.99, tax: 116.43, discount: 58.22, grand: 650.35 },
})

const IDS = ['1', '42', '1000', 'ada', 'caf%C3%A9', 'x9']

export const SCENARIOS: readonly Scenario[] = [
  {
    name: 'plaintext',
    description: `GET / → text "${HELLO}"`,
    expectedStatus: 200,
    requests: [get(ENDPOINTS.plaintext.pattern)],
  },
  {
    name: 'json',
    description: 'GET /json → a small JSON object',
    expectedStatus: 200,
    requests: [get(ENDPOINTS.json.pattern)],
  },
  {
    name: 'params',
    description: 'GET /users/:id/posts/:postId, 36 value pairs, some percent-encoded',
    expectedStatus: 200,
    requests: IDS.flatMap((id) => IDS.map((post) => get(`/users/${id}/posts/${post}`))),
  },
  {
    name: 'query',
    description: 'GET /search?q=&limit=, six query strings',
    expectedStatus: 200,
    requests: [
      '/search?q=router&limit=10',
      '/search?q=hello+world&limit=25',
      '/search?q=caf%C3%A9&limit=100',
      '/search?limit=1',
      '/search?q=node.js+http+server',
      '/search?q=a&limit=50&page=2',
    ].map(get),
  },
  {
    name: 'echo',
    description: `POST /echo with a ${ECHO_BODY.length}-byte JSON body`,
    expectedStatus: 200,
    requests: [
      {
        method: 'POST',
        path: ENDPOINTS.echo.pattern,
        headers: { 'content-type': 'application/json' },
        body: ECHO_BODY,
      },
    ],
  },
  {
    name: 'routing',
    description: `all ${GITHUB_ROUTES.length} GitHub API routes under /gh, in turn`,
    expectedStatus: 200,
    requests: GITHUB_ROUTES.map((route) => ({
      method: route.method,
      path: fillPattern(route.pattern, (name, i) => GITHUB_VALUES[name] ?? `v${i}`),
    })),
  },
  {
    name: 'not-found',
    description: 'GET on unknown paths → 404',
    expectedStatus: 404,
    requests: ['/nope', '/users', '/json/', '/JSON', '/gh/repos/octocat', '/static'].map(get),
  },
]

export const SCENARIO_NAMES = SCENARIOS.map((s) => s.name)
