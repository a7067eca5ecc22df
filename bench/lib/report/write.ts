import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join } from 'node:path'

/**
 * Writes a file so that a reader never sees half of it: a temporary file next to it, in the same
 * folder (so that nothing is ever left anywhere else, and the rename is atomic), then a rename.
 */
export function writeAtomic(path: string, content: string): void {
  makeFoldersSync(dirname(path))
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`)
  try {
    writeFileSync(temporary, content)
    renameSync(temporary, path)
  } catch (error) {
    rmSync(temporary, { force: true })
    throw error
  }
}

/**
 * `mkdirSync(dir, { recursive: true })`, one level at a time: Node.js 20's recursive form loops for
 * ever on a path under /proc, where this one fails at once. The commands check their output place
 * first (output-place.ts); this is for the folders of the files written after that.
 */
function makeFoldersSync(dir: string): void {
  if (existsSync(dir)) return
  const parent = dirname(dir)
  if (parent !== dir) makeFoldersSync(parent)
  try {
    mkdirSync(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  }
}

/** Replaces what lies between `<!-- name:start -->` and `<!-- name:end -->` in `text`. */
export function replaceSection(text: string, name: string, content: string): string {
  const start = `<!-- ${name}:start -->`
  const end = `<!-- ${name}:end -->`
  const from = text.indexOf(start)
  const to = text.indexOf(end)
  if (from === -1 || to === -1 || to < from) {
    throw new Error(`README has no ${start} ... ${end} section to rewrite`)
  }
  return `${text.slice(0, from + start.length)}\n${content.trim()}\n${text.slice(to)}`
}
