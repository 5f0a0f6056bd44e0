import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/raw.js';
import { verifyRunChain } from '../../src/modules/matching/match-log.repository.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';
import { importFile } from '../import/helpers.js';

/**
 * Erasure and the access export, checked by construction: the person is taken through every path that
 * stores something about a person (registration, consents, match runs in both directions, decisions and
 * outcomes as candidate and as subject with notes that name them, a contact request, an import whose
 * report quotes them, an erasure of someone else with them named nowhere), then every text, JSON and id
 * column of every table in the database is scanned. A new table or column that keeps a person's data is
 * found by the scan without anyone listing it.
 */
let t: TestApp;
let deskId: string;
let operator: Caller;

const MARKERS = {
  firstName: 'Xanthe',
  lastName: 'Mirrorvale',
  email: 'xanthe.mirrorvale@example.org',
  phone: '+39 345 222 3333',
  externalRef: 'ERASE-R1',
};
/** Columns where a bare id of the erased person may stay: the accountability trail (ids, nothing else). */
const ID_MAY_STAY = new Set([
  'audit_log.subject_id',
  // A merge's entries name both records (who merged what into what).
  'audit_log.details',
  'match_decisions.candidate_id',
  'match_decisions.subject_id',
  'match_outcomes.profile_id',
  'match_runs.subject_id',
  'outbox.aggregate_id',
]);

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(t.database.handle.db)).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

