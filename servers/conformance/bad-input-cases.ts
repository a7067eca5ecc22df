import { HELLO } from '../spec.js'
import { type Check, type Context, json } from './check.js'
import { differences } from './compare.js'
import { abortedUpload, rawExchange, send } from './exchange.js'

/** After a bad input, the server must still answer a plain request on a new connection. */
async function stillAnswers(context: Context): Promise<string[]> {
  const { target, timeoutMs } = context
  try {
    const reply = await send(target, false, { method: 'GET', path: '/json' }, timeoutMs)
    return differences(json({ message: HELLO }), reply).map((d) => `afterwards, GET /json: ${d}`)
  } catch (error) {
    return [`afterwards, GET /json got no answer: ${(error as Error).message}`]
  }
}

/**
 * A request line the server cannot parse: it must refuse it (4xx, or 5xx: uWS answers 505) or
 * close the connection, and not hang.
 */
function malformed(name: string, bytes: string): Check {
  return {
    group: 'bad input',
    name,
    run: async (context) => {
      const outcome = await rawExchange(context.target, Buffer.from(bytes), context.timeoutMs)
      const problems: string[] = []
      const status = outcome.reply?.status
      if (outcome.timedOut && status === undefined) {
        problems.push(`neither an answer nor a closed connection within ${context.timeoutMs} ms`)
      } else if (status !== undefined && !(status >= 400 && status < 600)) {
        problems.push(
          `status: expected a refusal (4xx or 5xx) or a closed connection, got ${status}`,
        )
      }
      return [...problems, ...(await stillAnswers(context))]
    },
  }
}

/** An upload the client drops halfway: nothing to answer, but the server must stay up. */
function aborted(name: string, bytes: string): Check {
  return {
    group: 'bad input',
    name,
    run: async (context) => {
      await abortedUpload(context.target, Buffer.from(bytes))
      return stillAnswers(context)
    },
  }
}

const UPLOAD = 'POST /echo HTTP/1.1\r\nhost: conformance\r\ncontent-type: application/json\r\n'

/** Raw bytes no well-behaved client sends. */
export function badInputChecks(): Check[] {
  return [
    malformed('not HTTP at all', 'hello there\r\n\r\n'),
    malformed('a malformed request line', 'GET /json HTTP/1.1 extra\r\nhost: x\r\n\r\n'),
    malformed('an unknown HTTP version', 'GET /json HTTP/9.x\r\nhost: x\r\n\r\n'),
    malformed('a space in the request target', 'GET /js on HTTP/1.1\r\nhost: x\r\n\r\n'),
    aborted(
      'an upload aborted mid-body',
      `${UPLOAD}content-length: 1000\r\n\r\n{"a":"${'x'.repeat(100)}`,
    ),
    aborted(
      'a chunked upload aborted mid-body',
      `${UPLOAD}transfer-encoding: chunked\r\n\r\n3e8\r\n{"a":"x`,
    ),
    aborted('a connection dropped mid-head', 'GET /json HTTP/1.1\r\nhost: x\r\n'),
  ]
}
