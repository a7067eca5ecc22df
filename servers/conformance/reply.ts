/** A server's answer as it came off the wire: status, headers in order (duplicates kept), body. */
export interface Reply {
  readonly status: number
  /** `[name, value]` pairs, names in the case the server wrote them. */
  readonly headers: readonly (readonly [string, string])[]
  readonly body: Buffer
}

/** All values of a header, by case-insensitive name. */
export function headerValues(reply: Reply, name: string): string[] {
  const lower = name.toLowerCase()
  return reply.headers.filter(([n]) => n.toLowerCase() === lower).map(([, v]) => v)
}

/**
 * Parses the first answer in `bytes` read from a raw socket. Returns null while the head or the
 * `content-length` bytes of the body are still incomplete. An answer without `content-length` is
 * complete when the server closes the connection (`closed`); its body is whatever came.
 */
export function parseReply(bytes: Buffer, closed: boolean): Reply | null {
  const end = bytes.indexOf('\r\n\r\n')
  if (end === -1) return null
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n')
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? Number.NaN)
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':')
    return [line.slice(0, colon), line.slice(colon + 1).trim()]
  })
  const reply = { status, headers, body: bytes.subarray(end + 4) }
  const length = headerValues(reply, 'content-length')[0]
  if (length === undefined) return closed ? reply : null
  const size = Number(length)
  if (reply.body.length < size) return closed ? reply : null
  return { ...reply, body: reply.body.subarray(0, size) }
}
