import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REFERENCE_DIR } from '../../src/reference/reference.loader.js';
import { FERRY_FILE, FerryFileError, loadFerryTable } from '../../src/reference/travel.loader.js';

/** A broken ferry table stops the start with the file and the field named (issue 18). */
function withTable(edit: (t: { links: Record<string, unknown>[] }) => void): string {
  const t = JSON.parse(readFileSync(path.join(REFERENCE_DIR, FERRY_FILE), 'utf8'));
  edit(t);
  const dir = mkdtempSync(path.join(tmpdir(), 'ferry-'));
  writeFileSync(path.join(dir, FERRY_FILE), JSON.stringify(t));
  return dir;
}

const refusal = (dir: string): FerryFileError => {
  try {
    loadFerryTable(dir);
  } catch (e) {
    if (e instanceof FerryFileError) return e;
    throw e;
  }
  throw new Error('accepted');
};

describe('ferry table loader', () => {
  it('loads the bundled table', () => {
    expect(loadFerryTable().links.length).toBeGreaterThan(20);
  });

  it.each([
    [
      'an unknown port',
      (t: { links: Record<string, unknown>[] }) => (t.links[0]!['from'] = 'nowhere'),
      'links[0].from',
    ],
    [
      'a missing crossing time',
      (t: { links: Record<string, unknown>[] }) => delete t.links[3]!['crossingMinutes'],
      'links[3].crossingMinutes',
    ],
    [
      'a negative frequency',
      (t: { links: Record<string, unknown>[] }) => (t.links[5]!['departuresPerDay'] = -1),
      'links[5].departuresPerDay',
    ],
    [
      'a link without sources',
      (t: { links: Record<string, unknown>[] }) => (t.links[2]!['sources'] = []),
      'links[2].sources',
    ],
    [
      'a source that is not an address',
      (t: { links: Record<string, unknown>[] }) => (t.links[2]!['sources'] = ['the Moby website']),
      'links[2].sources[0]',
    ],
    [
      'a link without its date',
      (t: { links: Record<string, unknown>[] }) => delete t.links[4]!['asOf'],
      'links[4].asOf',
    ],
  ])('refuses %s, naming the file and field', (_, edit, field) => {
    const e = refusal(withTable(edit));
    expect(e.file).toBe(FERRY_FILE);
    expect(e.field).toBe(field);
    expect(e.message).toContain(`${FERRY_FILE}: ${field}`);
  });

  it('every link names the timetables it was written from and when', () => {
    for (const l of loadFerryTable().links) {
      expect(l.sources.length, `${l.from}–${l.to}`).toBeGreaterThan(0);
      expect(l.asOf).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it('refuses a file that is not JSON', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ferry-'));
    writeFileSync(path.join(dir, FERRY_FILE), '{ not json');
    expect(refusal(dir).field).toBe('table');
  });
});
