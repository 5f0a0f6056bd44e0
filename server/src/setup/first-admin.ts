import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/client.js';
import { auditLog, users } from '../db/schema.js';
import { ConflictError, ValidationError } from '../errors.js';

const InputSchema = z.strictObject({
  email: z.email().max(254),
  displayName: z.string().trim().min(1).max(200),
  password: z.string().min(12, 'at least 12 characters').max(200),
});

/**
 * The first administrator of a production install, made from the command line (`npm run admin:create`):
 * outside demo mode there is no other way in. Refuses an e-mail that already has an account, so running
 * it twice never changes someone's password behind their back.
 */
export async function createAdmin(
  db: Database,
  input: { email: string; displayName: string; password: string },
): Promise<{ id: string; email: string; firstAdmin: boolean }> {
  const parsed = InputSchema.safeParse(input);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((i) => ({ path: i.path.join('.'), reason: i.message })),
    );
  const { email, displayName, password } = parsed.data;
  const normalized = email.trim().toLowerCase();
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(sql`lower(${users.email})`, normalized));
  if (existing) throw new ConflictError('USER_EXISTS', `An account with e-mail ${normalized} exists already`);
  const [admins] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(users)
    .where(eq(users.role, 'admin'));
  const [row] = await db
    .insert(users)
    .values({ email: normalized, displayName, role: 'admin', passwordHash: await hashPassword(password) })
    .returning({ id: users.id, email: users.email });
  await db.insert(auditLog).values({
    action: 'user.admin_created_from_cli',
    subjectType: 'user',
    subjectId: row!.id,
    details: {},
  });
  return { ...row!, firstAdmin: (admins?.n ?? 0) === 0 };
}