const call = (caller: Caller, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.call(caller, { method, url, ...(payload ? { payload } : {}) });

/** Every (table, column, row text) of the text-like columns of the database. */
async function everyStoredValue(): Promise<{ table: string; column: string; text: string }[]> {
  const db = t.database.handle.db;
  const columns = await queryRows<{ table_name: string; column_name: string }>(
    db,
    sql`select c.table_name, c.column_name from information_schema.columns c
        join information_schema.tables tb on tb.table_name = c.table_name and tb.table_schema = c.table_schema
        where c.table_schema = current_schema() and tb.table_type = 'BASE TABLE'
          and c.data_type in ('text', 'jsonb', 'json', 'uuid', 'character varying', 'ARRAY')`,
  );
  const out: { table: string; column: string; text: string }[] = [];
  for (const { table_name, column_name } of columns) {
    const rows = await queryRows<{ v: string | null }>(
      db,
      sql`select ${sql.identifier(column_name)}::text as v from ${sql.identifier(table_name)}`,
    );
    for (const r of rows) if (r.v) out.push({ table: table_name, column: column_name, text: r.v });
  }
  return out;
}

describe('erasure leaves nothing about the person, by construction', () => {
  it('scans every column of every table after a person went through every path', async () => {
    const db = t.database.handle.db;
    const firm = await makeFirm(db);
    const person = (await call(operator, 'POST', '/api/v1/profiles', profilePayload(deskId, MARKERS))).json();
    expect(person.id).toBeDefined();
    for (const purpose of ['share_with_companies', 'contact_by_companies'])
      await call(operator, 'POST', `/api/v1/profiles/${person.id}/consents`, {
        purpose,
        textVersion: 'v1',
        language: 'it',
        channel: 'desk',
      });
    const need = (
      await call(operator, 'POST', '/api/v1/needs', {
        type: 'job',
        firmId: firm.id,
        title: 'Saldatore',
        municipality: PLACES.laSpezia,
        occupationUri: ESCO.welder,
        essentialSkills: [ESCO.weldingTechniques],
        positions: 1,
      })
    ).json();
    const note = `${MARKERS.firstName} ${MARKERS.lastName} (${MARKERS.phone}): back problem, night shifts only`;
    // Need → people (the person is a result) and person → needs (the person is the subject).
    const forNeed = await call(operator, 'GET', `/api/v1/needs/${need.id}/matches`);
    expect(forNeed.json().results.map((r: { candidateId: string }) => r.candidateId)).toContain(person.id);
    const forPerson = await call(operator, 'GET', `/api/v1/profiles/${person.id}/matches`);
    expect(forPerson.statusCode).toBe(200);
    await call(operator, 'POST', '/api/v1/matches/decisions', {
      subjectType: 'need',
      subjectId: need.id,
      candidateType: 'profile',
      candidateId: person.id,
      action: 'approve',
      reasonCode: 'good_fit',
      note,
    });
    await call(operator, 'POST', '/api/v1/matches/decisions', {
      subjectType: 'profile',
      subjectId: person.id,
      candidateType: 'need',
      candidateId: need.id,
      action: 'shortlist',
      reasonCode: 'other',
      note,
    });
    for (const outcome of ['contacted', 'interviewed'])
      expect(
        (
          await call(operator, 'POST', `/api/v1/needs/${need.id}/outcomes`, {
            profileId: person.id,
            outcome,
            note,
          })
        ).statusCode,
      ).toBe(201);
    const company: Caller = { role: 'company', firmId: firm.id };
    expect((await call(company, 'GET', `/api/v1/needs/${need.id}/candidates`)).statusCode).toBe(200);
    await call(company, 'POST', `/api/v1/needs/${need.id}/candidates/${person.code}/contact-request`);
    const job = await importFile(
      t,
      operator,
      { entity: 'profiles' },
      {
        name: 'people.csv',
        bytes: Buffer.from(
          'External reference,First name,Last name,E-mail,Municipality,Occupations (ESCO),Employment status\r\n' +
            `${MARKERS.externalRef},${MARKERS.firstName},${MARKERS.lastName},xanthe.mirrorvale(at)example.org,La Spezia,${ESCO.welder},Unemployed\r\n` +
            `OTHER-1,Anna,Okay,anna.okay@example.org,La Spezia,${ESCO.welder},Unemployed\r\n`,
        ),
      },
    );
    expect(JSON.stringify(job.report)).toContain('xanthe.mirrorvale(at)example.org');
    // Registered twice more, and merged: once confirmed (decisions carried over), once still pending
    // (the kept record's former state held for an undo).
    for (const [i, settle, take] of [
      [1, 'confirm', 'phone'],
      [2, null, 'name'],
    ] as const) {
      const twin = (
        await call(
          operator,
          'POST',
          '/api/v1/profiles',
          profilePayload(deskId, {
            ...MARKERS,
            lastName: MARKERS.lastName.toUpperCase(),
            phone: `+39 345 000 000${i}`,
            externalRef: `ERASE-T${i}`,
          }),
        )
      ).json();
      await call(operator, 'POST', '/api/v1/matches/decisions', {
        subjectType: 'need',
        subjectId: need.id,
        candidateType: 'profile',
        candidateId: twin.id,
        action: 'shortlist',
        reasonCode: 'other',
        note: `${note} (${i})`,
      });
      const kept = (await call(operator, 'GET', `/api/v1/profiles/${person.id}`)).json();
      const merge = await call(operator, 'POST', `/api/v1/profiles/${person.id}/merge`, {
        otherId: twin.id,
        keptVersion: kept.version,
        otherVersion: twin.version,
        take: [take],
      });
      expect(merge.statusCode, merge.body).toBe(201);
      if (settle)
        expect(
          (await call(operator, 'POST', `/api/v1/profile-merges/${merge.json().id}/${settle}`)).statusCode,
        ).toBe(200);
    }
    await t.relay.drain();

    // Before erasure: the scan sees the person where expected (so the scan itself is not blind).
    const before = await everyStoredValue();
    const mentions = (rows: typeof before) =>
      rows.filter(
        (r) =>
          r.text.toLowerCase().includes(MARKERS.lastName.toLowerCase()) ||
          r.text.includes(MARKERS.phone) ||
          r.text.toLowerCase().includes('xanthe.mirrorvale'),
      );
    const tablesBefore = new Set(mentions(before).map((r) => `${r.table}.${r.column}`));
    for (const place of [
      'profiles.last_name',
      'match_decisions.note',
      'match_outcomes.note',
      'import_report_entries.entry',
      'profile_merges.before',
    ])
      expect(tablesBefore, place).toContain(place);
    const idsBefore = new Set(
      before.filter((r) => r.text.includes(person.id)).map((r) => `${r.table}.${r.column}`),
    );
    expect(idsBefore).toContain('match_runs.results');

    // The access export covers every table where the person is (their id or their words).
    const exported = JSON.stringify(
      (await call(operator, 'GET', `/api/v1/profiles/${person.id}/data-export`)).json(),
    );
    expect(exported).toContain(note);
    expect(exported).toContain('xanthe.mirrorvale(at)example.org');
    const exportSections = JSON.parse(exported) as Record<string, unknown[]>;
    expect(exportSections.runsForYou!.length).toBeGreaterThan(0);
    expect(exportSections.rankings!.length).toBeGreaterThan(0);

    const erased = await call(operator, 'POST', `/api/v1/profiles/${person.id}/erase`, {
      reason: 'data_subject_request',
    });
    expect(erased.statusCode).toBe(200);
    await t.relay.drain();

    const after = await everyStoredValue();
    expect(mentions(after).map((r) => `${r.table}.${r.column}: ${r.text.slice(0, 120)}`)).toEqual([]);
    expect(after.filter((r) => r.text.includes(person.code)).map((r) => `${r.table}.${r.column}`)).toEqual(
      [],
    );
    const idsLeft = after.filter((r) => r.text.includes(person.id)).map((r) => `${r.table}.${r.column}`);
    expect(idsLeft.filter((place) => !ID_MAY_STAY.has(place))).toEqual([]);
    // The log of runs was redacted, not broken.
    expect(await verifyRunChain(db)).toEqual([]);
  });

  it('refuses a free-text reason and names the allowed codes', async () => {
    const person = (await call(operator, 'POST', '/api/v1/profiles', profilePayload(deskId))).json();
    const res = await call(operator, 'POST', `/api/v1/profiles/${person.id}/erase`, {
      reason: 'Art. 17 request from Ysolde Wanderbrook',
    });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain('reason');
    const rows = await queryRows<{ n: number }>(
      t.database.handle.db,
      sql`select count(*)::int as n from audit_log where details::text like '%Wanderbrook%'`,
    );
    expect(rows[0]!.n).toBe(0);
  });
});
