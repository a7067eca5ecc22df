import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

/**
 * The version of an npm package as installed, found the way Node.js resolves packages: in the
 * nearest `node_modules` above this file. Results name exactly what was measured this way.
 */
export function installedVersion(name: string): string {
  let dir = dirname(fileURLToPath(import.meta.url))
  for (;;) {
    const file = join(dir, 'node_modules', name, 'package.json')
    if (existsSync(file))
      return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version
    const parent = dirname(dir)
    if (parent === dir) throw new Error(`package ${name} is not installed; run npm install`)
    dir = parent
  }
}
