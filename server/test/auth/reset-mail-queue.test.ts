import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthService, type EmailPort } from '../../src/auth/auth.service.js';
import { hashToken } from '../../src/auth/tokens.js';
import type { QueryObserver } from '../../src/db/client.js';
import { auditLog, passwordResetMails, passwordResetTokens } from '../../src/db/schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * The password-reset mail queue lives in PostgreSQL (it lived in memory: a crash lost the mails). Each
 * "process" here is an auth service of its own on the same database, none of them started, so the test
 * decides when each one sends: nothing else touches the queue.
 */
let database: TestDatabase;
let observe: QueryObserver | undefined;
const db = () => database.handle.db;
let clock = new Date('2027-03-01T09:00:00Z');
const now = () => clock;
const later = (seconds: number) => (clock = new Date(clock.getTime() + seconds * 1000));

beforeAll(async () => {
  database = await createTestDatabase({ onQuery: (e) => observe?.(e) });
});
afterAll(() => database?.destroy());

type Mail = { to: string; text: string };
function instance(relay: { down?: boolean; mails?: Mail[]; delayMs?: number } = {}) {
  const mails = relay.mails ?? [];
  const email: EmailPort = {
    async send(m) {
      if (relay.delayMs) await new Promise((resolve) => setTimeout(resolve, relay.delayMs));
      if (relay.down) throw new Error(`connect ECONNREFUSED (to ${m.to})`);
      mails.push(m);
    },
  };
  const auth = createAuthService({
    db: db(),
    secret: 'test-secret-0123456789abcdef0123456789',
    email,
    publicUrl: 'http://localhost',
    now,
    resetMails: { baseDelaySeconds: 30, maxDelaySeconds: 600, maxAgeMinutes: 60 },
  });
  return { auth, mails, relay };
}

async function account(email: string) {
  const { auth } = instance();
  return auth.createUser({ email, displayName: email, role: 'marketing', password: 'an old passphrase!' });
}
const queued = () => db().select().from(passwordResetMails).orderBy(passwordResetMails.createdAt);
const tokenOf = (mail: Mail) => new URL(mail.text).searchParams.get('token')!;
const audits = (action: string, userId: string) =>
  db()
    .select()
    .from(auditLog)
    .where(sql`${auditLog.action} = ${action} and ${auditLog.actorUserId} = ${userId}`);

