import { HELLO } from '../spec.js'
import { type Check, error, exchangeCheck, json, notAllowed, text } from './check.js'
import { MALFORMED_PARAMS, PARAM_SAMPLES } from './params.js'

const get = (path: string) => ({ method: 'GET', path })

function endpoints(): Check[] {
  const checks = [
    exchangeCheck('endpoints', get('/'), text(HELLO)),
    exchangeCheck('endpoints', get('/json'), json({ message: HELLO })),
    exchangeCheck('endpoints', get('/json?x=1'), json({ message: HELLO })),
    exchangeCheck('endpoints', get('/users/42?x=1'), json({ id: '42' })),
  ]
  PARAM_SAMPLES.forEach(([raw, id], i) => {
    const [rawPost, postId] = PARAM_SAMPLES[(i + 1) % PARAM_SAMPLES.length] as [string, string]
    checks.push(
      exchangeCheck('endpoints', get(`/users/${raw}`), json({ id })),
      exchangeCheck('endpoints', get(`/users/${raw}/posts/${rawPost}`), json({ id, postId })),
    )
  })
  return checks
}

function statics(): Check[] {
  const cases: [string, string][] = [
    ['/static/app.js', 'app.js'],
    ['/static/a/b/c.css', 'a/b/c.css'],
    ['/static/caf%C3%A9/x%20y.txt', 'café/x y.txt'],
    ['/static/a%2Fb', 'a/b'],
    ['/static/%2525', '%25'],
    ['/static/a+b?x=1', 'a+b'],
    ['/static/a/b/', 'a/b/'], // the rest of the path, trailing slash included
    ['/static/', ''],
  ]
  return cases.map(([path, rest]) => exchangeCheck('static', get(path), json({ path: rest })))
}

function search(): Check[] {
  const ok = (query: string, q: string, limit: number) =>
    exchangeCheck('search', get(`/search${query}`), json({ q, limit }))
  const bad = (query: string) => exchangeCheck('search', get(`/search${query}`), error(400))
  return [
    ok('', '', 10),
    ok('?q=hello', 'hello', 10),
    ok('?q=', '', 10),
    ok('?q', '', 10),
    ok('?q=hello&limit=1', 'hello', 1),
    ok('?limit=100', '', 100),
    ok('?limit=042', '', 42),
    ok('?q=a+b', 'a b', 10), // URLSearchParams reads '+' as a space
    ok('?q=a%2Bb', 'a+b', 10),
    ok('?q=caf%C3%A9', 'café', 10),
    ok('?q=a%26b%3Dc', 'a&b=c', 10),
    ok('?q=%22x%22%5C', '"x"\\', 10),
    ok('?q=100%', '100%', 10), // an incomplete escape is kept as it is
    ok('?q=%E0', '\ufffd', 10), // bytes that are not UTF-8 become U+FFFD
    ok('?q=first&q=second', 'first', 10), // the first value wins
    ok('?limit=5&limit=500', '', 5),
    ok('?other=1&q=x&limit=7', 'x', 7),
    bad('?limit=0'),
    bad('?limit=101'),
    bad('?limit=1000'),
    bad('?limit=abc'),
    bad('?limit=1.5'),
    bad('?limit=-1'),
    bad('?limit=1e2'),
    bad('?limit=+5'), // ' 5' once decoded
    bad('?limit='),
    bad('?limit=500&limit=5'),
  ]
}

function errors(): Check[] {
  const notFound = [
    '/nope',
    '/json/',
    '/JSON',
    '/Json',
    '/users',
    '/users/',
    '/users/42/',
    '/Users/42',
    '/users/42/posts',
    '/users/42/posts/7/',
    '/users/42/Posts/7',
    '/static',
    '/STATIC/a',
    '/search/',
    '/gh',
    '/gh/',
  ].map((path) => exchangeCheck('errors', get(path), error(404)))
  const wrongMethod: [string, string, string][] = [
    ['POST', '/', 'GET'],
    ['DELETE', '/json', 'GET'],
    ['PUT', '/users/42', 'GET'],
    ['POST', '/users/42/posts/7', 'GET'],
    ['POST', '/search?q=x', 'GET'],
    ['GET', '/echo', 'POST'],
    ['PUT', '/echo', 'POST'],
    ['PATCH', '/static/a.css', 'GET'],
  ]
  const malformed = MALFORMED_PARAMS.flatMap((raw) => [
    exchangeCheck('errors', get(`/users/${raw}`), error(400)),
    exchangeCheck('errors', get(`/users/42/posts/${raw}`), error(400)),
    exchangeCheck('errors', get(`/static/a/${raw}`), error(400)),
  ])
  return [
    ...notFound,
    ...wrongMethod.map(([method, path, allow]) =>
      exchangeCheck('errors', { method, path }, notAllowed(allow)),
    ),
    ...malformed,
  ]
}

/**
 * Dot segments are text like any other: a path is matched as it is sent, never resolved as a URL
 * parser resolves `.` and `..` (hono did, answering 200 for `/x/../json`). Sent as they are, with
 * no client-side normalisation (node:http sends the path as given, as curl --path-as-is does).
 */
function dotSegments(): Check[] {
  const notFound = [
    '/x/../json',
    '/./json',
    '/json/.',
    '/json/..',
    '/users/./42',
    '/users/42/..',
    '/users/%2e/42',
    '/search/..?q=x',
    '/nope/%2E%2E/json',
  ].map((path) => exchangeCheck('errors', get(path), error(404), 'dot segments are not resolved'))
  const matched: [string, unknown][] = [
    ['/users/..', { id: '..' }],
    ['/users/%2e', { id: '.' }],
    ['/users/%2E%2E/posts/.', { id: '..', postId: '.' }],
  ]
  const rest: [string, string][] = [
    ['/static/%2e%2e/x', '../x'],
    ['/static/../x', '../x'],
    ['/static/a/./b', 'a/./b'],
    ['/static/a/../../json', 'a/../../json'],
    ['/static/..', '..'],
  ]
  return [
    ...notFound,
    ...matched.map(([path, body]) =>
      exchangeCheck('endpoints', get(path), json(body), 'dot segments are not resolved'),
    ),
    ...rest.map(([path, value]) =>
      exchangeCheck('static', get(path), json({ path: value }), 'dot segments are not resolved'),
    ),
  ]
}

/** The endpoints besides the GitHub table and `/echo`, their 404s, 405s and 400s. */
export function endpointChecks(): Check[] {
  return [...endpoints(), ...statics(), ...search(), ...errors(), ...dotSegments()]
}
