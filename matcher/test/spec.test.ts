import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ASSET_COMPONENTS,
  DEFAULT_CONFIG,
  ENGINE_VERSION,
  JOB_COMPONENTS,
  OPERATOR_COMPONENTS,
  ROLE_COMPONENTS,
  weightsHash,
} from '../src/index.js';
import { makeProfile } from './helpers.js';

const spec = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'scoring-spec.md'), 'utf8');

/** The table rows of one section, as `name → weight`. */
function weightsIn(sectionTitle: string): Map<string, number> {
  const start = spec.indexOf(sectionTitle);
  expect(start, sectionTitle).toBeGreaterThanOrEqual(0);
  const end = spec.indexOf('\n## ', start + 1);
  const section = spec.slice(start, end < 0 ? undefined : end);
  const out = new Map<string, number>();
  for (const m of section.matchAll(/^\| `(\w+)` \| ([\d.]+) \|/gm)) out.set(m[1]!, Number(m[2]));
  return out;
}

/** Requirements A1/A3/A13: the code uses only documented features, with documented weights. */
describe('docs/scoring-spec.md', () => {
  it.each([
    ['## Person ↔ job need', JOB_COMPONENTS, DEFAULT_CONFIG.job],
    ['## Person ↔ opportunity role', ROLE_COMPONENTS, DEFAULT_CONFIG.role],
    ['## Asset need → assets', ASSET_COMPONENTS, DEFAULT_CONFIG.asset],
    ['## Asset → people who can operate it', OPERATOR_COMPONENTS, DEFAULT_CONFIG.operator],
  ] as const)('%s documents every component with its weight', (title, names, weights) => {
    const documented = weightsIn(title);
    expect([...documented.keys()].sort()).toEqual([...names].sort());
    for (const n of names) expect(documented.get(n), n).toBe((weights as Record<string, number>)[n]);
  });

  it('lists every profile field the scorer can read', () => {
    for (const key of Object.keys(makeProfile())) expect(spec, key).toContain(`| \`${key}\` |`);
  });

  it('states the current engine version and weights hash', () => {
    expect(spec).toContain(`Engine version: \`${ENGINE_VERSION}\``);
    expect(spec).toContain(`weights hash: \`${weightsHash(DEFAULT_CONFIG)}\``);
  });
});