describe('password-reset mail queue', () => {
  it('survives a crash: another process sends the queued mail, and the link works', async () => {
    const user = await account('ines@desk.example.org');
    // Process A answers the request, then dies before sending.
    await instance().auth.requestPasswordReset('Ines@Desk.example.org');
    const [row] = await queued();
    expect(row).toMatchObject({ email: 'ines@desk.example.org', attempts: 0 });
    // No link exists yet: the queue holds the address, never a token.
    expect(
      await db().select().from(passwordResetTokens).where(eq(passwordResetTokens.userId, user.id)),
    ).toEqual([]);

    const b = instance();
    expect(await b.auth.resetMails.processDue()).toMatchObject({ handled: 1, failed: 0 });
    expect(b.mails.map((m) => m.to)).toEqual(['ines@desk.example.org']);
    expect(await queued()).toEqual([]);
    await b.auth.resetPassword(tokenOf(b.mails[0]!), 'a brand new passphrase');
    expect(await audits('auth.password_reset.done', user.id)).toHaveLength(1);
  });

  it('sends nothing for an address without an account, and forgets the address', async () => {
    await instance().auth.requestPasswordReset('nobody-ines@desk.example.org');
    const b = instance();
    expect(await b.auth.resetMails.processDue()).toMatchObject({ handled: 1 });
    expect(b.mails).toEqual([]);
    expect(await queued()).toEqual([]);
  });

  it('makes the request do the same work for a known and an unknown address', async () => {
    await account('jole@desk.example.org');
    const statements = async (email: string) => {
      const seen: string[] = [];
      observe = (e) => seen.push(e.sql);
      try {
        await instance().auth.requestPasswordReset(email);
      } finally {
        observe = undefined;
      }
      return seen;
    };
    const known = await statements('jole@desk.example.org');
    const unknown = await statements('nobody-jole@desk.example.org');
    expect(known.length).toBeGreaterThan(0);
    expect(unknown).toEqual(known);
    await db().delete(passwordResetMails);
  });

  it('retries a failing relay with backoff, minting a new link each time, then sends', async () => {
    const user = await account('karl@desk.example.org');
    const relay = { down: true, mails: [] as Mail[] };
    const sender = instance(relay);
    await sender.auth.requestPasswordReset('karl@desk.example.org');

    expect(await sender.auth.resetMails.processDue()).toMatchObject({ handled: 0, failed: 1 });
    let [row] = await queued();
    expect(row!.attempts).toBe(1);
    expect(row!.nextAttemptAt.getTime() - clock.getTime()).toBe(30_000);
    expect(await audits('auth.password_reset.mail_failed', user.id)).toHaveLength(1);
    // The link minted for the failed attempt is stored hashed; the queue row holds none of it.
    const [minted] = await db()
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.userId, user.id));
    expect(JSON.stringify(row)).not.toContain(minted!.tokenHash);

    later(10);
    expect(await sender.auth.resetMails.processDue()).toMatchObject({ handled: 0, failed: 0 });
    later(21);
    expect(await sender.auth.resetMails.processDue()).toMatchObject({ failed: 1 });
    [row] = await queued();
    expect(row!.attempts).toBe(2);
    expect(row!.nextAttemptAt.getTime() - clock.getTime()).toBe(60_000);

    relay.down = false;
    later(61);
    expect(await sender.auth.resetMails.processDue()).toMatchObject({ handled: 1 });
    expect(relay.mails).toHaveLength(1);
    expect(await queued()).toEqual([]);
    expect(await audits('auth.password_reset.requested', user.id)).toHaveLength(1);
    const [hash] = await db()
      .select()
      .from(passwordResetTokens)
      .where(eq(passwordResetTokens.tokenHash, hashToken(tokenOf(relay.mails[0]!))));
    expect(hash?.userId).toBe(user.id);
  });

  it('gives a mail up after an hour of failures', async () => {
    await account('lia@desk.example.org');
    const sender = instance({ down: true });
    await sender.auth.requestPasswordReset('lia@desk.example.org');
    expect(await sender.auth.resetMails.processDue()).toMatchObject({ failed: 1 });
    later(59 * 60);
    expect(await sender.auth.resetMails.processDue()).toMatchObject({ abandoned: 0, failed: 1 });
    later(2 * 60);
    expect(await sender.auth.resetMails.processDue()).toMatchObject({ abandoned: 1, failed: 0 });
    expect(await queued()).toEqual([]);
  });

  it('is shared by several processes: each mail leaves exactly once', async () => {
    const addresses = Array.from({ length: 12 }, (_, i) => `shared${i}@desk.example.org`);
    for (const a of addresses) await account(a);
    const asker = instance();
    for (const a of addresses) await asker.auth.requestPasswordReset(a);
    const mails: Mail[] = [];
    // Slow relays, so the senders' passes overlap (on PostgreSQL, SKIP LOCKED keeps them apart).
    const senders = [1, 2, 3].map(() => instance({ mails, delayMs: 20 }));
    const results = await Promise.all(senders.map((s) => s.auth.resetMails.processDue()));
    expect(results.reduce((n, r) => n + r.handled, 0)).toBe(addresses.length);
    expect(mails.map((m) => m.to).sort()).toEqual([...addresses].sort());
    expect(await queued()).toEqual([]);
  });

  it('drops requests past the queue limit without changing the answer, and logs it', async () => {
    const warnings: string[] = [];
    const limited = createAuthService({
      db: db(),
      secret: 'test-secret-0123456789abcdef0123456789',
      email: { send: async () => {} },
      publicUrl: 'http://localhost',
      now,
      resetMails: { maxQueued: 2, log: { warn: (_, message) => warnings.push(message), error: () => {} } },
    });
    for (let i = 0; i < 4; i++)
      await expect(limited.requestPasswordReset(`flood${i}@desk.example.org`)).resolves.toBeUndefined();
    expect(await queued()).toHaveLength(2);
    expect(warnings).toEqual([
      'password-reset mail queue full: request dropped',
      'password-reset mail queue full: request dropped',
    ]);
    await instance().auth.resetMails.processDue();
    expect(await queued()).toEqual([]);
  });
});
