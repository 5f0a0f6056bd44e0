import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { firms } from '../../src/db/schema.js';
import type { Access } from '../../src/auth/access.js';
import { allows, type OwnedKind, type Right } from '../../src/auth/policy.js';
import type { Principal, PrincipalRole } from '../../src/auth/principal.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';
import { importFile } from '../import/helpers.js';

/**
 * The authorisation matrix by object: every route of the route table that names a desk- or firm-owned
 * object × every kind of principal × the owner of the object. Objects belong to desk A and firm F; the
 * callers are of the same or another desk, partner keys of the same or another desk and in or out of
 * scope, companies of the same or another firm, marketing, admin and anonymous. Every cell is asserted
 * against the one policy (auth/policy.ts, itself tested cell by cell in test/auth/policy.test.ts):
 * allowed → the route does its work; readable but not allowed → 403; not even readable → 404.
 * A route added tomorrow under one of these paths is in the matrix without anyone editing this file.
 */
let t: TestApp;
let deskA: string;
let deskB: string;
let firmF: string;
let firmG: string;

type Who = {
  name: string;
  role: PrincipalRole | 'anonymous';
  caller: Caller | null;
  apiKey?: string;
  scopes?: string[];
  principal?: Principal;
};
let principals: Who[];
const ALL_SCOPES = ['profiles', 'assets', 'firms', 'needs', 'opportunities', 'imports'];

const KIND_OF: Record<string, OwnedKind> = {
  profiles: 'profile',
  needs: 'need',
  assets: 'asset',
  firms: 'firm',
  'crisis-cases': 'crisis_case',
  opportunities: 'opportunity',
  imports: 'import_job',
};

/** The right a route exercises on its object, where it is not "GET reads, anything else writes". */
const RIGHT_OF: Record<string, { right: Right; kind?: OwnedKind }> = {
  'GET /api/v1/profiles/:id/consents': { right: 'read_personal' },
  'GET /api/v1/profiles/:id/data-export': { right: 'read_personal' },
  // A person's likely duplicates name people: only the desk that may see this person's data.
  'GET /api/v1/profiles/:id/duplicates': { right: 'read_personal' },
  // Merges name what moved between a person's records: only the desk that may see this person's data.
  'GET /api/v1/profiles/:id/merges': { right: 'read_personal' },
  'POST /api/v1/profiles/:id/consents': { right: 'write', kind: 'consent' },
  'POST /api/v1/profiles/:id/consents/:consentId/withdraw': { right: 'write', kind: 'consent' },
  'POST /api/v1/profiles/:id/erase': { right: 'write' },
  // The object of these is the need; what they change is about the person (desk A), checked below.
  'POST /api/v1/needs/:id/outcomes': { right: 'write', kind: 'outcome' },
  'POST /api/v1/needs/:id/candidates/:code/contact-request': { right: 'read' },
};

interface Objects {
  profile: { id: string; code: string };
  need: { id: string };
  asset: { id: string };
  firm: { id: string };
  crisis_case: { id: string };
  opportunity: { id: string; roles: { id: string }[] };
  import_job: { id: string };
  consentId: string;
}

const operatorA = () =>
  ({ role: 'operator', deskId: deskA, userId: '00000000-0000-4000-8000-0000000000a1' }) as Caller;

