import v8 from 'node:v8';
import { Worker, type WorkerOptions } from 'node:worker_threads';

const SEMI_SPACE_FLAG = /--max[-_]semi[-_]space[-_]size(?:=|\s+)(\d+)/;

/** The process's `--max-semi-space-size` in MB (command line, then NODE_OPTIONS), if it was given. */
export function processSemiSpaceMb(
  execArgv: readonly string[] = process.execArgv,
  nodeOptions: string | undefined = process.env.NODE_OPTIONS,
): number | undefined {
  for (const source of [execArgv.join(' '), nodeOptions ?? '']) {
    const found = SEMI_SPACE_FLAG.exec(source);
    if (found) return Number(found[1]);
  }
  return undefined;
}

/** Threads between `new Worker` and their heap being made: the flag stays lifted until the last is online. */
let starting = 0;

/**
 * `new Worker`, with the young generation its `resourceLimits` ask for. V8's `--max-semi-space-size`,
 * which the server runs with (src/node-flags.ts: for the match index, on the server's thread), overrides
 * a worker's `maxYoungGenerationSizeMb` when a thread's heap is made, so a file-parsing thread got 64 MB
 * semi-spaces instead of its 8 MB young generation: about 50 MB more at the peak of a 100,000-row
 * import (issue 10). The flag is lifted while the thread makes its heap, and put back once it is online.
 * A heap is sized when it is made, so the server thread's does not change.
 */
export function startWorker(entry: string | URL, options: WorkerOptions): Worker {
  const semiSpaceMb = options.resourceLimits?.maxYoungGenerationSizeMb ? processSemiSpaceMb() : undefined;
  if (semiSpaceMb === undefined) return new Worker(entry, options);
  if (starting++ === 0) v8.setFlagsFromString('--max-semi-space-size=0');
  let worker: Worker;
  try {
    worker = new Worker(entry, options);
  } catch (error) {
    restore(semiSpaceMb);
    throw error;
  }
  let made = false;
  const heapMade = () => {
    if (made) return;
    made = true;
    restore(semiSpaceMb);
  };
  // A thread that fails to start exits without coming online. No 'error' listener here: it would
  // swallow the error for a caller that has none.
  worker.once('online', heapMade);
  worker.once('exit', heapMade);
  return worker;
}

function restore(semiSpaceMb: number) {
  if (--starting === 0) v8.setFlagsFromString(`--max-semi-space-size=${semiSpaceMb}`);
}
