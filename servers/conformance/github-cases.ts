import { fillPattern } from '@routebench/fixtures'
import { ALLOW, GITHUB_ROUTES, type GithubRoute } from '../spec.js'
import { type Check, error, exchangeCheck, json, notAllowed } from './check.js'
import { MALFORMED_PARAMS, PARAM_SAMPLES } from './params.js'

const METHODS = ['GET', 'POST', 'PUT', 'DELETE', 'PATCH']

function answer(route: GithubRoute, values: readonly string[]) {
  const params: Record<string, string> = {}
  route.names.forEach((name, i) => {
    params[name] = values[i] as string
  })
  return json({ route: route.route, params })
}

/** Every route with plain values, then with encoded ones (a different mix for each route). */
function matches(route: GithubRoute, index: number): Check[] {
  const plain = route.names.map((name, i) => `${name}-${i}`)
  const checks = [
    exchangeCheck(
      'github',
      { method: route.method, path: fillPattern(route.pattern, (_, i) => plain[i] as string) },
      answer(route, plain),
    ),
  ]
  if (route.names.length > 0) {
    const samples = route.names.map(
      (_, i) => PARAM_SAMPLES[(index + i) % PARAM_SAMPLES.length] as readonly [string, string],
    )
    const path = fillPattern(route.pattern, (_, i) => samples[i]?.[0] as string)
    checks.push(
      exchangeCheck(
        'github',
        { method: route.method, path },
        answer(
          route,
          samples.map(([, decoded]) => decoded),
        ),
      ),
    )
    const bad = MALFORMED_PARAMS[index % MALFORMED_PARAMS.length] as string
    const at = index % route.names.length
    const malformed = fillPattern(route.pattern, (_, i) => (i === at ? bad : (plain[i] as string)))
    checks.push(exchangeCheck('github', { method: route.method, path: malformed }, error(400)))
  }
  return checks
}

/** Per pattern: another method (405), a trailing slash and another letter case (404). */
function misses(pattern: string, allow: string): Check[] {
  const path = fillPattern(pattern, (name) => name)
  const method = METHODS.find((m) => !allow.split(', ').includes(m)) as string
  return [
    exchangeCheck('github', { method, path }, notAllowed(allow)),
    exchangeCheck('github', { method: 'GET', path: `${path}/` }, error(404)),
    exchangeCheck(
      'github',
      { method: 'GET', path: `/gh/${path[4]?.toUpperCase()}${path.slice(5)}` }, // /gh/Repos/…
      error(404),
    ),
  ]
}

/** The 203 GitHub routes under `/gh`. */
export function githubChecks(): Check[] {
  const patterns = new Set(GITHUB_ROUTES.map((r) => r.pattern))
  return [
    ...GITHUB_ROUTES.flatMap(matches),
    ...[...patterns].flatMap((pattern) => misses(pattern, ALLOW.get(pattern) as string)),
  ]
}