async function makeObjects(importJob?: { id: string }): Promise<Objects> {
  const op = operatorA();
  const call = (url: string, payload: object) => t.call(op, { method: 'POST', url, payload });
  const profile = (await call('/api/v1/profiles', profilePayload(deskA))).json();
  const consents = [];
  for (const purpose of ['share_with_companies', 'contact_by_companies'])
    consents.push(
      (
        await call(`/api/v1/profiles/${profile.id}/consents`, {
          purpose,
          textVersion: 'v1',
          language: 'it',
          channel: 'desk',
        })
      ).json(),
    );
  const need = (
    await call('/api/v1/needs', {
      type: 'job',
      firmId: firmF,
      title: 'Saldatore TIG',
      municipality: PLACES.laSpezia,
      occupationUri: ESCO.welder,
      essentialSkills: [ESCO.weldingTechniques],
      positions: 1,
    })
  ).json();
  await call('/api/v1/matches/decisions', {
    subjectType: 'need',
    subjectId: need.id,
    candidateType: 'profile',
    candidateId: profile.id,
    action: 'approve',
    reasonCode: 'good_fit',
  });
  const asset = (
    await call('/api/v1/assets', {
      deskId: deskA,
      inventoryNumber: `INV-${Math.random().toString(36).slice(2)}`,
      kind: 'machine',
      category: 'machine_tools',
      title: 'Tornio CNC',
      municipality: PLACES.laSpezia,
      availability: 'sale',
    })
  ).json();
  const crisis = (
    await call('/api/v1/crisis-cases', {
      deskId: deskA,
      externalRef: `CRISI-${Math.random().toString(36).slice(2)}`,
      firmId: firmF,
      title: 'Cantiere in liquidazione',
      procedure: 'liquidazione_giudiziale',
      municipality: PLACES.laSpezia,
      openedOn: '2026-03-01',
      workersAffected: 40,
    })
  ).json();
  const opportunity = (
    await call('/api/v1/opportunities', {
      deskId: deskA,
      kind: 'wbo',
      title: 'WBO Cantiere del Golfo',
      municipality: PLACES.laSpezia,
      roles: [{ occupationUri: ESCO.welder, count: 2 }],
    })
  ).json();
  const job =
    importJob ??
    (await importFile(
      t,
      op,
      { entity: 'profiles' },
      {
        name: `p-${Math.random()}.csv`,
        bytes: Buffer.from(
          `External reference,First name,Last name,Municipality,Employment status\r\nM-1,Anna,Bianchi,La Spezia,Unemployed\r\n`,
        ),
      },
    ));
  for (const o of [profile, need, asset, crisis, opportunity]) expect(o.id, JSON.stringify(o)).toBeDefined();
  return {
    profile,
    need,
    asset,
    firm: { id: firmF },
    crisis_case: crisis,
    opportunity,
    import_job: job,
    consentId: consents[0].id,
  };
}

beforeAll(async () => {
  t = await createTestApp();
  const db = t.database.handle.db;
  deskA = (await makeDesk(db)).id;
  deskB = (await makeDesk(db)).id;
  firmF = (await makeFirm(db, { deskId: deskA })).id;
  firmG = (await makeFirm(db, { deskId: deskB })).id;
  const key = async (deskId: string, scopes: string[]) =>
    (
      await t.call(
        { role: 'admin' },
        { method: 'POST', url: '/api/v1/admin/api-keys', payload: { deskId, name: 'matrix', scopes } },
      )
    ).json().key as string;
  const p = (role: PrincipalRole, deskId: string | null, firmId: string | null): Principal => ({
    userId: null,
    role,
    deskId,
    firmId,
    via: 'test',
  });
  principals = [
    { name: 'admin', role: 'admin', caller: { role: 'admin' }, principal: p('admin', null, null) },
    {
      name: 'operator of the desk',
      role: 'operator',
      caller: operatorA(),
      principal: p('operator', deskA, null),
    },
    {
      name: 'operator of another desk',
      role: 'operator',
      caller: { role: 'operator', deskId: deskB },
      principal: p('operator', deskB, null),
    },
    {
      name: 'partner of the desk, in scope',
      role: 'partner',
      caller: null,
      apiKey: await key(deskA, ALL_SCOPES),
      scopes: ALL_SCOPES,
      principal: p('partner', deskA, null),
    },
    {
      name: 'partner of the desk, out of scope',
      role: 'partner',
      caller: null,
      apiKey: await key(deskA, ['imports']),
      scopes: ['imports'],
      principal: p('partner', deskA, null),
    },
    {
      name: 'partner of another desk',
      role: 'partner',
      caller: null,
      apiKey: await key(deskB, ALL_SCOPES),
      scopes: ALL_SCOPES,
      principal: p('partner', deskB, null),
    },
    {
      name: 'company of the firm',
      role: 'company',
      caller: { role: 'company', firmId: firmF },
      principal: p('company', null, firmF),
    },
    {
      name: 'company of another firm',
      role: 'company',
      caller: { role: 'company', firmId: firmG },
      principal: p('company', null, firmG),
    },
    {
      name: 'marketing',
      role: 'marketing',
      caller: { role: 'marketing' },
      principal: p('marketing', null, null),
    },
    { name: 'anonymous', role: 'anonymous', caller: null },
  ];
});
afterAll(() => t?.close());

type Expected = 'allowed' | 401 | 403 | 404;

