/**
 * Run by worker-heap.test.ts in a process of its own, started with the server's Node flags: prints the
 * young generation (new space, MiB) that threads and the process's own thread grew to under load.
 */
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { startWorker } from '../../src/lib/worker-heap.js';

/** Keeps 200,000 objects alive at a time, so that scavenges find survivors and V8 grows the young generation. */
const CHURN = `
  const a = [];
  for (let i = 0; i < 3e6; i++) { a.push({ i, s: 'x' + i }); if (a.length > 200000) a.length = 0; }
`;
const NEW_SPACE = `
  Math.round(require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 1048576)
`;
const THREAD = `${CHURN}; require('node:worker_threads').parentPort.postMessage(${NEW_SPACE});`;

function newSpaceOf(worker: Worker): Promise<number> {
  return new Promise((resolve, reject) => {
    worker.once('message', (mb: number) => resolve(mb));
    worker.once('error', reject);
  });
}

const limits = { resourceLimits: { maxYoungGenerationSizeMb: 8 }, execArgv: [], eval: true };
// Two at once: the flag stays lifted until both threads have made their heaps.
const limited = await Promise.all([
  newSpaceOf(startWorker(THREAD, limits)),
  newSpaceOf(startWorker(THREAD, limits)),
]);
// After them, a thread with no limits of its own gets the process's flag again.
const unlimited = await newSpaceOf(new Worker(THREAD, { execArgv: [], eval: true }));
new Function(CHURN)();
const main = Math.round(
  v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')!.space_size / 1048576,
);
console.log(JSON.stringify({ limited, unlimited, main }));
