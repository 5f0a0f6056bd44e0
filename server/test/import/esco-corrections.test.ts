// Issue 16, item 4: the importer's ESCO suggestions come from the free-text interpreter, and the desk
// accepts one for a row or for every row with the same text; the file is then read again with it.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { profileOccupations, profiles } from '../../src/db/schema.js';
import { conceptIndexFor } from '../../src/modules/reference/interpret/interpret.service.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk } from '../helpers/factories.js';
import { importFile, upload, type JobView } from './helpers.js';

let t: TestApp;
let operator: Caller;
const db = () => t.database.handle.db;

beforeAll(async () => {
  t = await createTestApp();
  operator = { role: 'operator', deskId: (await makeDesk(db())).id };
  // Built once here, so the runs below do not wait for it inside their first batch.
  await conceptIndexFor(db());
}, 180_000);
afterAll(() => t?.close());

const CELL = 'addetto saldatura TIG su scafi';
const file = {
  name: 'corrections.csv',
  bytes: Buffer.from(
    [
      'Codice esterno;Nome;Cognome;Comune;Professioni (ESCO);Condizione occupazionale',
      `C-1;Ada;Neri;La Spezia;${CELL};Disoccupato`,
      `C-2;Bea;Blu;La Spezia;${CELL};Disoccupato`,
      'C-3;Cia;Rossi;La Spezia;saldatore;Disoccupato',
    ].join('\r\n'),
    'utf8',
  ),
};
const run = (dryRun: boolean, corrections?: unknown) =>
  importFile(
    t,
    operator,
    {
      entity: 'profiles',
      dryRun: String(dryRun),
      ...(corrections ? { corrections: JSON.stringify(corrections) } : {}),
    },
    file,
  );
const errorsByRow = (job: JobView) =>
  Object.fromEntries(job.report.items.filter((i) => i.severity === 'error').map((i) => [String(i.row), i]));

describe('accepting ESCO suggestions in an import', () => {
  it('suggests the welder for a free-text occupation cell, with how much of the text it matched', async () => {
    const job = await run(true);
    expect(job.counts).toMatchObject({ create: 1, error: 2 });
    const row2 = errorsByRow(job)['2']!;
    expect(row2).toMatchObject({ code: 'ESCO_REQUIRED_SUGGESTION', field: 'occupations', value: CELL });
    const suggestions = row2.suggestions as Array<{ uri: string; label: string; confidence: number }>;
    expect(suggestions[0]?.uri).toBe(ESCO.welder);
    for (const s of suggestions) {
      expect(s.confidence).toBeGreaterThan(0);
      expect(s.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('applies a suggestion accepted for one row to that row only, in a new dry run', async () => {
    const job = await run(true, [{ field: 'occupations', value: CELL, uri: ESCO.welder, row: 2 }]);
    expect(job.counts).toMatchObject({ create: 2, error: 1 });
    expect(Object.keys(errorsByRow(job))).toEqual(['3']);
  });

  it('applies one accepted for all rows with the text to each of them, and the real run stores it', async () => {
    const corrections = [{ field: 'occupations', value: CELL, uri: ESCO.welder }];
    expect((await run(true, corrections)).counts).toMatchObject({ create: 3, error: 0 });
    const real = await run(false, corrections);
    expect(real.counts).toMatchObject({ create: 3, error: 0 });
    for (const ref of ['C-1', 'C-2']) {
      const [p] = await db().select().from(profiles).where(eq(profiles.externalRef, ref));
      const occ = await db()
        .select({ uri: profileOccupations.occupationUri })
        .from(profileOccupations)
        .where(eq(profileOccupations.profileId, p!.id));
      expect(occ.map((o) => o.uri)).toEqual([ESCO.welder]);
    }
  });

  it('still checks an accepted URI: one that is not in the reference data is reported, not stored', async () => {
    const ghost = 'http://data.europa.eu/esco/occupation/00000000-0000-4000-8000-000000000000';
    const job = await run(true, [{ field: 'occupations', value: CELL, uri: ghost }]);
    expect(errorsByRow(job)['2']).toMatchObject({ code: 'ESCO_URI_UNKNOWN' });
  });

  it('refuses malformed corrections naming the entry and the field; nothing is started', async () => {
    const cases: Array<[string, string]> = [
      ['{not json', 'corrections'],
      [
        JSON.stringify([{ field: 'occupations', value: CELL, uri: 'http://example.org/x' }]),
        'corrections.0.uri',
      ],
      [JSON.stringify([{ field: 'occupations', uri: ESCO.welder }]), 'corrections.0.value'],
      [
        JSON.stringify([{ field: 'occupations', value: CELL, uri: ESCO.welder, row: 0 }]),
        'corrections.0.row',
      ],
      [JSON.stringify({ field: 'occupations' }), 'corrections'],
    ];
    for (const [corrections, path] of cases) {
      const res = await upload(t, operator, { entity: 'profiles', dryRun: 'true', corrections }, file);
      expect(res.statusCode, corrections).toBe(400);
      expect(res.json().error.details.map((d: { path: string }) => d.path)).toContain(path);
    }
  });
});
