/**
 * Reading the two files of a comparison. Each is parsed and checked against the schema of its kind
 * (`bench/http/schema.ts` for `npm run bench`, `bench/router/schema.ts` for `npm run bench:router`);
 * the pair is refused when the kinds differ (nothing in one has a counterpart in the other) or
 * the schema versions do (the same field may mean something else on each side).
 */
import { readFileSync } from 'node:fs'
import type { TSchema } from 'typebox'
import Value from 'typebox/value'
import { ResultsFile, SCHEMA_VERSION } from '../http/schema.js'
import { ROUTER_SCHEMA_VERSION, RouterFile } from '../router/schema.js'
import { CompareError } from './errors.js'

export type Kind = 'http' | 'router'

export interface Loaded<T> {
  /** As given on the command line: every message names the file this way. */
  readonly path: string
  readonly file: T
}

export type Pair =
  | {
      readonly kind: 'http'
      readonly base: Loaded<ResultsFile>
      readonly head: Loaded<ResultsFile>
    }
  | {
      readonly kind: 'router'
      readonly base: Loaded<RouterFile>
      readonly head: Loaded<RouterFile>
    }

/** A file's text and the name to give it in messages. */
export interface Source {
  readonly path: string
  readonly text: string
}

interface KindInfo {
  /** How messages name a file of this kind. */
  readonly name: string
  readonly command: string
  readonly version: number
  readonly schema: TSchema
}

export const KINDS: Readonly<Record<Kind, KindInfo>> = {
  http: {
    name: 'an HTTP results file',
    command: 'npm run bench',
    version: SCHEMA_VERSION,
    schema: ResultsFile,
  },
  router: {
    name: 'a router results file',
    command: 'npm run bench:router',
    version: ROUTER_SCHEMA_VERSION,
    schema: RouterFile,
  },
}

/** A parsed file whose kind and schema version are known, not yet checked against its schema. */
interface Identified {
  readonly path: string
  readonly data: Record<string, unknown>
  readonly kind: Kind
  readonly version: unknown
}

/** Reads both files, refuses a pair that cannot be compared, and checks each against its schema. */
export function loadPair(basePath: string, headPath: string): Pair {
  return parsePair(read(basePath), read(headPath))
}

/** `loadPair` on texts already read. */
export function parsePair(base: Source, head: Source): Pair {
  const b = identify(base)
  const h = identify(head)
  if (b.kind !== h.kind) {
    throw new CompareError(
      `cannot compare ${KINDS[b.kind].name} (${b.path}) with ${KINDS[h.kind].name} (${h.path}): one measures servers in requests per second, the other routers in time per lookup, so no row of one has a counterpart in the other`,
    )
  }
  const kind = KINDS[b.kind]
  if (b.version !== h.version) {
    throw new CompareError(
      `cannot compare schema version ${String(b.version)} (${b.path}) with schema version ${String(h.version)} (${h.path}): a field may mean something else in another version; measure the older side again with ${kind.command}`,
    )
  }
  const pair = { kind: b.kind, base: validate(b), head: validate(h) }
  return pair as Pair
}

function read(path: string): Source {
  try {
    return { path, text: readFileSync(path, 'utf8') }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    const why =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'a directory, not a file'
          : (error as Error).message
    throw new CompareError(`${path}: cannot read it (${why})`)
  }
}

function identify({ path, text }: Source): Identified {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch (error) {
    throw new CompareError(`${path}: not JSON (${(error as Error).message})`)
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    const what = data === null ? 'null' : Array.isArray(data) ? 'an array' : `a ${typeof data}`
    throw new CompareError(
      `${path}: not a results file of npm run bench or npm run bench:router (the JSON is ${what}, not an object)`,
    )
  }
  const record = data as Record<string, unknown>
  // Version 1 of the HTTP results file predates the `kind` field.
  const kind =
    record.kind === undefined && record.schemaVersion === 1 && Array.isArray(record.servers)
      ? 'http'
      : record.kind
  if (kind !== 'http' && kind !== 'router') {
    const found = record.kind === undefined ? 'no "kind"' : `"kind" ${JSON.stringify(record.kind)}`
    throw new CompareError(
      `${path}: not a results file of npm run bench or npm run bench:router (${found}; expected "http" or "router")`,
    )
  }
  return { path, data: record, kind, version: record.schemaVersion }
}

function validate({ path, data, kind, version }: Identified): Loaded<never> {
  const info = KINDS[kind]
  if (typeof version === 'number' && version !== info.version) {
    throw new CompareError(
      `${path}: ${info.name} of schema version ${version}; this version of compare reads version ${info.version} (measure again with ${info.command})`,
    )
  }
  const first = Value.Errors(info.schema, data)[0]
  if (first !== undefined) {
    // A property that the schema does not allow is reported as "schema is false" at its path.
    const problem =
      first.keyword === 'boolean'
        ? `${first.instancePath} is not a field of this schema`
        : `${first.instancePath === '' ? 'the file' : first.instancePath} ${first.message}`
    throw new CompareError(`${path}: not a valid ${info.name.replace(/^an? /, '')}: ${problem}`)
  }
  return { path, file: data as never }
}
