// Placeholder until the harness lands: says what `npm run bench` will do.
console.log(`routebench: the HTTP benchmark harness is not built yet.

It will check every server in servers/ against the API contract, then measure them with
autocannon in interleaved rounds against a node-http baseline, and write results/ (JSON,
Markdown tables, SVG charts, an HTML report).

Today: 'npm test' runs the router's tests.`)
