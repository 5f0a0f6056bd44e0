import type { EventEmitter } from 'node:events';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';

// startWorker's bookkeeping, with V8's flags and the Worker class replaced: which flag is set, when.
const flagCalls = vi.hoisted(() => [] as string[]);
const made = vi.hoisted(() => [] as EventEmitter[]);
vi.mock('node:v8', () => ({ default: { setFlagsFromString: (flag: string) => flagCalls.push(flag) } }));
vi.mock('node:worker_threads', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  return {
    Worker: class extends Emitter {
      constructor(entry: string, options: { execArgv?: string[] }) {
        super();
        if (options.execArgv?.includes('--fail')) throw new Error('bad execArgv');
        made.push(this);
      }
    },
  };
});

const { startWorker } = await import('../../src/lib/worker-heap.js');
const limited = { resourceLimits: { maxYoungGenerationSizeMb: 8 } };

describe('startWorker under --max-semi-space-size=64', () => {
  const options = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = '--max-semi-space-size=64';
  afterEach(() => {
    flagCalls.length = 0;
    made.length = 0;
  });
  afterAll(() => {
    process.env.NODE_OPTIONS = options;
  });

  it('lifts the flag once for threads started together, and puts it back when the last is online', () => {
    startWorker('a', limited);
    startWorker('b', limited);
    expect(flagCalls).toEqual(['--max-semi-space-size=0']);
    made[0]!.emit('online');
    made[0]!.emit('exit', 0); // a second event of the same thread counts for nothing
    expect(flagCalls).toEqual(['--max-semi-space-size=0']);
    made[1]!.emit('exit', 1); // a thread that never came online
    expect(flagCalls).toEqual(['--max-semi-space-size=0', '--max-semi-space-size=64']);
  });

  it('puts it back when the constructor throws, and leaves a thread without limits alone', () => {
    expect(() => startWorker('a', { ...limited, execArgv: ['--fail'] })).toThrow('bad execArgv');
    expect(flagCalls).toEqual(['--max-semi-space-size=0', '--max-semi-space-size=64']);
    startWorker('b', {});
    expect(flagCalls).toHaveLength(2);
  });
});