function expected(
  route: { method: string; url: string; access: Access },
  who: Who,
  kind: OwnedKind,
  scope: string,
): Expected {
  if (route.access === 'public') return 'allowed';
  if (who.role === 'anonymous') return 401;
  if (route.access !== 'signed_in' && !route.access.includes(who.role)) return 403;
  if (who.role === 'partner' && !who.scopes!.includes(scope)) return 403;
  const rule = RIGHT_OF[`${route.method} ${route.url}`];
  const right = rule?.right ?? (route.method === 'GET' ? 'read' : 'write');
  const ruleKind = rule?.kind ?? kind;
  // Every object of the matrix belongs to desk A; the need and the firm to firm F too.
  const owner = { deskId: deskA, firmId: firmF, createdBy: '00000000-0000-4000-8000-0000000000a1' };
  // A route about a person reached through a need must be able to see the need first.
  if (ruleKind !== kind && !allows(who.principal!, 'read', kind, owner)) return 404;
  if (allows(who.principal!, right, ruleKind, owner)) return 'allowed';
  const visibleKind = ruleKind === 'outcome' || ruleKind === 'consent' ? 'profile' : ruleKind;
  return allows(who.principal!, 'read', visibleKind, owner) ? 403 : 404;
}

/** The opportunity's first readiness step as it stands (read as admin: the cell is about access). */
async function checklistStep(opportunityId: string): Promise<{ id: string; version: number }> {
  const card = await t.call(
    { role: 'admin' },
    { method: 'GET', url: `/api/v1/opportunities/${opportunityId}/readiness` },
  );
  return card.json().checklist[0];
}

/**
 * A merge's body: a second record of the same thing at desk A, made afresh (a merge ends it), and the
 * versions of both as they stand.
 */
async function mergeBody(url: string, objects: Objects, kind: OwnedKind): Promise<object> {
  const admin: Caller = { role: 'admin' };
  const read = async (path: string) => (await t.call(admin, { method: 'GET', url: `/api/v1${path}` })).json();
  let twin: { id: string; version: number };
  let kept: { version: number };
  if (kind === 'profile') {
    twin = (
      await t.call(operatorA(), { method: 'POST', url: '/api/v1/profiles', payload: profilePayload(deskA) })
    ).json();
    kept = await read(`/profiles/${objects.profile.id}`);
  } else if (kind === 'asset') {
    twin = (
      await t.call(operatorA(), {
        method: 'POST',
        url: '/api/v1/assets',
        payload: {
          deskId: deskA,
          inventoryNumber: `INV-${Math.random().toString(36).slice(2)}`,
          kind: 'machine',
          category: 'machine_tools',
          title: 'Tornio CNC',
          municipality: PLACES.laSpezia,
          availability: 'sale',
        },
      })
    ).json();
    kept = await read(`/assets/${objects.asset.id}`);
  } else {
    twin = await makeFirm(t.database.handle.db, { deskId: deskA });
    // Firm F stays from cell to cell: an earlier cell may have ended it (a merge needs it open), and a
    // merge left waiting on it would refuse the next cell's merge.
    await t.database.handle.db.update(firms).set({ endedAt: null }).where(eq(firms.id, firmF));
    for (const merge of (await read(`/firms/${firmF}/merges`)).items as { id: string; state: string }[])
      if (merge.state === 'pending')
        await t.call(admin, { method: 'POST', url: `/api/v1/firm-merges/${merge.id}/confirm` });
    kept = await read(`/firms/${firmF}`);
  }
  return url.endsWith('/merge')
    ? { otherId: twin.id, keptVersion: kept.version, otherVersion: twin.version }
    : { otherId: twin.id };
}

