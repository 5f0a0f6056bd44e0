import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, savedSearches, users } from '../../src/db/schema.js';
import { createOutboxRelay, type OutboxRelay } from '../../src/indexing/outbox-relay.js';
import { hashToken } from '../../src/auth/tokens.js';
import { createAlertEvaluator } from '../../src/modules/alerts/alert-evaluator.js';
import { runDeadlineAlerts } from '../../src/modules/alerts/deadline-alerts.js';
import { sendDueDigests } from '../../src/modules/alerts/alert-digest.js';
import { unsubscribeToken } from '../../src/modules/alerts/alerts.service.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm, PLACES, profilePayload } from '../helpers/factories.js';

const SECRET = 'test-secret-0123456789abcdef0123456789';
let t: TestApp;
let deskId: string;
let alerts: OutboxRelay;
let evaluator: ReturnType<typeof createAlertEvaluator>;
let operator: Caller;
let otherOperator: Caller;
let marketing: Caller;
let company: Caller;

const db = () => t.database.handle.db;
async function makeUser(role: string, extra: Partial<typeof users.$inferInsert> = {}) {
  const [u] = await db()
    .insert(users)
    .values({
      email: `${role}.${Math.random().toString(36).slice(2)}@example.org`,
      displayName: `Utente ${role}`,
      role,
      ...extra,
    })
    .returning();
  return u!;
}

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(db())).id;
  const firmId = (await makeFirm(db())).id;
  operator = { role: 'operator', deskId, userId: (await makeUser('operator', { deskId })).id };
  otherOperator = {
    role: 'operator',
    deskId,
    userId: (await makeUser('operator', { deskId, locale: 'fr' })).id,
  };
  marketing = { role: 'marketing', deskId, userId: (await makeUser('marketing', { deskId })).id };
  company = { role: 'company', firmId, userId: (await makeUser('company', { firmId })).id };
  evaluator = createAlertEvaluator(db());
  // The deployment's one alerts reader of the change log, drained by the tests.
  alerts = createOutboxRelay(db(), null, {
    reader: { name: 'alerts-test', kind: 'shared' },
    alsoNotify: evaluator.apply,
  });
  await alerts.drain();
});
afterAll(async () => {
  await t?.close();
});

const save = (caller: Caller, payload: Record<string, unknown>) =>
  t.call(caller, { method: 'POST', url: '/api/v1/alerts/searches', payload });
