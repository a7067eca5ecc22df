/**
 * Whether two files were measured the same way. Options that change what a figure means (how long
 * a measurement lasts, how much load, where the processes ran) must match, or a difference could be
 * the method's rather than the code's; `--force` compares anyway and says so. Different machines
 * or Node.js versions are allowed, since comparing them can be the point, but every output names
 * them.
 */

import type { ResultsFile } from '../http/schema.js'
import type { RouterFile } from '../router/schema.js'
import { CompareError } from './errors.js'
import type { Pair } from './load.js'

/** One option of the method, as each side has it. */
export interface MethodDifference {
  readonly setting: string
  readonly base: string
  readonly head: string
}

interface Setting<T> {
  readonly name: string
  readonly value: (file: T) => string
}

const seconds = (s: number) => `${s} s`
const millis = (ms: number) => `${ms} ms`
const pinned = (pin: boolean) => (pin ? 'pinned' : 'not pinned')

const HTTP_METHOD: readonly Setting<ResultsFile>[] = [
  { name: 'duration per measurement', value: (f) => seconds(f.meta.options.durationSec) },
  { name: 'warm-up', value: (f) => seconds(f.meta.options.warmupSec) },
  { name: 'connections', value: (f) => String(f.meta.options.connections) },
  { name: 'pipelining', value: (f) => String(f.meta.options.pipelining) },
  { name: 'load generator', value: (f) => `${f.meta.loader.name} ${f.meta.loader.version}` },
  { name: 'load generator workers', value: (f) => String(f.meta.options.workers) },
  // What happened, not what was asked: pinning needs taskset and two cores.
  { name: 'placement', value: (f) => pinned(f.meta.placement.pinned) },
  {
    name: 'latency resolution',
    value: (f) => (f.meta.latencyResolution === 'us' ? 'per response (µs)' : 'autocannon (ms)'),
  },
]

const ROUTER_METHOD: readonly Setting<RouterFile>[] = [
  { name: 'time per set', value: (f) => millis(f.meta.options.timeMs) },
  { name: 'minimum warm-up', value: (f) => millis(f.meta.options.warmupMinMs) },
  { name: 'maximum warm-up', value: (f) => millis(f.meta.options.warmupMaxMs) },
  { name: 'builds per round', value: (f) => String(f.meta.options.builds) },
  // Router files record only whether pinning was asked for.
  { name: 'placement', value: (f) => pinned(f.meta.options.pin) },
]

export function methodDifferences(pair: Pair): MethodDifference[] {
  return pair.kind === 'http'
    ? differences(HTTP_METHOD, pair.base.file, pair.head.file)
    : differences(ROUTER_METHOD, pair.base.file, pair.head.file)
}

function differences<T>(settings: readonly Setting<T>[], base: T, head: T): MethodDifference[] {
  return settings
    .map((s) => ({ setting: s.name, base: s.value(base), head: s.value(head) }))
    .filter((d) => d.base !== d.head)
}

/** `duration per measurement 1.5 s vs 0.25 s; connections 100 vs 50` */
export function describeDifferences(differences: readonly MethodDifference[]): string {
  return differences.map((d) => `${d.setting} ${d.base} vs ${d.head}`).join('; ')
}

/**
 * Throws unless both files were measured the same way or `force` is set; returns the differences
 * that were forced over (none when the methods agree).
 */
export function checkMethod(pair: Pair, force: boolean): MethodDifference[] {
  const found = methodDifferences(pair)
  if (found.length > 0 && !force) {
    throw new CompareError(
      `cannot compare ${pair.base.path} with ${pair.head.path}: they were measured differently (base vs head: ${describeDifferences(found)}), and the same code measured differently gives different figures, so a difference would not be the code's; measure again with the same options, or pass --force to compare anyway`,
    )
  }
  return found
}

/** Lines that qualify every figure of the comparison: other machines, other Node.js, partial runs. */
export function warnings(pair: Pair): string[] {
  const base = pair.base.file.meta
  const head = pair.head.file.meta
  const lines: string[] = []
  const cpu = (m: typeof base) => `${m.cpu.model} (${m.cpu.count} cores)`
  if (cpu(base) !== cpu(head)) {
    lines.push(
      `Different machines: base on ${cpu(base)}, head on ${cpu(head)}; part of any difference is the machine's.`,
    )
  }
  if (base.node !== head.node) {
    lines.push(
      `Different Node.js versions: base ${base.node}, head ${head.node}; part of any difference is Node.js's.`,
    )
  }
  for (const [side, meta, path] of [
    ['base', base, pair.base.path],
    ['head', head, pair.head.path],
  ] as const) {
    if (!meta.complete) {
      lines.push(
        `The ${side} file (${path}) is from ${meta.interrupted ? 'an interrupted run' : 'a run still in progress'}: what it did not measure is missing.`,
      )
    }
  }
  if (
    base.pairing !== null &&
    head.pairing !== null &&
    base.pairing.id === head.pairing.id &&
    base.pairing.arm === head.pairing.arm
  ) {
    lines.push(
      `Both files are the same arm (${base.pairing.arm}) of side-by-side run ${base.pairing.id}: compared unpaired.`,
    )
  }
  return lines
}
