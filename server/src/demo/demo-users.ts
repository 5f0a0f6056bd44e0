import { asc, count, eq, sql } from 'drizzle-orm';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/client.js';
import { consents, desks, needs, profiles, users } from '../db/schema.js';

export const DEMO_PASSWORD = 'rilancio-demo';
export const DEMO_EMAILS = {
  admin: 'admin@demo.rilancio.eu',
  operator: 'operator@demo.rilancio.eu',
  marketing: 'marketing@demo.rilancio.eu',
  company: 'company@demo.rilancio.eu',
} as const;

/**
 * One account per role so anyone can try the demo (README lists them). Called only in demo mode, after the
 * demo data: the operator works at the first desk, the company account belongs to the firm with most needs.
 */
export async function ensureDemoUsers(db: Database): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(users).where(eq(users.demo, true));
  if ((existing?.n ?? 0) > 0) return 0;
  const [desk] = await db.select({ id: desks.id }).from(desks).orderBy(asc(desks.code)).limit(1);
  const [firm] = await db
    .select({ firmId: needs.firmId })
    .from(needs)
    .groupBy(needs.firmId)
    .orderBy(sql`count(*) desc`, needs.firmId)
    .limit(1);
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const rows = [
    { email: DEMO_EMAILS.admin, displayName: 'Demo admin', role: 'admin' },
    { email: DEMO_EMAILS.operator, displayName: 'Demo operator', role: 'operator', deskId: desk?.id ?? null },
    { email: DEMO_EMAILS.marketing, displayName: 'Demo marketing', role: 'marketing' },
    {
      email: DEMO_EMAILS.company,
      displayName: 'Demo company',
      role: 'company',
      firmId: firm?.firmId ?? null,
    },
  ];
  await db
    .insert(users)
    .values(rows.map((r) => ({ ...r, passwordHash, demo: true })))
    .onConflictDoNothing();
  return rows.length;
}

/**
 * Demo consents, so journey 3 shows companies their approved candidates: about 7 in 10 demo profiles agree
 * to share with companies, about 4 in 10 to be contacted (chosen by id, deterministically).
 */
export async function ensureDemoConsents(db: Database): Promise<number> {
  const [existing] = await db.select({ n: count() }).from(consents);
  if ((existing?.n ?? 0) > 0) return 0;
  const ids = (await db.select({ id: profiles.id }).from(profiles)).map((p) => p.id);
  const bucket = (id: string) => parseInt(id.replace(/-/g, '').slice(-4), 16) % 10;
  const rows = ids.flatMap((profileId) => [
    ...(bucket(profileId) < 7 ? [{ profileId, purpose: 'share_with_companies' }] : []),
    ...(bucket(profileId) < 4 ? [{ profileId, purpose: 'contact_by_companies' }] : []),
  ]);
  for (let i = 0; i < rows.length; i += 2000)
    await db
      .insert(consents)
      .values(
        rows
          .slice(i, i + 2000)
          .map((r) => ({ ...r, textVersion: 'demo-2026', language: 'it', channel: 'desk' })),
      );
  return rows.length;
}