const notificationsOf = async (caller: Caller) => {
  const res = await t.call(caller, { method: 'GET', url: '/api/v1/alerts/notifications' });
  expect(res.statusCode).toBe(200);
  return res.json() as {
    unread: number;
    items: Array<{ id: string; recordId: string; reason: string; label: string }>;
  };
};
const createAsset = async (overrides: Record<string, unknown> = {}) => {
  const res = await t.call(operator, {
    method: 'POST',
    url: '/api/v1/assets',
    payload: {
      deskId,
      inventoryNumber: `INV-${Math.random().toString(36).slice(2)}`,
      kind: 'building',
      category: 'warehouse',
      title: 'Capannone con banchina e carroponte',
      municipality: PLACES.laSpezia,
      availability: 'lease',
      coveredAreaM2: 2000,
      ...overrides,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
};

describe('saved searches: own and foreign', () => {
  it('creates, lists, renames and deletes only the caller’s own; someone else’s is 404', async () => {
    const res = await save(operator, {
      name: 'Capannoni',
      index: 'assets',
      query: { kind: 'building', limit: 5 },
    });
    expect(res.statusCode).toBe(201);
    const saved = res.json();
    expect(saved.query).toEqual({ kind: 'building' }); // paging is not part of a search
    expect(saved.lang).toBe('it');
    const mine = await t.call(operator, { method: 'GET', url: '/api/v1/alerts/searches' });
    expect(mine.json().map((s: { id: string }) => s.id)).toContain(saved.id);
    const theirs = await t.call(otherOperator, { method: 'GET', url: '/api/v1/alerts/searches' });
    expect(theirs.json().map((s: { id: string }) => s.id)).not.toContain(saved.id);
    for (const req of [
      { method: 'PATCH' as const, url: `/api/v1/alerts/searches/${saved.id}`, payload: { name: 'Rubato' } },
      { method: 'DELETE' as const, url: `/api/v1/alerts/searches/${saved.id}` },
    ])
      expect((await t.call(otherOperator, req)).statusCode).toBe(404);
    const renamed = await t.call(operator, {
      method: 'PATCH',
      url: `/api/v1/alerts/searches/${saved.id}`,
      payload: { name: 'Capannoni in Liguria' },
    });
    expect(renamed.json().name).toBe('Capannoni in Liguria');
    expect(
      (await t.call(operator, { method: 'DELETE', url: `/api/v1/alerts/searches/${saved.id}` })).statusCode,
    ).toBe(204);
    const [gone] = await db().select().from(savedSearches).where(eq(savedSearches.id, saved.id));
    expect(gone).toBeUndefined();
  });

  it('refuses bad input with 400 naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ name: '', index: 'assets', query: {} }, 'name'],
      [{ name: 'x', index: 'firms', query: {} }, 'index'],
      [{ name: 'x', index: 'assets', query: { coveredAreaM2: 'abc' } }, 'body.query.coveredAreaM2'],
      [{ name: 'x', index: 'assets', query: { nonsense: 'x' } }, 'body.query'],
      [{ name: 'x', index: 'assets', query: { radiusKm: 5 } }, 'body.query.radiusKm'],
    ];
    for (const [payload, field] of cases) {
      const res = await save(operator, payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(JSON.stringify(res.json().error.details)).toContain(field);
    }
  });

  it('refuses profile searches to roles that may not see single profiles', async () => {
    expect((await save(company, { name: 'Saldatori', index: 'profiles', query: {} })).statusCode).toBe(403);
    expect((await save(marketing, { name: 'Saldatori', index: 'profiles', query: {} })).statusCode).toBe(403);
    expect((await save(company, { name: 'Progetti', index: 'opportunities', query: {} })).statusCode).toBe(
      403,
    );
  });
});

describe('notifications from the change log', () => {
  it('a record entering a saved search makes exactly one notification; one not matching makes none', async () => {
    const res = await save(operator, {
      name: 'Impianti',
      index: 'assets',
      query: { kind: 'plant', q: 'frigorifero' },
    });
    expect(res.statusCode).toBe(201);
    const searchId = res.json().id;
    const before = (await notificationsOf(operator)).unread;
    const matching = await createAsset({
      kind: 'plant',
      category: 'cold_storage',
      title: 'Impianto frigorifero industriale',
    });
    await createAsset({ kind: 'plant', category: 'energy', title: 'Cabina elettrica' }); // wrong words
    await createAsset({
      kind: 'machine',
      category: 'cold_storage',
      title: 'Frigorifero da banco',
      coveredAreaM2: undefined,
    }); // wrong kind
    await alerts.drain();
    await alerts.drain(); // a replay adds nothing
    const after = await notificationsOf(operator);
    expect(after.unread).toBe(before + 1);
    const mine = await db().select().from(notifications).where(eq(notifications.savedSearchId, searchId));
    expect(mine.map((n) => [n.recordId, n.reason, n.label])).toEqual([
      [matching.id, 'new', 'Impianto frigorifero industriale'],
    ]);
    // Nobody else is told about it.
    expect((await notificationsOf(otherOperator)).items.map((n) => n.recordId)).not.toContain(matching.id);

    // Marked read, then changed again while still in the search: news again, once.
    const read = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/alerts/notifications/read',
      payload: { all: true },
    });
    expect(read.json().unread).toBe(0);
    const edited = await t.call(operator, {
      method: 'PATCH',
      url: `/api/v1/assets/${matching.id}`,
      payload: { version: matching.version, coveredAreaM2: 2500 },
    });
    expect(edited.statusCode).toBe(200);
    await alerts.drain();
    const again = await notificationsOf(operator);
    expect(again.unread).toBe(1);
    expect(again.items[0]!.reason).toBe('changed');
  });

  it('a profile change never notifies a company or marketing user, whatever their saved search says', async () => {
    const ok = await save(operator, {
      name: 'Nautica',
      index: 'profiles',
      query: { supplyChains: 'nautical_shipbuilding' },
    });
    expect(ok.statusCode).toBe(201);
    // Rows written as if those users had saved a profile search (a role changed since, or a bug elsewhere).
    for (const caller of [marketing, company])
      await db()
        .insert(savedSearches)
        .values({
          userId: caller.userId!,
          index: 'profiles',
          name: 'Tutti',
          query: { supplyChains: 'nautical_shipbuilding' },
          unsubscribeTokenHash: hashToken(`forged-${caller.role}`),
        });
    const profile = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/profiles',
      payload: profilePayload(deskId),
    });
    expect(profile.statusCode).toBe(201);
    await alerts.drain();
    expect((await notificationsOf(operator)).items.map((n) => n.recordId)).toContain(profile.json().id);
    for (const caller of [marketing, company]) {
      const rows = await db().select().from(notifications).where(eq(notifications.userId, caller.userId!));
      expect(rows).toEqual([]);
    }
    // Erasing the person takes the alerts about them (their id, their code) along.
    const erased = await t.call(operator, {
      method: 'POST',
      url: `/api/v1/profiles/${profile.json().id}/erase`,
      payload: { reason: 'data_subject_request' },
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(
      await db().select().from(notifications).where(eq(notifications.recordId, profile.json().id)),
    ).toEqual([]);
  });

  it('a company is told only about its own firm’s needs', async () => {
    const res = await save(company, { name: 'Nostri fabbisogni', index: 'needs', query: {} });
    expect(res.statusCode).toBe(201);
    expect(res.json().query).toEqual({});
    const otherFirm = (await makeFirm(db())).id;
    const needOf = async (firmId: string) => {
      const need = await t.call(operator, {
        method: 'POST',
        url: '/api/v1/needs',
        payload: {
          firmId,
          type: 'asset',
          title: 'Cerchiamo un capannone',
          assetKind: 'building',
          municipality: PLACES.laSpezia,
        },
      });
      expect(need.statusCode, need.body).toBe(201);
      return need.json().id as string;
    };
    await needOf(otherFirm);
    const own = await needOf(company.firmId!);
    await alerts.drain();
    const rows = await db().select().from(notifications).where(eq(notifications.userId, company.userId!));
    expect(rows.map((r) => r.recordId)).toEqual([own]);
  });
});