/** A body the route accepts, so that refusals come from access control and not from validation. */
async function bodyFor(
  method: string,
  url: string,
  objects: Objects,
  kind: OwnedKind,
): Promise<object | undefined> {
  if (method === 'GET') return undefined;
  if (url.endsWith('/consents'))
    return { purpose: 'share_with_companies', textVersion: 'v2', language: 'it', channel: 'desk' };
  if (url.endsWith('/withdraw')) return {};
  if (url.endsWith('/erase')) return { reason: 'data_subject_request' };
  if (url.endsWith('/outcomes')) return { profileId: objects.profile.id, outcome: 'interviewed' };
  if (url.endsWith('/contact-request')) return undefined;
  if (url.endsWith('/merge') || url.endsWith('/merge-preview')) return mergeBody(url, objects, kind);
  const seat = { roleId: objects.opportunity.roles[0]!.id, profileId: objects.profile.id };
  if (url.endsWith('/team/lock')) return { members: [seat] };
  if (url.endsWith('/team/contact-requests')) return seat;
  if (url.includes('/readiness/checklist/'))
    return { version: (await checklistStep(objects.opportunity.id)).version, note: 'matrice di accesso' };
  if (url.endsWith('/team/unlock')) {
    const state = (
      await t.call(
        { role: 'admin' },
        { method: 'GET', url: `/api/v1/opportunities/${objects.opportunity.id}/team/lock` },
      )
    ).json();
    return { version: state.current?.version ?? 1, reason: 'matrice di accesso' };
  }
  // PATCH and end take the version the caller read (read as admin: the cell is about access, not races).
  const collection = Object.entries(KIND_OF).find(([, k]) => k === kind)![0];
  const current = (
    await t.call(
      { role: 'admin' },
      {
        method: 'GET',
        url: `/api/v1/${collection}/${(objects as unknown as Record<string, { id: string }>)[kind]!.id}`,
      },
    )
  ).json();
  return { version: current.version };
}

