import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { processSemiSpaceMb } from '../../src/lib/worker-heap.js';
import { SERVER_NODE_FLAGS } from '../../src/node-flags.js';

const PROBE = fileURLToPath(new URL('./worker-heap-probe.ts', import.meta.url));

describe('worker threads under the server flags', () => {
  it('get the young generation their resourceLimits ask for, and the server thread keeps its own', () => {
    const out = execFileSync(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', PROBE], {
      encoding: 'utf8',
      env: { ...process.env, NODE_OPTIONS: '' },
      // execFileSync holds the event loop, so the test's own time limit could not stop a hung probe.
      timeout: 50_000,
    });
    const { limited, unlimited, main } = JSON.parse(out.trim().split('\n').at(-1)!) as {
      limited: number[];
      unlimited: number;
      main: number;
    };
    // 8 MB asked for (the probe reads 8); anything up to V8's default stays far from the flag's 128.
    for (const mb of limited) expect(mb).toBeLessThanOrEqual(16);
    // 64 MB semi-spaces: the flag is back once the limited threads are online, and the process's own
    // heap was never resized.
    expect(unlimited).toBeGreaterThan(64);
    expect(main).toBeGreaterThan(64);
  }, 60_000);

  it('reads the flag from the command line, then from NODE_OPTIONS', () => {
    expect(processSemiSpaceMb(['--max-semi-space-size=64', '--import', 'tsx'], undefined)).toBe(64);
    expect(processSemiSpaceMb(['--max_semi_space_size', '32'], undefined)).toBe(32);
    expect(processSemiSpaceMb([], '--max-old-space-size=4096 --max-semi-space-size=16')).toBe(16);
    expect(processSemiSpaceMb(['--max-old-space-size=4096'], '')).toBeUndefined();
  });
});
