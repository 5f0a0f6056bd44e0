import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = join(import.meta.dirname, '..', 'src');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [p];
  });
}

/** The matcher must be deterministic and I/O-free; ESLint bans the imports, this bans the calls. */
describe('matcher/src is pure', () => {
  it.each(files(SRC).map((f) => [f.slice(SRC.length + 1), f]))(
    '%s uses no clock, randomness or node modules',
    (_, f) => {
      const text = readFileSync(f, 'utf8');
      expect(text).not.toMatch(/Date\.now|new Date\(\)|Math\.random|performance\.now|from 'node:|require\(/);
      expect(text).not.toMatch(/from '\.\.?\/[^']*(?<!\.js)'/);
    },
  );
});
