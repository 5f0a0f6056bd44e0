/**
 * The load generator of the HTTP benchmark, in its own process so that it does not share the server's
 * event loop: autocannon over a rotating list of paths. Prints its result as one JSON line.
 *   node --import tsx bench/http/load.ts <url> <connections> <seconds> <paths.json> <cookie>
 * The cookie is a real session's: every request goes through the session lookup a user's would.
 */
import autocannon from 'autocannon';

const [url, connections, seconds, pathsJson, cookie] = process.argv.slice(2);
const paths = JSON.parse(pathsJson!) as string[];

const result = await autocannon({
  url: url!,
  connections: Number(connections),
  duration: Number(seconds),
  headers: { cookie: cookie! },
  // autocannon walks this list in order on every connection, then starts again.
  requests: paths.map((path) => ({ method: 'GET', path })),
});
console.log(
  JSON.stringify({
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    latency: {
      p50: result.latency.p50,
      p97_5: result.latency.p97_5,
      p99: result.latency.p99,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
    ok: result['2xx'],
    throughputBytesPerSecond: result.throughput.average,
  }),
);
