/**
 * Reads the bundled ESCO / ISCO reference data (seed/reference/*.csv.gz) for tests and benchmarks.
 * I/O lives here, outside matcher/src: the library itself stays pure.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export const REFERENCE_DIR = join(import.meta.dirname, '..', '..', 'seed', 'reference');

/** RFC 4180 line split: quoted fields may hold commas and doubled quotes (no newlines in these files). */
function parseLine(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out;
}

const cache = new Map<string, Record<string, string>[]>();

/** Rows of `<name>.csv.gz` as objects keyed by the header. */
export function readReference(name: string): Record<string, string>[] {
  const hit = cache.get(name);
  if (hit) return hit;
  const text = gunzipSync(readFileSync(join(REFERENCE_DIR, `${name}.csv.gz`))).toString('utf8');
  const lines = text.split('\n').filter((l) => l.length > 0);
  const header = parseLine(lines[0]!);
  const rows = lines.slice(1).map((l) => {
    const cells = parseLine(l);
    return Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
  });
  cache.set(name, rows);
  return rows;
}