describe('needs and opportunities saved from their lists', () => {
  it('an operator is told of what their list shows: their desk’s records when the list is filtered on it, not another desk’s', async () => {
    const foreignDesk = (await makeDesk(db())).id;
    const foreignOperator: Caller = {
      role: 'operator',
      deskId: foreignDesk,
      userId: (await makeUser('operator', { deskId: foreignDesk })).id,
    };
    const firmId = (await makeFirm(db())).id;
    // What the needs and opportunities lists send ("Salva ricerca" keeps the list's query and filters).
    const needs = await save(operator, {
      name: 'Saldatori a tempo indeterminato',
      index: 'needs',
      query: { q: 'saldatore', type: 'job', contractType: 'permanent', deskId },
    });
    expect(needs.statusCode, needs.body).toBe(201);
    const opps = await save(operator, {
      name: 'WBO del mio sportello',
      index: 'opportunities',
      query: { kind: 'wbo', status: 'open', deskId },
    });
    expect(opps.statusCode, opps.body).toBe(201);
    const everyDesk = await save(operator, {
      name: 'Tutte le WBO',
      index: 'opportunities',
      query: { kind: 'wbo' },
    });
    expect(everyDesk.statusCode, everyDesk.body).toBe(201);

    const need = async (caller: Caller, contractType: string) => {
      const res = await t.call(caller, {
        method: 'POST',
        url: '/api/v1/needs',
        payload: {
          firmId,
          type: 'job',
          title: 'Saldatore TIG per cantiere navale',
          occupationUri: ESCO.welder,
          contractType,
          status: 'open',
          municipality: PLACES.laSpezia,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const opportunity = async (caller: Caller, desk: string) => {
      const res = await t.call(caller, {
        method: 'POST',
        url: '/api/v1/opportunities',
        payload: {
          deskId: desk,
          kind: 'wbo',
          status: 'open',
          title: 'WBO della carpenteria metallica',
          municipality: PLACES.laSpezia,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const ownNeed = await need(operator, 'permanent');
    await need(operator, 'seasonal'); // another contract: not in the list
    const foreignNeed = await need(foreignOperator, 'permanent');
    const ownOpp = await opportunity(operator, deskId);
    const foreignOpp = await opportunity(foreignOperator, foreignDesk);
    await alerts.drain();
    const told = async (searchId: string) =>
      (await db().select().from(notifications).where(eq(notifications.savedSearchId, searchId)))
        .map((n) => n.recordId)
        .sort();
    expect(await told(needs.json().id)).toEqual([ownNeed]);
    expect(await told(opps.json().id)).toEqual([ownOpp]);
    // Without the desk filter the list shows every desk's opportunities to an operator, and so do alerts.
    expect(await told(everyDesk.json().id)).toEqual([ownOpp, foreignOpp].sort());
    // The foreign desk's operator is told nothing of searches that are not theirs.
    expect(
      await db().select().from(notifications).where(eq(notifications.userId, foreignOperator.userId!)),
    ).toEqual([]);
    void foreignNeed;
  });
});

describe('deadline alerts', () => {
  it('alert once per search, record and deadline, within the configured days', async () => {
    const res = await save(otherOperator, {
      name: 'Aste',
      index: 'assets',
      query: { availability: 'auction' },
    });
    const searchId = res.json().id;
    const now = new Date('2026-12-02T08:00:00Z');
    const soon = await createAsset({
      availability: 'auction',
      availableUntil: '2026-12-10',
      title: 'Gru a ponte',
    });
    await createAsset({ availability: 'auction', availableUntil: '2027-03-01', title: 'Tornio lontano' });
    await alerts.drain();
    await db().delete(notifications).where(eq(notifications.savedSearchId, searchId));
    const first = await runDeadlineAlerts(db(), evaluator, { now, days: 14 });
    const second = await runDeadlineAlerts(db(), evaluator, { now, days: 14 });
    expect(first.assets).toBe(1);
    expect(second.assets).toBe(0);
    const rows = await db().select().from(notifications).where(eq(notifications.savedSearchId, searchId));
    expect(rows.map((r) => [r.recordId, r.reason, r.deadline])).toEqual([
      [soon.id, 'deadline', '2026-12-10'],
    ]);
  });
});

describe('digest and unsubscribe', () => {
  it('mails a digest at most daily in the user’s language, and the unsubscribe link works without a session', async () => {
    const sent: Array<{ to: string; subject: string; text: string }> = [];
    const email = { send: async (m: { to: string; subject: string; text: string }) => void sent.push(m) };
    const now = new Date();
    await sendDueDigests(db(), { email, publicUrl: 'http://localhost', secret: SECRET, now: () => now });
    const [fr] = await db().select().from(users).where(eq(users.id, otherOperator.userId!));
    const mail = sent.find((m) => m.to === fr!.email);
    expect(mail?.subject).toContain('nouveautés');
    expect(mail?.text).toContain('Gru a ponte');
    expect(mail?.text).toContain('http://localhost/assets?availability=auction');
    const again = sent.length;
    await sendDueDigests(db(), { email, publicUrl: 'http://localhost', secret: SECRET, now: () => now });
    expect(sent.length).toBe(again); // nothing new, and not twice a day

    const [search] = await db()
      .select()
      .from(savedSearches)
      .where(eq(savedSearches.userId, otherOperator.userId!));
    const link = mail!.text.match(/unsubscribe\?token=([\w-]+)/)![1]!;
    expect(link).toBe(unsubscribeToken(SECRET, search!.id));
    const res = await t.call(null, { method: 'GET', url: `/api/v1/alerts/unsubscribe?token=${link}` });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Vous ne recevrez plus');
    const [after] = await db().select().from(savedSearches).where(eq(savedSearches.id, search!.id));
    expect(after!.frequency).toBe('never');
    const bad = await t.call(null, {
      method: 'GET',
      url: `/api/v1/alerts/unsubscribe?token=${'x'.repeat(43)}`,
    });
    expect(bad.statusCode).toBe(404);
  });
});
