/** What every result file says about how it was measured: the machine, the software, the options. */
import { execFileSync } from 'node:child_process'
import { arch, cpus, release, type } from 'node:os'
import { installedVersion } from './installed-version.js'

export function gitCommit(): string | null {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim()
    return dirty === '' ? commit : `${commit}-dirty`
  } catch {
    return null
  }
}

export interface Machine {
  readonly node: string
  readonly os: string
  readonly cpu: { model: string; count: number }
}

export function machine(): Machine {
  return {
    node: process.version,
    os: `${type()} ${release()} ${arch()}`,
    // cpus(), not availableParallelism(): the latter shrinks once this process is pinned to a core.
    cpu: { model: cpus()[0]?.model.trim() ?? 'unknown', count: cpus().length },
  }
}

/** One line naming the machine, for the head of every table. */
export function machineLine(m: Machine): string {
  return `${m.cpu.model} (${m.cpu.count} cores), ${m.os}, Node.js ${m.node}`
}

/** `{ name: version }` for packages as installed. */
export function versions(packages: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {}
  for (const name of packages) out[name] = installedVersion(name)
  return out
}

/** The fields every results file starts its `meta` with, for a run starting now. */
export function runStart() {
  const m = machine()
  return {
    date: new Date().toISOString(),
    finishedAt: null,
    complete: false,
    interrupted: false,
    gitCommit: gitCommit(),
    node: m.node,
    os: m.os,
    cpu: m.cpu,
  }
}
