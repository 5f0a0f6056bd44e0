import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, ENGINE_VERSION, weightsHash } from '../src/index.js';

/**
 * Determinism and versioning (A4). If you changed a weight or any tunable in config.ts, this fails: bump
 * ENGINE_VERSION, update docs/scoring-spec.md, then record the new pair here. Logged runs are
 * tied to their rules only if the version moves whenever the numbers do.
 */
const RECORDED: Record<string, string> = {
  '1.0.0': 'c24568ddebd812f3884e76f877e57968f268c4c582695657c65fc9ac272d3001',
  '1.1.0': '8923411a808d238bbbd4fd4305a45a98b03baca0f188f04a1784aea12316cfa0',
  '1.2.0': '26583fcce5673091d65d3e7dfe2cc836dd2ed3da255baa9457eeea67bafacd16',
};

describe('engine version and weights hash', () => {
  it('the current weights hash is the one recorded for this engine version', () => {
    expect(DEFAULT_CONFIG.engineVersion).toBe(ENGINE_VERSION);
    expect(RECORDED[ENGINE_VERSION], `no hash recorded for engine ${ENGINE_VERSION}`).toBeDefined();
    expect(weightsHash(DEFAULT_CONFIG)).toBe(RECORDED[ENGINE_VERSION]);
  });

  it('any change to a weight changes the hash', () => {
    const changed = {
      ...DEFAULT_CONFIG,
      job: { ...DEFAULT_CONFIG.job, distance: DEFAULT_CONFIG.job.distance + 0.01 },
    };
    expect(weightsHash(changed)).not.toBe(weightsHash(DEFAULT_CONFIG));
  });

  it('the hash ignores key order', () => {
    const reordered = Object.fromEntries(Object.entries(DEFAULT_CONFIG).reverse()) as typeof DEFAULT_CONFIG;
    expect(weightsHash(reordered)).toBe(weightsHash(DEFAULT_CONFIG));
  });

  it('job weights sum to 1, so scores lie in [0, 1]', () => {
    for (const w of [
      DEFAULT_CONFIG.job,
      DEFAULT_CONFIG.role,
      DEFAULT_CONFIG.asset,
      DEFAULT_CONFIG.operator,
    ]) {
      expect(Object.values(w).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });
});
