import type { Token } from './pattern.js'

interface Segment {
  label: string
  methods: string[]
  children: Map<string, Segment>
}

/**
 * Draws the routes as a tree of path segments, children in matching priority order (static,
 * constrained param, param, wildcard), each line with the methods of the route ending there:
 *
 *     ├── /users (GET)
 *     │   └── /:id (DELETE, GET)
 */
export function prettyPrint(
  routes: readonly { method: string; tokens: readonly Token[] }[],
): string {
  const root: Segment = { label: '', methods: [], children: new Map() }
  for (const { method, tokens } of routes) {
    let node = root
    for (const label of segmentsOf(tokens)) {
      let child = node.children.get(label)
      if (child === undefined) {
        child = { label, methods: [], children: new Map() }
        node.children.set(label, child)
      }
      node = child
    }
    node.methods.push(method)
  }
  const lines: string[] = []
  draw(root, '', lines)
  return lines.join('\n')
}

function segmentsOf(tokens: readonly Token[]): string[] {
  let text = ''
  for (const t of tokens) {
    if (t.kind === 'static') text += t.text.replaceAll(':', '::')
    else if (t.kind === 'wildcard') text += '*'
    else
      text += `:${t.name}${t.constraint === null ? '' : `(${t.constraint})`}${t.optional ? '?' : ''}`
  }
  // Split on the '/' that start segments, not on those inside a constraint.
  const segments: string[] = []
  let depth = 0
  let current = ''
  for (let i = 1; i < text.length; i++) {
    const c = text[i] as string
    if (c === '(') depth++
    else if (c === ')') depth--
    if (c === '/' && depth === 0) {
      segments.push(current)
      current = ''
    } else {
      current += c
    }
  }
  segments.push(current)
  return segments
}

function rank(label: string): number {
  if (label === '*') return 3
  if (label.startsWith(':') && !label.startsWith('::')) return label.includes('(') ? 1 : 2
  return 0
}

function draw(node: Segment, indent: string, lines: string[]): void {
  const children = [...node.children.values()].sort(
    (a, b) => rank(a.label) - rank(b.label) || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  )
  children.forEach((child, index) => {
    const last = index === children.length - 1
    const methods = child.methods.length > 0 ? ` (${[...child.methods].sort().join(', ')})` : ''
    lines.push(`${indent}${last ? '└── ' : '├── '}/${child.label}${methods}`)
    draw(child, indent + (last ? '    ' : '│   '), lines)
  })
}
