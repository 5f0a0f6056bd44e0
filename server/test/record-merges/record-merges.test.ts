import { and, asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, needs, opportunityAssets, users } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES } from '../helpers/factories.js';

let t: TestApp;
let deskId: string;
let otherDeskId: string;
let operator: Caller;
let otherOperator: Caller;
const marketing: Caller = { role: 'marketing' };
const company = (firmId: string): Caller => ({ role: 'company', firmId });

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(t.database.handle.db)).id;
  otherDeskId = (await makeDesk(t.database.handle.db, { name: 'France Travail Marseille', country: 'FR' }))
    .id;
  operator = { role: 'operator', deskId };
  otherOperator = { role: 'operator', deskId: otherDeskId };
});
afterAll(() => t?.close());

const db = () => t.database.handle.db;
const call = (caller: Caller, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
  t.call(caller, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

interface Record_ {
  id: string;
  version: number;
}
let serial = 0;
async function asset(overrides: Record<string, unknown> = {}, caller: Caller = operator): Promise<Record_> {
  const res = await call(caller, 'POST', '/assets', {
    deskId: caller.deskId ?? deskId,
    inventoryNumber: `MRG-${Date.now().toString(36)}-${serial++}`,
    kind: 'building',
    category: 'warehouse',
    title: 'Capannone in banchina',
    municipality: PLACES.laSpezia,
    availability: 'lease',
    status: 'available',
    ...overrides,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}
/** Firms straight into the table: the API asks an Italian firm for its VAT number, a merge may not. */
async function firm(overrides: Record<string, unknown> = {}): Promise<Record_> {
  const row = await makeFirm(db(), {
    deskId,
    name: 'Cantiere Navale del Golfo',
    municipalityCountry: 'IT',
    municipalityCode: PLACES.laSpezia.code,
    ...overrides,
  });
  return { id: row.id, version: row.version };
}
async function opportunity(assetIds: string[], sourceFirmId: string | null = null) {
  const res = await call(operator, 'POST', '/opportunities', {
    deskId,
    kind: 'wbo',
    title: 'Cooperativa della carpenteria',
    description: '',
    municipality: PLACES.laSpezia,
    status: 'open',
    sourceFirmId,
    roles: [],
    assetIds,
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string };
}
const mergeInto = (
  path: 'assets' | 'firms',
  kept: Record_,
  other: Record_,
  extra: object = {},
  caller = operator,
) =>
  call(caller, 'POST', `/${path}/${kept.id}/merge`, {
    otherId: other.id,
    keptVersion: kept.version,
    otherVersion: other.version,
    ...extra,
  });
const linksOf = async (assetId: string) =>
  (
    await db()
      .select({ opportunityId: opportunityAssets.opportunityId })
      .from(opportunityAssets)
      .where(eq(opportunityAssets.assetId, assetId))
  )
    .map((l) => l.opportunityId)
    .sort();
const searchIds = async (index: string, q: string) => {
  await t.relay.drain();
  const res = await call(operator, 'GET', `/search/${index}?q=${encodeURIComponent(q)}`);
  expect(res.statusCode, res.body).toBe(200);
  return (res.json().hits as { id: string }[]).map((h) => h.id);
};

describe('merging two listings of one asset', () => {
  it('previews without writing: blanks filled, lists joined, differences named, links counted', async () => {
    const kept = await asset({ coveredAreaM2: 2000, rentEurMonth: null, supplyChains: ['ports_logistics'] });
    const other = await asset({
      coveredAreaM2: 2100,
      rentEurMonth: 4500,
      craneTonnage: 20,
      supplyChains: ['nautical_shipbuilding'],
    });
    await opportunity([other.id]);
    const res = await call(operator, 'POST', `/assets/${kept.id}/merge-preview`, { otherId: other.id });
    expect(res.statusCode, res.body).toBe(200);
    const preview = res.json();
    expect(preview.differences).toEqual(['coveredAreaM2']);
    expect(preview.fromOther).toEqual(['rentEurMonth', 'craneTonnage']);
    expect(preview.result).toMatchObject({
      id: kept.id,
      coveredAreaM2: 2000,
      rentEurMonth: 4500,
      craneTonnage: 20,
    });
    expect(preview.result.supplyChains.sort()).toEqual(['nautical_shipbuilding', 'ports_logistics']);
    expect(preview.carried).toEqual([{ what: 'opportunities', count: 1 }]);
    // Nothing written: the kept record is as it was.
    expect((await call(operator, 'GET', `/assets/${kept.id}`)).json()).toMatchObject({
      version: kept.version,
      rentEurMonth: null,
    });

    const taken = await call(operator, 'POST', `/assets/${kept.id}/merge-preview`, {
      otherId: other.id,
      take: ['coveredAreaM2'],
    });
    expect(taken.json().result.coveredAreaM2).toBe(2100);
  });

  it('merges: the kept listing is filled, the other ends and points to it, its opportunities follow; undo puts all back', async () => {
    const kept = await asset({ title: 'Capannone Molo Fornelli', rentEurMonth: null });
    const other = await asset({ title: 'Capannone Molo Fornelli bis', rentEurMonth: 3900 });
    const both = await opportunity([kept.id, other.id]);
    const onlyOther = await opportunity([other.id]);
    expect(await searchIds('assets', 'Fornelli')).toEqual(expect.arrayContaining([kept.id, other.id]));

    const res = await mergeInto('assets', kept, other);
    expect(res.statusCode, res.body).toBe(201);
    const merge = res.json();
    expect(merge).toMatchObject({
      state: 'pending',
      kept: { id: kept.id },
      merged: { id: other.id },
      fromOther: ['rentEurMonth'],
      carried: [{ what: 'opportunities', count: 2 }],
    });
    expect(merge.kept.label).toContain('Capannone Molo Fornelli');
    const keptAfter = (await call(operator, 'GET', `/assets/${kept.id}`)).json();
    expect(keptAfter.rentEurMonth).toBe(3900);
    const otherAfter = (await call(operator, 'GET', `/assets/${other.id}`)).json();
    expect(otherAfter.endedAt).not.toBeNull();
    expect(otherAfter.mergedInto).toBe(kept.id);
    expect(await linksOf(kept.id)).toEqual([both.id, onlyOther.id].sort());
    expect(await linksOf(other.id)).toEqual([]);
    expect(await searchIds('assets', 'Fornelli')).toEqual([kept.id]);
    const audited = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'asset.merged'), eq(auditLog.subjectId, other.id)));
    expect(audited).toHaveLength(1);

    const undone = await call(operator, 'POST', `/asset-merges/${merge.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect(undone.json().state).toBe('undone');
    expect((await call(operator, 'GET', `/assets/${kept.id}`)).json().rentEurMonth).toBeNull();
    expect((await call(operator, 'GET', `/assets/${other.id}`)).json()).toMatchObject({
      endedAt: null,
      mergedInto: null,
    });
    expect(await linksOf(kept.id)).toEqual([both.id]);
    expect(await linksOf(other.id)).toEqual([both.id, onlyOther.id].sort());
    expect((await searchIds('assets', 'Fornelli')).sort()).toEqual([kept.id, other.id].sort());
    // Settled once: a second undo, or a confirmation, is refused.
    expect((await call(operator, 'POST', `/asset-merges/${merge.id}/confirm`)).statusCode).toBe(409);
  });

  it('confirms a merge for good, and lists it on both records', async () => {
    const kept = await asset();
    const other = await asset();
    const merge = (await mergeInto('assets', kept, other)).json();
    const confirmed = await call(operator, 'POST', `/asset-merges/${merge.id}/confirm`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json()).toMatchObject({ state: 'confirmed' });
    expect((await call(operator, 'POST', `/asset-merges/${merge.id}/undo`)).statusCode).toBe(409);
    for (const id of [kept.id, other.id]) {
      const list = await call(operator, 'GET', `/assets/${id}/merges`);
      expect(list.statusCode, list.body).toBe(200);
      expect(list.json().items.map((m: { id: string; state: string }) => [m.id, m.state])).toEqual([
        [merge.id, 'confirmed'],
      ]);
    }
  });

  it('refuses an undo once a record changed after the merge, and a second merge while one waits', async () => {
    const kept = await asset();
    const other = await asset();
    const third = await asset();
    const merge = (await mergeInto('assets', kept, other)).json();
    const current = (await call(operator, 'GET', `/assets/${kept.id}`)).json();
    const pending = await mergeInto('assets', current, third);
    expect(pending.statusCode).toBe(409);
    expect(pending.json().error.code).toBe('MERGE_PENDING');
    const edited = await call(operator, 'PATCH', `/assets/${kept.id}`, {
      version: current.version,
      title: 'Capannone rinnovato',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    const undo = await call(operator, 'POST', `/asset-merges/${merge.id}/undo`);
    expect(undo.statusCode).toBe(409);
    expect(undo.json().error.code).toBe('MERGE_CHANGED_SINCE');
  });

  it('says why two records cannot be merged, and that a stale preview is stale', async () => {
    const kept = await asset();
    const machine = await asset({
      kind: 'machine',
      category: 'machine_tools',
      title: 'Tornio CNC',
      brand: 'Mazak',
      model: 'QT-250',
    });
    const self = await mergeInto('assets', kept, kept);
    expect(self.statusCode).toBe(400);
    expect(self.json().error.details[0]).toMatchObject({ path: 'otherId' });
    const kinds = await mergeInto('assets', kept, machine);
    expect(kinds.statusCode).toBe(400);
    expect(kinds.json().error.details[0].reason).toContain('not one asset');
    const other = await asset();
    const stale = await mergeInto('assets', kept, { ...other, version: other.version + 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.details[0]).toMatchObject({ path: 'otherVersion' });
    const unknown = await call(operator, 'POST', `/assets/${kept.id}/merge-preview`, {
      otherId: deskId,
      take: ['nonsense'],
    });
    expect(unknown.statusCode).toBe(400);
  });

  it('follows the one policy: own desk only for operators, anywhere for marketing, never for a company', async () => {
    const mine = await asset();
    const theirs = await asset({}, otherOperator);
    // A foreign record is readable (assets are network-wide) but not changeable: 403, nothing written.
    const foreign = await mergeInto('assets', mine, theirs);
    expect(foreign.statusCode).toBe(403);
    expect((await call(operator, 'GET', `/assets/${theirs.id}`)).json().endedAt).toBeNull();
    const foreignKept = await mergeInto('assets', theirs, mine);
    expect(foreignKept.statusCode).toBe(403);
    const f = await makeFirm(db());
    expect((await mergeInto('assets', mine, theirs, {}, company(f.id))).statusCode).toBe(403);
    const byMarketing = await mergeInto('assets', mine, theirs, {}, marketing);
    expect(byMarketing.statusCode, byMarketing.body).toBe(201);
    // Settling changes both records: neither desk's operator alone may settle a merge across the two.
    for (const who of [otherOperator, operator])
      for (const step of ['confirm', 'undo'])
        expect(
          (await call(who, 'POST', `/asset-merges/${byMarketing.json().id}/${step}`)).statusCode,
          `${who.deskId === deskId ? 'own' : 'other'} desk ${step}`,
        ).toBe(403);
    const settled = await call(marketing, 'POST', `/asset-merges/${byMarketing.json().id}/confirm`);
    expect(settled.statusCode, settled.body).toBe(200);
  });
});

describe('merging two records of one firm', () => {
  it('moves needs, opportunities, owned assets and accounts over, takes the tax id, and undoes it all', async () => {
    const kept = await firm({ vatNumber: null, sizeBand: 'medium' });
    const other = await firm({
      name: 'Cantiere Navale del Golfo S.r.l.',
      vatNumber: '01234567897',
      sizeBand: 'small',
    });
    const needRes = await call(operator, 'POST', '/needs', {
      type: 'job',
      firmId: other.id,
      title: 'Saldatore TIG',
      municipality: PLACES.laSpezia,
      occupationUri: ESCO.welder,
      essentialSkills: [ESCO.weldingTechniques],
      positions: 1,
    });
    expect(needRes.statusCode, needRes.body).toBe(201);
    const need = needRes.json();
    const owned = await asset({ ownerFirmId: other.id });
    const opp = await opportunity([], other.id);
    const [account] = await db()
      .insert(users)
      .values({ email: `hr-${serial++}@golfo.example`, displayName: 'HR', role: 'company', firmId: other.id })
      .returning();

    const preview = (
      await call(operator, 'POST', `/firms/${kept.id}/merge-preview`, { otherId: other.id })
    ).json();
    expect(preview.differences).toEqual(['name', 'sizeBand']);
    expect(preview.fromOther).toEqual(['vatNumber']);
    expect(preview.carried).toEqual([
      { what: 'needs', count: 1 },
      { what: 'opportunities', count: 1 },
      { what: 'assets', count: 1 },
      { what: 'crisisCases', count: 0 },
      { what: 'users', count: 1 },
    ]);

    const res = await mergeInto('firms', kept, other, { take: ['sizeBand'] });
    expect(res.statusCode, res.body).toBe(201);
    const merge = res.json();
    expect(merge.fromOther).toEqual(['vatNumber', 'sizeBand']);
    const keptAfter = (await call(operator, 'GET', `/firms/${kept.id}`)).json();
    expect(keptAfter).toMatchObject({
      vatNumber: '01234567897',
      sizeBand: 'small',
      name: 'Cantiere Navale del Golfo',
    });
    const otherAfter = (await call(operator, 'GET', `/firms/${other.id}`)).json();
    expect(otherAfter).toMatchObject({ vatNumber: null, mergedInto: kept.id });
    expect(otherAfter.endedAt).not.toBeNull();
    expect((await call(operator, 'GET', `/needs/${need.id}`)).json().firmId).toBe(kept.id);
    expect((await call(operator, 'GET', `/assets/${owned.id}`)).json().ownerFirmId).toBe(kept.id);
    expect((await call(operator, 'GET', `/opportunities/${opp.id}`)).json().sourceFirmId).toBe(kept.id);
    const [moved] = await db().select().from(users).where(eq(users.id, account!.id));
    expect(moved!.firmId).toBe(kept.id);
    // The firm's own account now reads the need through the kept firm.
    expect((await call(company(kept.id), 'GET', `/needs/${need.id}`)).statusCode).toBe(200);

    const undone = await call(operator, 'POST', `/firm-merges/${merge.id}/undo`);
    expect(undone.statusCode, undone.body).toBe(200);
    expect((await call(operator, 'GET', `/firms/${kept.id}`)).json()).toMatchObject({
      vatNumber: null,
      sizeBand: 'medium',
    });
    expect((await call(operator, 'GET', `/firms/${other.id}`)).json()).toMatchObject({
      vatNumber: '01234567897',
      endedAt: null,
      mergedInto: null,
    });
    expect((await call(operator, 'GET', `/needs/${need.id}`)).json().firmId).toBe(other.id);
    expect((await call(operator, 'GET', `/assets/${owned.id}`)).json().ownerFirmId).toBe(other.id);
    expect((await call(operator, 'GET', `/opportunities/${opp.id}`)).json().sourceFirmId).toBe(other.id);
    const [back] = await db().select().from(users).where(eq(users.id, account!.id));
    expect(back!.firmId).toBe(other.id);
    // The account's own history says it moved with the merge, and back with the undo.
    const history = await db()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.subjectType, 'user'), eq(auditLog.subjectId, account!.id)))
      .orderBy(asc(auditLog.id));
    expect(history.map((e) => [e.action, e.details])).toEqual([
      ['user.changed', { from: { firmId: other.id }, to: { firmId: kept.id }, firmMergeId: merge.id }],
      ['user.changed', { from: { firmId: kept.id }, to: { firmId: other.id }, firmMergeId: merge.id }],
    ]);
  });

  it('refuses, naming the reference, when both firms have a need with one reference; nothing is written', async () => {
    const kept = await firm();
    const other = await firm();
    for (const firmId of [kept.id, other.id])
      await db()
        .insert(needs)
        .values({
          deskId,
          firmId,
          externalRef: 'RIC-42',
          type: 'job',
          title: 'Carpentiere',
          occupationUri: ESCO.welder,
          municipalityCountry: 'IT',
          municipalityCode: PLACES.laSpezia.code,
          lat: 44.1,
          lon: 9.8,
          positions: 1,
        } as typeof needs.$inferInsert);
    const res = await mergeInto('firms', kept, other);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].reason).toContain('RIC-42');
    expect((await call(operator, 'GET', `/firms/${other.id}`)).json().endedAt).toBeNull();
  });

  it('a failure half-way leaves both firms, their tax ids, needs and accounts as they were', async () => {
    const kept = await firm({ vatNumber: null });
    const other = await firm({ vatNumber: '09876543217' });
    const need = await call(operator, 'POST', '/needs', {
      type: 'job',
      firmId: other.id,
      title: 'Carpentiere navale',
      municipality: PLACES.laSpezia,
      occupationUri: ESCO.welder,
      positions: 1,
    });
    expect(need.statusCode, need.body).toBe(201);
    // The merge's last write fails: the tax id released, the firm ended, the need moved must roll back.
    await db().execute(sql`create function fail_record_merge() returns trigger language plpgsql as $$
      begin raise exception 'forced failure'; end $$`);
    await db().execute(
      sql`create trigger fail_record_merge before insert on record_merges for each row execute function fail_record_merge()`,
    );
    try {
      expect((await mergeInto('firms', kept, other)).statusCode).toBe(500);
    } finally {
      await db().execute(sql`drop trigger fail_record_merge on record_merges`);
      await db().execute(sql`drop function fail_record_merge()`);
    }
    expect((await call(operator, 'GET', `/firms/${kept.id}`)).json()).toMatchObject({
      version: kept.version,
      vatNumber: null,
    });
    expect((await call(operator, 'GET', `/firms/${other.id}`)).json()).toMatchObject({
      version: other.version,
      vatNumber: '09876543217',
      endedAt: null,
      mergedInto: null,
    });
    expect((await call(operator, 'GET', `/needs/${need.json().id}`)).json().firmId).toBe(other.id);
  });

  it('refuses firms of two countries, and a company account', async () => {
    const kept = await firm();
    const french = await firm({ country: 'FR', name: 'Chantier naval du Golfe', naceCode: '30.11' });
    const res = await mergeInto('firms', kept, french);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0]).toMatchObject({ path: 'otherId' });
    const other = await firm();
    expect((await mergeInto('firms', kept, other, {}, company(kept.id))).statusCode).toBe(403);
  });
});
