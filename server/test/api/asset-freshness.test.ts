import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { queryRows } from '../../src/db/raw.js';
import { assets, outbox } from '../../src/db/schema.js';
import { seedDemoData } from '../../src/demo/demo.seeder.js';
import { expireAuctions, expireAuctionsOnce } from '../../src/modules/assets/auction-expiry.js';
import { DEFAULT_ASSET_FRESHNESS, verificationOf } from '../../src/modules/assets/freshness.js';
import { loadReferenceData } from '../../src/reference/reference.loader.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, PLACES } from '../helpers/factories.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reference');
const DAY = 86_400_000;
const daysAgo = (n: number) => new Date(Date.now() - n * DAY);
const dayOffset = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);

let t: TestApp;
let operator: Caller;
let deskId: string;

const asset = (title: string, overrides: Record<string, unknown> = {}) => ({
  deskId,
  inventoryNumber: `FRS-${Math.random().toString(36).slice(2, 8)}`,
  kind: 'building',
  category: 'warehouse',
  title,
  municipality: PLACES.laSpezia,
  availability: 'lease',
  rentEurMonth: 3000,
  status: 'available',
  ...overrides,
});

async function create(payload: object): Promise<{ id: string; version: number }> {
  const res = await t.call(operator, { method: 'POST', url: '/api/v1/assets', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

async function verifiedOn(a: { id: string; version: number }, when: Date) {
  const res = await t.call(operator, {
    method: 'PATCH',
    url: `/api/v1/assets/${a.id}`,
    payload: { version: a.version, lastVerifiedAt: when.toISOString() },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

const search = async (query: string) => {
  const res = await t.call(operator, { method: 'GET', url: `/api/v1/search/assets?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().hits as { id: string; doc: { verification?: string; status: string } }[];
};

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(t.database.handle.db)).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

describe('listing freshness', () => {
  it('reads its periods from the configuration, and refuses hiding before flagging', () => {
    expect(loadConfig({}).assetFreshness).toEqual({ verifyAfterDays: 180, hideAfterDays: 365 });
    expect(loadConfig({ ASSET_VERIFY_AFTER_DAYS: '30', ASSET_HIDE_AFTER_DAYS: '90' }).assetFreshness).toEqual(
      { verifyAfterDays: 30, hideAfterDays: 90 },
    );
    expect(() => loadConfig({ ASSET_VERIFY_AFTER_DAYS: '90', ASSET_HIDE_AFTER_DAYS: '90' })).toThrow(
      /ASSET_HIDE_AFTER_DAYS/,
    );
    expect(() => loadConfig({ ASSET_VERIFY_AFTER_DAYS: '0' })).toThrow(ConfigError);
  });

  it('counts from the last verification, or from creation when never verified', () => {
    const now = new Date('2026-12-02T10:00:00Z');
    const f = DEFAULT_ASSET_FRESHNESS;
    expect(verificationOf(new Date('2026-06-10T10:00:00Z'), now, f)).toBe('current');
    expect(verificationOf(new Date('2026-06-01T10:00:00Z'), now, f)).toBe('to_verify');
    expect(verificationOf(new Date('2025-12-01T10:00:00Z'), now, f)).toBe('out_of_search');
  });

  it('flags an old listing, takes a very old one out of the default search, and an explicit filter finds it', async () => {
    const fresh = await create(asset('Capannone verificato di recente'));
    const flagged = await verifiedOn(await create(asset('Capannone da verificare')), daysAgo(200));
    const hidden = await verifiedOn(await create(asset('Capannone dimenticato')), daysAgo(400));
    await t.relay.drain();
    expect(flagged.verification).toBe('to_verify');
    expect(hidden.verification).toBe('out_of_search');
    const view = await t.call(operator, { method: 'GET', url: `/api/v1/assets/${fresh.id}` });
    expect(view.json().verification).toBe('current');

    const byDefault = await search('q=Capannone&limit=50');
    const ids = byDefault.map((h) => h.id);
    expect(ids).toContain(fresh.id);
    expect(ids).toContain(flagged.id);
    expect(ids).not.toContain(hidden.id);
    expect(byDefault.find((h) => h.id === flagged.id)!.doc.verification).toBe('to_verify');
    expect(byDefault.find((h) => h.id === fresh.id)!.doc.verification).toBe('current');

    const old = await search(`q=Capannone&limit=50&verifiedAt=..${dayOffset(-365)}`);
    expect(old.map((h) => h.id)).toEqual([hidden.id]);
    expect(old[0]!.doc.verification).toBe('out_of_search');

    // Verifying it again brings it back.
    await verifiedOn(hidden, new Date());
    await t.relay.drain();
    expect((await search('q=Capannone&limit=50')).map((h) => h.id)).toContain(hidden.id);
  });
});

describe('auction expiry', () => {
  it('expires available auctions past their date through the versioned write, once', async () => {
    const db = t.database.handle.db;
    const past = await create(
      asset('Asta di una pressa', {
        availability: 'auction',
        rentEurMonth: undefined,
        priceEur: 10000,
        availableFrom: dayOffset(-40),
        availableUntil: dayOffset(-2),
      }),
    );
    const future = await create(
      asset('Asta di una gru', {
        availability: 'auction',
        rentEurMonth: undefined,
        priceEur: 10000,
        availableFrom: dayOffset(-40),
        availableUntil: dayOffset(10),
      }),
    );
    const reserved = await create(
      asset('Asta riservata', {
        availability: 'auction',
        rentEurMonth: undefined,
        priceEur: 10000,
        status: 'reserved',
        availableFrom: dayOffset(-40),
        availableUntil: dayOffset(-2),
      }),
    );
    const lease = await create(
      asset('Locazione scaduta', { availableFrom: dayOffset(-40), availableUntil: dayOffset(-2) }),
    );
    await t.relay.drain();

    const run = await expireAuctionsOnce(t.database.handle);
    expect(run).toEqual({ acquired: true, value: { expired: 1, skipped: 0 } });
    const status = async (id: string) =>
      (
        await db
          .select({ status: assets.status, version: assets.version })
          .from(assets)
          .where(eq(assets.id, id))
      )[0]!;
    expect(await status(past.id)).toEqual({ status: 'expired', version: past.version + 1 });
    expect((await status(future.id)).status).toBe('available');
    expect((await status(reserved.id)).status).toBe('reserved');
    expect((await status(lease.id)).status).toBe('available');
    const events = await db
      .select()
      .from(outbox)
      .where(and(eq(outbox.aggregateType, 'asset'), eq(outbox.aggregateId, past.id)));
    expect(events.map((e) => e.version)).toContain(past.version + 1);

    // Idempotent: nothing left to expire.
    expect(await expireAuctions(db)).toEqual({ expired: 0, skipped: 0 });

    await t.relay.drain();
    const available = await search('q=Asta&status=available&limit=50');
    expect(available.map((h) => h.id)).not.toContain(past.id);
    expect(available.map((h) => h.id)).toContain(future.id);
    const expired = await search('q=Asta&status=expired&limit=50');
    expect(expired.map((h) => h.id)).toEqual([past.id]);
  });
});

describe("the demo's auctions", () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await handle.migrate();
    await loadReferenceData(handle.db, FIXTURE);
    await seedDemoData(handle.db, { profiles: 200, assets: 300, needs: 40, firms: 40, opportunities: 12 });
  }, 180_000);
  afterAll(() => handle?.close());

  it('no longer show as available once their date has passed', async () => {
    const pastAvailable = () =>
      queryRows<{ n: number }>(
        handle.db,
        sql`select count(*)::int as n from assets
            where availability = 'auction' and status = 'available' and available_until < ${'2026-12-02'}`,
      );
    const before = (await pastAvailable())[0]!.n;
    expect(before).toBeGreaterThan(0);
    const report = await expireAuctions(handle.db, new Date('2026-12-02T09:00:00Z'));
    expect(report.expired).toBe(before);
    expect((await pastAvailable())[0]!.n).toBe(0);
    // The auctions still ahead stay on offer.
    const ahead = await queryRows<{ n: number }>(
      handle.db,
      sql`select count(*)::int as n from assets
          where availability = 'auction' and status = 'available' and available_until >= ${'2026-12-02'}`,
    );
    expect(ahead[0]!.n).toBeGreaterThan(0);
  }, 60_000);
});
