import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assets, notifications, settings, users } from '../../src/db/schema.js';
import { createAlertsRuntime, type AlertsRuntimeOptions } from '../../src/modules/alerts/alerts-runtime.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, PLACES } from '../helpers/factories.js';

/**
 * The alerts runtime takes the deployment's configuration (ALERT_DEADLINE_DAYS, ASSET_*_AFTER_DAYS) as
 * server.ts passes it: the same record is or is not news depending on the configured values.
 */
const SECRET = 'test-secret-0123456789abcdef0123456789';
let t: TestApp;
let deskId: string;
let operator: Caller;
const db = () => t.database.handle.db;

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(db())).id;
  const [u] = await db()
    .insert(users)
    .values({ email: 'cfg.operator@example.org', displayName: 'Operatrice', role: 'operator', deskId })
    .returning();
  operator = { role: 'operator', deskId, userId: u!.id };
});
afterAll(async () => {
  await t?.close();
});

const runtime = (options: Partial<AlertsRuntimeOptions>) =>
  createAlertsRuntime(t.database.handle, { publicUrl: 'http://localhost', secret: SECRET, ...options });

async function asset(overrides: Record<string, unknown>) {
  const res = await t.call(operator, {
    method: 'POST',
    url: '/api/v1/assets',
    payload: {
      deskId,
      inventoryNumber: `INV-${Math.random().toString(36).slice(2)}`,
      kind: 'machine',
      category: 'machine_tools',
      title: 'Tornio a controllo numerico',
      municipality: PLACES.laSpezia,
      availability: 'auction',
      ...overrides,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}
const mine = async (searchId: string) =>
  (await db().select().from(notifications).where(eq(notifications.savedSearchId, searchId))).map(
    (n) => n.recordId,
  );

describe('alerts runtime configuration', () => {
  it('a listing hidden by the configured freshness is no news; with the defaults it is', async () => {
    const saved = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/alerts/searches',
      payload: { name: 'Torni', index: 'assets', query: { kind: 'machine', q: 'tornio' } },
    });
    expect(saved.statusCode, saved.body).toBe(201);
    const searchId = saved.json().id as string;
    const id = await asset({});
    // Last verified 40 days ago: inside the default search (365 days), out of one hiding after 30.
    const old = new Date(Date.now() - 40 * 86_400_000);
    await db().update(assets).set({ lastVerifiedAt: old }).where(eq(assets.id, id));

    const configured = runtime({ assetFreshness: { verifyAfterDays: 10, hideAfterDays: 30 } });
    await configured.evaluator.apply('asset', [id]);
    expect(await mine(searchId)).toEqual([]);

    const defaults = runtime({});
    await defaults.evaluator.apply('asset', [id]);
    expect(await mine(searchId)).toEqual([id]);
  });

  it('deadline alerts reach as far as ALERT_DEADLINE_DAYS', async () => {
    const saved = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/alerts/searches',
      payload: { name: 'Aste', index: 'assets', query: { availability: 'auction', q: 'carroponte' } },
    });
    const searchId = saved.json().id as string;
    const inTenDays = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10);
    const id = await asset({ title: 'Carroponte da 20 tonnellate', availableUntil: inTenDays });
    const daily = async (deadlineDays: number | undefined) => {
      await db().delete(notifications).where(eq(notifications.savedSearchId, searchId));
      await db().delete(settings).where(eq(settings.key, 'alerts.deadlines.lastRunDay'));
      await runtime(deadlineDays === undefined ? {} : { deadlineDays }).daily();
      return (await db().select().from(notifications).where(eq(notifications.savedSearchId, searchId)))
        .filter((n) => n.reason === 'deadline')
        .map((n) => n.recordId);
    };
    expect(await daily(undefined)).toEqual([id]); // default 14 days
    expect(await daily(7)).toEqual([]);
    expect(await daily(10)).toEqual([id]);
  });
});
