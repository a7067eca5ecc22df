/**
 * Where a command writes, checked before it does any work: a run of minutes must not end on a
 * folder it cannot write, and a path under `/proc` must not hang it (Node.js 20's
 * `mkdirSync(dir, { recursive: true })` loops for ever on procfs, in a synchronous loop that no
 * Ctrl-C or SIGTERM interrupts). Folders are made one level at a time, each step a single system
 * call that answers at once; then a probe file is created, written and removed in the folder. Any
 * failure is a `CannotRunError`: one line naming the option, the place and the reason, and what to
 * do, with the exit code of a run that could not be made as asked.
 */
import { constants } from 'node:fs'
import { mkdir, open, stat, unlink } from 'node:fs/promises'
import { dirname, join, parse, resolve } from 'node:path'
import { CannotRunError } from './command.js'

/**
 * Checks that `dir` (the value of `option`) is a folder this process can write in, making it and
 * its missing parents. Throws a `CannotRunError` otherwise.
 */
export async function checkOutputFolder(option: string, dir: string): Promise<void> {
  const fix = `give ${option} a folder you can write to`
  const where = `${option} ${dir}`
  await makeFolders(resolve(dir), where, fix)
  await probe(resolve(dir), where, fix)
}

/**
 * Checks that `file` (the value of `option`) can be written, as `writeAtomic` writes it: its
 * folder is made and written in, and the file, if it exists, is a regular file (a folder, a device
 * or a pipe cannot be replaced by renaming a file onto it).
 */
export async function checkOutputFile(option: string, file: string): Promise<void> {
  const fix = `give ${option} the name of a file in a folder you can write to`
  const where = `${option} ${file}`
  const path = resolve(file)
  await makeFolders(dirname(path), where, fix)
  const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw new CannotRunError(`${where}: cannot read it (${reason(error)}); ${fix}`)
  })
  if (found?.isDirectory()) throw new CannotRunError(`${where}: is a folder; ${fix}`)
  if (found !== null && !found.isFile())
    throw new CannotRunError(`${where}: is not a regular file; ${fix}`)
  await probe(dirname(path), where, fix)
}

/**
 * Makes `dir` and its missing parents, one `mkdir` each, from the root down: as many system calls
 * as the path has folders, each of which answers at once, wherever the path leads.
 */
export async function makeFolders(dir: string, where: string, fix: string): Promise<void> {
  const { root } = parse(dir)
  const parts = dir
    .slice(root.length)
    .split(/[\\/]/)
    .filter((p) => p !== '')
  let path = root
  for (const part of parts) {
    path = join(path, part)
    const found = await stat(path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return null
      throw new CannotRunError(`${where}: cannot reach ${path} (${reason(error)}); ${fix}`)
    })
    if (found === null) {
      await mkdir(path).catch((error: NodeJS.ErrnoException) => {
        // Made meanwhile by another process: the next stat, or the probe, says whether it serves.
        if (error.code === 'EEXIST') return
        throw new CannotRunError(
          `${where}: cannot create the folder ${path} (${reason(error)}); ${fix}`,
        )
      })
    } else if (!found.isDirectory()) {
      throw new CannotRunError(`${where}: ${path} is a file, not a folder; ${fix}`)
    }
  }
}

/** Creates, writes and removes a file in `dir`: the one test of writing that does not lie
 * (permissions, read-only mounts, procfs and sysfs, a full disk all show here). */
async function probe(dir: string, where: string, fix: string): Promise<void> {
  const path = join(dir, `.routebench-probe-${process.pid}-${Date.now()}`)
  let handle: Awaited<ReturnType<typeof open>> | undefined
  try {
    handle = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL)
    await handle.write('probe\n')
  } catch (error) {
    throw new CannotRunError(
      `${where}: cannot write in ${dir} (${reason(error as NodeJS.ErrnoException)}); ${fix}`,
    )
  } finally {
    await handle?.close().catch(() => {})
    if (handle !== undefined) await unlink(path).catch(() => {})
  }
}

/** `EACCES: permission denied` out of Node.js's `EACCES: permission denied, open '/x'`. */
function reason(error: NodeJS.ErrnoException): string {
  const [first = ''] = error.message.split(', ')
  return first === '' ? String(error.code) : first
}
