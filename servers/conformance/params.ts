/**
 * Path param values as sent (percent-encoded) and as a server must decode them, for the routes
 * with params. Each exercises something a server can get wrong.
 */
export const PARAM_SAMPLES: readonly (readonly [raw: string, decoded: string])[] = [
  ['42', '42'],
  ['caf%C3%A9', 'café'], // UTF-8
  ['caf%c3%a9', 'café'], // lower-case hex
  ['a%2Fb', 'a/b'], // an encoded slash stays inside the param
  ['a%20b', 'a b'],
  ['a+b', 'a+b'], // '+' is a space only in a query
  ['100%25', '100%'],
  ['%2525', '%25'], // decoded once, not twice
  ['a%22b%5Cc', 'a"b\\c'], // JSON escapes
  ['%00%1F', '\u0000\u001f'], // control characters, escaped as \u00XX in JSON
  ['%F0%9F%98%80', '😀'], // four UTF-8 bytes, a surrogate pair in JSON
  ["a.b~c-d_e!$&'()*,;=:@", "a.b~c-d_e!$&'()*,;=:@"], // characters a path may hold unencoded
  ['a'.repeat(1000), 'a'.repeat(1000)], // the contract sets no length limit
]

/** Malformed percent-encodings: each must make its route answer 400. */
export const MALFORMED_PARAMS: readonly string[] = [
  '%E0%A4%A', // a truncated escape
  '%', // a bare '%'
  '%G1', // not hex
  'caf%C3', // a truncated UTF-8 sequence
  '%ED%A0%80', // an encoded surrogate, not valid UTF-8
  '%FF', // never valid in UTF-8
]
