/**
 * A V8 CPU profile (`.cpuprofile`, what Chrome DevTools and speedscope open) turned into where a
 * server's time went: the share of each layer (layers.ts) in the samples that were not idle, and
 * the functions that took the most. Each sample counts once, for the function it caught running
 * (its self time); a function V8 inlined into another is a node of its own in the profile and
 * counts for its own layer.
 */
import { type CallFrame, LAYERS, type Layer, ownLayer, type SampleLayer } from './layers.js'

export interface ProfileNode {
  readonly id: number
  readonly callFrame: CallFrame
  readonly hitCount?: number
  readonly children?: readonly number[]
}

export interface CpuProfile {
  readonly nodes: readonly ProfileNode[]
  readonly startTime: number
  readonly endTime: number
  readonly samples?: readonly number[]
  readonly timeDeltas?: readonly number[]
}

export interface TopFunction {
  readonly functionName: string
  readonly url: string
  /** 1-based, as editors count. */
  readonly line: number
  readonly layer: SampleLayer
  /** Of the samples that were not idle. */
  readonly share: number
}

export interface Attribution {
  /** Samples in all, and those that caught the event loop idle. */
  readonly samples: number
  readonly idle: number
  /** Share of each layer in the samples that were not idle; they add up to 1. */
  readonly shares: Record<Layer, number>
  readonly top: readonly TopFunction[]
}

/** How many samples caught each node running: `hitCount`, or counted from `samples`. */
function hits(profile: CpuProfile): Map<number, number> {
  const counts = new Map<number, number>()
  if (profile.samples !== undefined && profile.samples.length > 0) {
    for (const id of profile.samples) counts.set(id, (counts.get(id) ?? 0) + 1)
  } else {
    for (const node of profile.nodes) counts.set(node.id, node.hitCount ?? 0)
  }
  return counts
}

export function attribute(
  profile: CpuProfile,
  server: string,
  root: string,
  topCount = 15,
): Attribution {
  const parents = new Map<number, ProfileNode>()
  const byId = new Map<number, ProfileNode>()
  for (const node of profile.nodes) {
    byId.set(node.id, node)
    for (const child of node.children ?? []) parents.set(child, node)
  }
  const layers = new Map<number, SampleLayer>()
  const layerOf = (node: ProfileNode): SampleLayer => {
    const known = layers.get(node.id)
    if (known !== undefined) return known
    // A built-in with no script of its own is its caller's cost.
    let layer = ownLayer(node.callFrame, server, root)
    if (layer === null) {
      const parent = parents.get(node.id)
      layer = parent === undefined ? 'native' : layerOf(parent)
    }
    layers.set(node.id, layer)
    return layer
  }

  const counts = hits(profile)
  const perLayer = new Map<SampleLayer, number>()
  const perFunction = new Map<string, { frame: CallFrame; layer: SampleLayer; count: number }>()
  let samples = 0
  for (const [id, count] of counts) {
    const node = byId.get(id)
    if (node === undefined || count === 0) continue
    const layer = layerOf(node)
    samples += count
    perLayer.set(layer, (perLayer.get(layer) ?? 0) + count)
    if (layer === 'idle') continue
    const { functionName, url, lineNumber } = node.callFrame
    const key = `${functionName} ${url} ${lineNumber}`
    const entry = perFunction.get(key) ?? { frame: node.callFrame, layer, count: 0 }
    entry.count += count
    perFunction.set(key, entry)
  }
  const idle = perLayer.get('idle') ?? 0
  const busy = samples - idle
  const shares = Object.fromEntries(
    LAYERS.map((layer) => [layer, busy === 0 ? 0 : (perLayer.get(layer) ?? 0) / busy]),
  ) as Record<Layer, number>
  const top = [...perFunction.values()]
    .sort((a, b) => b.count - a.count)
    .slice(0, topCount)
    .map((f) => ({
      functionName: f.frame.functionName === '' ? '(anonymous)' : f.frame.functionName,
      url: f.frame.url,
      line: f.frame.lineNumber + 1,
      layer: f.layer,
      share: busy === 0 ? 0 : f.count / busy,
    }))
  return { samples, idle, shares, top }
}
