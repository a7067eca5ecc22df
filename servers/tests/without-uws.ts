/**
 * Node.js options under which `uws-pack` fails to load, as it does on a platform without its
 * binary: a module hook refuses to resolve it. For the tests of what happens then.
 */
const HOOKS = `export async function resolve(specifier, context, next) {
  if (specifier === 'uws-pack') throw new Error('no binary for this platform (simulated)')
  return next(specifier, context)
}`

const dataUrl = (source: string) => `data:text/javascript,${encodeURIComponent(source)}`

export const WITHOUT_UWS: readonly string[] = [
  '--import',
  dataUrl(`import { register } from 'node:module'; register(${JSON.stringify(dataUrl(HOOKS))})`),
]

/** The reason a uWS server gives for being unavailable under `WITHOUT_UWS`. */
export function unavailable(name: string): string {
  return `server "${name}" is unavailable here: uws-pack cannot load: no binary for this platform (simulated)`
}
