import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Comments cite requirements by code, `(D4)` or `(C5, C6)`; a newcomer resolves them in
 * `docs/requirements.md`. This fails when a code is cited that the document does not define, so the
 * citations cannot drift away from the document again.
 */
const root = fileURLToPath(new URL('../../../', import.meta.url));
const scanned = [
  'server/src',
  'server/test',
  'server/bench',
  'server/fuzz',
  'matcher/src',
  'matcher/test',
  'ui/src',
  'ui/test',
];
const generated = /ui\/src\/lib\/api\/schema/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'fixtures' ? [] : sourceFiles(path);
    return /\.(ts|svelte)$/.test(name) && !generated.test(path) ? [path] : [];
  });
}

/** CEFR language levels are written the same way, `francese (B2)`: they are not requirement codes. */
const CEFR = new Set(['A1', 'A2', 'B1', 'B2', 'C1', 'C2']);

/** Codes cited in a parenthesised list, e.g. `(D1, D2)` or `(ASVS 1.2.10, D9)`. */
function citedCodes(text: string): string[] {
  const codes: string[] = [];
  for (const group of text.matchAll(/\(([^()\n]*)\)/g)) {
    const parts = group[1]!.split(/,\s*/);
    const listed = parts.filter((p) => /^[ABCDMR]\d{1,2}$/.test(p.trim()));
    // Only a list made of codes (and standard references such as "ASVS 1.2.10") counts as a citation.
    if (listed.length === 0) continue;
    if (!parts.every((p) => /^[ABCDMR]\d{1,2}$/.test(p.trim()) || /^(ASVS|API)\s?[\d.]+$/.test(p.trim())))
      continue;
    codes.push(...listed.map((p) => p.trim()).filter((c) => !CEFR.has(c)));
  }
  return codes;
}

describe('requirement codes cited in the code', () => {
  const document = readFileSync(join(root, 'docs/requirements.md'), 'utf8');
  const defined = new Set([...document.matchAll(/^### ([ABCDMR]\d{1,2}) — /gm)].map((m) => m[1]!));

  it('finds citations as they are written, and not language levels or sizes', () => {
    expect(citedCodes('upload contract (D1, D2); guard (D4). (ASVS 1.2.10, D9)')).toEqual([
      'D1',
      'D2',
      'D4',
      'D9',
    ]);
    expect(citedCodes('"francese (B2), inglese (C1)" (A4)')).toEqual(['A4']);
    expect(citedCodes('paper size (A4 landscape), call(x)')).toEqual([]);
  });

  it('are each defined in docs/requirements.md', () => {
    expect(defined.size).toBeGreaterThan(10);
    const unresolved: string[] = [];
    for (const dir of scanned)
      for (const file of sourceFiles(join(root, dir)))
        for (const code of citedCodes(readFileSync(file, 'utf8')))
          if (!defined.has(code)) unresolved.push(`${relative(root, file)}: ${code}`);
    expect(unresolved).toEqual([]);
  });
});
