/**
 * The two checkouts `npm run regress` compares: head, this checkout as it is (uncommitted changes
 * included), and base, a git ref checked out into a temporary worktree, installed from its own
 * lockfile and built. The worktree is removed whatever happens: on success, on an error, on
 * Ctrl-C, and (synchronously) when the process exits.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runChild } from '../lib/child.js'
import { ROOT, routerModule, serveScript } from '../lib/paths.js'

/** The root of this checkout. */
export const HEAD_ROOT = ROOT

export interface Tree {
  /** 'base' or 'head'. */
  readonly label: string
  readonly dir: string
  /** The commit, with `-dirty` when the working tree differs from it. */
  readonly commit: string
  /** `router/dist/index.js` of this tree. */
  readonly routerModule: string
  /** `dist/servers/serve.js` of this tree. */
  readonly serveScript: string
}

export class RegressError extends Error {}

function git(args: readonly string[], cwd: string): { ok: boolean; out: string } {
  const done = spawnSync('git', [...args], { cwd, encoding: 'utf8' })
  return { ok: done.status === 0, out: `${done.stdout ?? ''}${done.stderr ?? ''}`.trim() }
}

function treeAt(label: string, dir: string, commit: string): Tree {
  return {
    label,
    dir,
    commit,
    routerModule: routerModule(dir),
    serveScript: serveScript(dir),
  }
}

export function headTree(root = HEAD_ROOT): Tree {
  const commit = git(['rev-parse', '--short=12', 'HEAD'], root)
  const dirty = git(['status', '--porcelain', '--untracked-files=no'], root)
  const id = commit.ok ? commit.out : 'unknown'
  return treeAt('head', root, dirty.ok && dirty.out !== '' ? `${id}-dirty` : id)
}

/** A checkout that is already installed and built (`--base-dir`). */
export function existingTree(dir: string): Tree {
  if (!existsSync(join(dir, 'package.json'))) {
    throw new RegressError(`--base-dir ${dir} is not a checkout of this project (no package.json)`)
  }
  const commit = git(['rev-parse', '--short=12', 'HEAD'], dir)
  return treeAt('base', dir, commit.ok ? commit.out : 'unknown')
}

/** Worktrees still to remove when the process exits. */
const pending = new Set<string>()
process.on('exit', () => {
  for (const dir of pending) removeWorktree(dir)
})

function removeWorktree(dir: string): void {
  git(['worktree', 'remove', '--force', dir], HEAD_ROOT)
  rmSync(dir, { recursive: true, force: true })
  git(['worktree', 'prune'], HEAD_ROOT)
  pending.delete(dir)
}

export interface BaseTree extends Tree {
  /** Removes the worktree. */
  remove(): void
}

/**
 * Checks `ref` out into a temporary worktree, installs it (`npm ci`, which builds it through its
 * `prepare` script) and builds it again to be sure. `log` receives one line per step.
 */
export async function baseTree(
  ref: string,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<BaseTree> {
  const resolved = git(['rev-parse', '--verify', '--quiet', `${ref}^{commit}`], HEAD_ROOT)
  if (!resolved.ok) {
    throw new RegressError(
      `unknown git ref "${ref}": name a branch, tag or commit of this repository (in CI, fetch the base first: git fetch origin main)`,
    )
  }
  const commit = resolved.out.slice(0, 12)
  const dir = mkdtempSync(join(tmpdir(), 'routebench-base-'))
  rmSync(dir, { recursive: true, force: true }) // git worktree add wants to create it
  pending.add(dir)
  const tree: BaseTree = { ...treeAt('base', dir, commit), remove: () => removeWorktree(dir) }
  try {
    log(`checking out ${ref} (${commit}) into ${dir}`)
    const added = git(['worktree', 'add', '--detach', dir, commit], HEAD_ROOT)
    if (!added.ok) throw new RegressError(`git worktree add failed: ${added.out}`)
    const install = existsSync(join(dir, 'package-lock.json'))
      ? ['ci', '--no-audit', '--no-fund', '--loglevel=error']
      : ['install', '--no-audit', '--no-fund', '--loglevel=error']
    for (const args of [install, ['run', 'build', '--silent']]) {
      log(`npm ${args[0] === 'run' ? 'run build' : args[0]} in the base worktree`)
      const done = await runChild('npm', args, {
        timeoutMs: 15 * 60_000,
        cwd: dir,
        ...(signal === undefined ? {} : { signal }),
      })
      if (done.failure !== null) {
        const last = done.stderr.trim().split('\n').slice(-3).join(' / ')
        throw new RegressError(`npm ${args[0]} in the base worktree ${done.failure}: ${last}`)
      }
    }
    return tree
  } catch (error) {
    tree.remove()
    throw error
  }
}

/** Files changed between `commit` and the working tree of `root`. */
export function changedFiles(commit: string, root = HEAD_ROOT): string[] {
  const diff = git(['diff', '--name-only', commit], root)
  return diff.ok ? diff.out.split('\n').filter((line) => line !== '') : []
}

/**
 * The servers a change can make slower: a server's own file names it; the router names the two
 * servers built on it; shared server code, the contract or the dependencies name them all.
 */
export function affectedServers(files: readonly string[], servers: readonly string[]): string[] {
  const hit = new Set<string>()
  for (const file of files) {
    const own = /^servers\/([a-z0-9-]+)\.ts$/.exec(file)?.[1]
    if (own !== undefined && servers.includes(own)) hit.add(own)
    else if (file.startsWith('router/src/')) {
      for (const name of servers) if (name.startsWith('trie')) hit.add(name)
    } else if (
      (file.startsWith('servers/') &&
        !file.startsWith('servers/tests/') &&
        !file.startsWith('servers/conformance/')) ||
      file === 'package.json' ||
      file === 'package-lock.json'
    ) {
      for (const name of servers) hit.add(name)
    }
  }
  return servers.filter((name) => hit.has(name))
}
