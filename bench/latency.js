// One autocannon run with exact percentiles (autocannon's own summary has p90 and p97.5 but no p95): every
// response time is kept and sorted. Prints one JSON line: requests, rps, p50, p95, p99, max (ms), failed.
// Usage: NODE_PATH=$(npm root -g) node bench/latency.js URL 'Header: value' SECONDS CONNECTIONS
const autocannon = require('autocannon')

const [url, header, seconds, connections] = process.argv.slice(2)
const headers = {}
if (header) {
  const at = header.indexOf(':')
  headers[header.slice(0, at).trim()] = header.slice(at + 1).trim()
}
const times = []
const instance = autocannon({ url, headers, duration: Number(seconds), connections: Number(connections) }, (err, result) => {
  if (err) throw err
  times.sort((a, b) => a - b)
  const at = (p) => (times.length ? times[Math.min(times.length - 1, Math.ceil((p / 100) * times.length) - 1)] : NaN)
  const round = (v) => Math.round(v * 10) / 10
  console.log(JSON.stringify({
    requests: times.length,
    rps: round(result.requests.average),
    p50: round(at(50)),
    p95: round(at(95)),
    p99: round(at(99)),
    max: round(at(100)),
    failed: result.non2xx + result.errors + result.timeouts
  }))
})
instance.on('response', (client, statusCode, bytes, responseTime) => times.push(responseTime))
