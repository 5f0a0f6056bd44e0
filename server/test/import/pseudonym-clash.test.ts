import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { profiles } from '../../src/db/schema.js';
import { createImportService } from '../../src/modules/imports/imports.service.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { makeDesk } from '../helpers/factories.js';

// The first two pseudonyms drawn are the one already issued; then fresh ones.
const draws = vi.hoisted(() => ({ n: 0 }));
vi.mock('../../src/lib/pseudonym.js', () => ({
  newPseudonym: () => (draws.n++ < 2 ? 'P-TAKEN2' : `P-${String(draws.n).padStart(6, '0')}`),
}));

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

it('draws a new pseudonym when the random one is already taken, instead of failing the row', async () => {
  const db = t.database.handle.db;
  const desk = await makeDesk(db);
  await db.insert(profiles).values({
    code: 'P-TAKEN2',
    deskId: desk.id,
    externalRef: 'OLD',
    firstName: 'A',
    lastName: 'B',
    municipalityCountry: 'IT',
    municipalityCode: '011015',
    lat: 44.1,
    lon: 9.8,
    employmentStatus: 'unemployed',
  });
  const bytes = Buffer.from(
    'Codice esterno;Nome;Cognome;Comune;Condizione occupazionale\r\nNEW-1;Ada;Neri;Genova;Disoccupato\r\n',
  );
  const service = createImportService(db);
  const job = await service.open({
    source: bytes,
    fileName: 'p.csv',
    entity: 'profiles',
    dryRun: false,
    deskId: desk.id,
    createdBy: null,
    options: {},
  });
  const done = await service.run(job.id, bytes);
  expect(done.counts).toMatchObject({ create: 1, error: 0 });
  const [p] = await db.select().from(profiles).where(eq(profiles.externalRef, 'NEW-1'));
  expect(p!.code).not.toBe('P-TAKEN2');
});
