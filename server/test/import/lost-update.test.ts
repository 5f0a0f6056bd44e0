import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Principal } from '../../src/auth/principal.js';
import { profiles } from '../../src/db/schema.js';
import { ADAPTERS, type ExistingRecord } from '../../src/modules/imports/entity-adapters.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, profilePayload } from '../helpers/factories.js';
import { importFile } from './helpers.js';

// An operator's PATCH and an import touching the same record: the later writer either gets its 409 or
// writes over the earlier one's committed state. Nothing committed is ever silently overwritten.

let t: TestApp;
let deskId: string;
let operator: Caller;
const db = () => t.database.handle.db;

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(db())).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

async function createProfile(externalRef: string) {
  const res = await t.call(operator, {
    method: 'POST',
    url: '/api/v1/profiles',
    payload: profilePayload(deskId, { externalRef, mobilityKm: 40, eqfLevel: 3 }),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const patch = (id: string, version: number, body: Record<string, unknown>) =>
  t.call(operator, { method: 'PATCH', url: `/api/v1/profiles/${id}`, payload: { version, ...body } });

const storedProfile = async (id: string) =>
  (await db().select().from(profiles).where(eq(profiles.id, id)))[0]!;

const fileFor = (ref: string, eqf: number) => ({
  name: `${ref}.csv`,
  bytes: Buffer.from(
    'Codice esterno;Nome;Cognome;Comune;Condizione occupazionale;Livello EQF\r\n' +
      `${ref};Marco;Rossi;La Spezia;Disoccupato;${eqf}\r\n`,
  ),
});

it('refuses (409) an import write over a record changed since the importer read it', async () => {
  const created = await createProfile('LU-1');
  const adapter = ADAPTERS.profiles;
  const [stale] = await adapter.findMany!(db(), [{ externalRef: 'LU-1' }], deskId);
  const res = await patch(created.id, created.version, { mobilityKm: 99 });
  expect(res.statusCode, res.body).toBe(200);
  const principal: Principal = { userId: null, role: 'operator', deskId, firmId: null, via: 'import_job' };
  const state = { ...stale!.state, columns: { ...stale!.state.columns, eqfLevel: 5 } };
  await expect(db().transaction((tx) => adapter.update(tx, stale!, state, principal))).rejects.toMatchObject({
    code: 'VERSION_CONFLICT',
    statusCode: 409,
  });
  expect(await storedProfile(created.id)).toMatchObject({ mobilityKm: 99, eqfLevel: 3, version: 2 });
});

it('an import that read a record before a PATCH committed writes over the PATCH, not over its stale copy', async () => {
  const created = await createProfile('LU-2');
  const adapter = ADAPTERS.profiles;
  const [stale] = (await adapter.findMany!(db(), [{ externalRef: 'LU-2' }], deskId)) as ExistingRecord[];
  const res = await patch(created.id, created.version, { mobilityKm: 77 });
  expect(res.statusCode, res.body).toBe(200);
  // The importer's first read of the batch returns the copy from before the PATCH, as it would on
  // PostgreSQL when the PATCH commits between the importer's read and its write.
  const findMany = adapter.findMany!.bind(adapter);
  let first = true;
  adapter.findMany = async (tx, inputs, desk) => {
    if (!first) return findMany(tx, inputs, desk);
    first = false;
    return [stale];
  };
  try {
    const job = await importFile(t, operator, { entity: 'profiles', dryRun: 'false' }, fileFor('LU-2', 6));
    expect(job.counts).toMatchObject({ update: 1, error: 0 });
  } finally {
    adapter.findMany = findMany;
  }
  // Both changes are there: the PATCH's mobility and the file's EQF level, in two versions.
  expect(await storedProfile(created.id)).toMatchObject({ mobilityKm: 77, eqfLevel: 6, version: 3 });
});

it('a PATCH sent with the version from before an import gets its 409', async () => {
  const created = await createProfile('LU-3');
  const job = await importFile(t, operator, { entity: 'profiles', dryRun: 'false' }, fileFor('LU-3', 7));
  expect(job.counts).toMatchObject({ update: 1, error: 0 });
  const res = await patch(created.id, created.version, { mobilityKm: 11 });
  expect(res.statusCode).toBe(409);
  expect(await storedProfile(created.id)).toMatchObject({ mobilityKm: 40, eqfLevel: 7, version: 2 });
});