describe('authorisation matrix: route × principal × owner', () => {
  it('answers every cell as the one access policy says', { timeout: 900_000 }, async () => {
    const routes = t.app.routeTable.filter((r) => {
      const segment = r.url.split('/')[3] ?? '';
      return r.url.includes('/:id') && segment in KIND_OF && !r.url.includes('/templates/');
    });
    expect(routes.length).toBeGreaterThan(30);
    const failures: string[] = [];
    let cells = 0;
    let objects = await makeObjects();
    for (const route of routes) {
      const segment = route.url.split('/')[3]!;
      const kind = KIND_OF[segment]!;
      // A merge leaves the kept record waiting for confirmation, which refuses a second merge of it.
      const destructive =
        route.url.endsWith('/end') ||
        route.url.endsWith('/erase') ||
        route.url.endsWith('/withdraw') ||
        route.url.endsWith('/merge');
      for (const who of principals) {
        if (destructive) objects = await makeObjects(objects.import_job);
        const want = expected(route, who, kind, segment);
        const id = (objects as unknown as Record<string, { id: string }>)[kind]!.id;
        const step = route.url.includes(':itemId') ? await checklistStep(objects.opportunity.id) : null;
        const url = route.url
          .replace(':id', id)
          .replace(':code', objects.profile.code)
          .replace(':consentId', objects.consentId)
          .replace(':itemId', step?.id ?? '');
        const payload = await bodyFor(route.method, route.url, objects, kind);
        const res = await t.call(who.caller, {
          method: route.method as 'GET',
          url,
          headers: who.apiKey ? { 'x-api-key': who.apiKey } : {},
          ...(payload ? { payload } : {}),
        });
        cells++;
        // An outcome for a candidate never approved is refused by the outcome rules (409), which are
        // judged only once access is granted: for this matrix that is access allowed.
        const refusedByOutcomeRules =
          route.url.endsWith('/outcomes') &&
          res.statusCode === 409 &&
          res.json()?.error?.code === 'OUTCOME_SEQUENCE_INVALID';
        // A team already locked (or not locked) by the previous cell is refused by the lock's state, also
        // judged only once access is granted.
        const refusedByLockState =
          route.url.includes('/team/') &&
          res.statusCode === 409 &&
          ['TEAM_LOCKED', 'TEAM_NOT_LOCKED'].includes(res.json()?.error?.code);
        const ok =
          want === 'allowed'
            ? res.statusCode < 300 || refusedByOutcomeRules || refusedByLockState
            : res.statusCode === want;
        if (!ok)
          failures.push(
            `${who.name} ${route.method} ${route.url} → ${res.statusCode} (want ${want}) ${res.body.slice(0, 160)}`,
          );
      }
    }
    expect(failures).toEqual([]);
    expect(cells).toBe(routes.length * principals.length);
    console.info(
      `object matrix: ${cells} cells asserted over ${routes.length} routes × ${principals.length} principals`,
    );
  });

  it('creates records only in the caller’s own desk or firm', { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    const bodies = (deskId: string, firmId: string): Record<string, object> => ({
      profiles: profilePayload(deskId),
      assets: {
        deskId,
        inventoryNumber: `INV-${Math.random().toString(36).slice(2)}`,
        kind: 'machine',
        category: 'machine_tools',
        title: 'Tornio',
        municipality: PLACES.laSpezia,
        availability: 'sale',
      },
      firms: {
        deskId,
        vatNumber: partitaIva(),
        name: `Officina ${Math.random()}`,
        country: 'IT',
        naceCode: '25.62',
        municipality: PLACES.laSpezia,
      },
      'crisis-cases': {
        deskId,
        externalRef: `C-${Math.random().toString(36).slice(2)}`,
        firmId,
        title: 'Crisi',
        procedure: 'liquidazione_giudiziale',
        municipality: PLACES.laSpezia,
        openedOn: '2026-01-01',
        workersAffected: 3,
      },
      opportunities: {
        deskId,
        kind: 'wbo',
        title: 'WBO',
        municipality: PLACES.laSpezia,
        roles: [{ occupationUri: ESCO.welder, count: 1 }],
      },
      needs: {
        type: 'job',
        firmId,
        title: 'Saldatore',
        municipality: PLACES.laSpezia,
        occupationUri: ESCO.welder,
        positions: 1,
      },
    });
    let cells = 0;
    for (const route of t.app.routeTable.filter(
      (r) => r.method === 'POST' && /^\/api\/v1\/[a-z-]+$/.test(r.url),
    )) {
      const collection = route.url.split('/')[3]!;
      const kind = KIND_OF[collection];
      if (!kind || kind === 'import_job') continue;
      for (const who of principals) {
        for (const [target, deskId, firmId] of [
          ['own', deskA, firmF],
          ['foreign', deskB, firmG],
        ] as const) {
          const want: Expected = (() => {
            if (who.role === 'anonymous') return 401;
            if (route.access !== 'signed_in' && route.access !== 'public' && !route.access.includes(who.role))
              return 403;
            if (who.role === 'partner' && !who.scopes!.includes(collection)) return 403;
            // Needs take their desk from the caller (or the firm); firms of companies are registered by staff.
            const owner =
              kind === 'need'
                ? { deskId: who.principal!.deskId ?? deskId, firmId }
                : { deskId, firmId: null };
            return allows(who.principal!, 'write', kind, owner) ? 'allowed' : 403;
          })();
          const res = await t.call(who.caller, {
            method: 'POST',
            url: route.url,
            headers: who.apiKey ? { 'x-api-key': who.apiKey } : {},
            payload: bodies(deskId, firmId)[collection]!,
          });
          cells++;
          const ok = want === 'allowed' ? res.statusCode === 201 : res.statusCode === want;
          if (!ok)
            failures.push(
              `${who.name} creates a ${kind} of the ${target} desk → ${res.statusCode} (want ${want}) ${res.body.slice(0, 160)}`,
            );
        }
      }
    }
    expect(failures).toEqual([]);
    console.info(`object matrix (creation): ${cells} cells asserted`);
  });

  it('lists only what each principal may read', async () => {
    await makeObjects();
    const failures: string[] = [];
    for (const [collection, kind] of Object.entries(KIND_OF)) {
      if (kind === 'import_job') continue;
      for (const who of principals.filter((w) => w.role !== 'anonymous')) {
        const res = await t.call(who.caller, {
          method: 'GET',
          url: `/api/v1/${collection}?limit=100`,
          headers: who.apiKey ? { 'x-api-key': who.apiKey } : {},
        });
        if (res.statusCode !== 200) continue; // role or scope refused: covered by the route × role matrix
        for (const item of res.json().items as { id: string; deskId: string | null; firmId?: string }[]) {
          const owner = { deskId: item.deskId, firmId: kind === 'firm' ? item.id : (item.firmId ?? null) };
          if (!allows(who.principal!, 'read', kind, owner))
            failures.push(`${who.name} lists ${kind} ${item.id}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });
});

/** A random partita IVA with a valid check digit (firms must have one, and a unique one). */
function partitaIva(): string {
  const digits = Array.from({ length: 10 }, () => Math.floor(Math.random() * 10));
  const sum = digits.reduce((acc, d, i) => acc + (i % 2 === 0 ? d : d * 2 > 9 ? d * 2 - 9 : d * 2), 0);
  return [...digits, (10 - (sum % 10)) % 10].join('');
}
