/**
 * A steady trickle of searches from another process, for the import-loop benchmark: `concurrency` loops,
 * each sending one request after the other (a 20 ms pause between them), until SIGTERM. Then prints the
 * latencies as one JSON line. It lives in its own process so its own work never shares the server's loop.
 *   node --import tsx bench/http/search-probe.ts <base url> <concurrency> <paths.json>
 */
const [base, concurrency, pathsJson] = process.argv.slice(2);
const paths = JSON.parse(pathsJson!) as string[];
const latencies: number[] = [];
let errors = 0;
let stop = false;

process.on('SIGTERM', () => (stop = true));
// The measurement starts once searches flow: the parent waits for this line.
let ready = false;

async function loop(offset: number) {
  for (let i = offset; !stop; i++) {
    const started = performance.now();
    try {
      const res = await fetch(base + paths[i % paths.length]!, {
        headers: { 'x-rilancio-role': 'marketing' },
      });
      await res.arrayBuffer();
      if (res.status !== 200) errors++;
    } catch {
      errors++;
    }
    latencies.push(performance.now() - started);
    if (!ready) {
      ready = true;
      console.log('ready');
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

await Promise.all(Array.from({ length: Number(concurrency) }, (_, i) => loop(i * 7)));
const sorted = [...latencies].sort((a, b) => a - b);
const at = (p: number) =>
  Math.round((sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN) * 10) / 10;
console.log(JSON.stringify({ count: sorted.length, errors, p50: at(50), p99: at(99), max: at(100) }));
