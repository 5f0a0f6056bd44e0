import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { apiKeys, auditLog, passwordResetTokens, sessions, users } from '../db/schema.js';
import type { Role } from '../domain/vocabulary.js';
import { AppError, NotFoundError } from '../errors.js';
import { hashPassword, verifyPassword } from './passwords.js';
import type { Principal } from './principal.js';
import { hashToken, hmac, newToken, safeEqual } from './tokens.js';

export const SESSION_COOKIE = 'rilancio_session';

export interface AuthPolicy {
  sessionHours: number;
  /** Failed sign-ins before the account is locked for `lockMinutes`. */
  maxFailedSignIns: number;
  lockMinutes: number;
  resetTokenMinutes: number;
}
export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  sessionHours: 8,
  maxFailedSignIns: 5,
  lockMinutes: 15,
  resetTokenMinutes: 30,
};

/** Where password-reset links go: logged in development, an SMTP or API adapter in production. */
export interface EmailPort {
  send(message: { to: string; subject: string; text: string }): Promise<void>;
}

export const API_KEY_SCOPES = ['profiles', 'assets', 'firms', 'needs', 'opportunities', 'imports'] as const;

interface AuthDeps {
  db: Database;
  /** Keys the CSRF token to the session; from SESSION_SECRET. */
  secret: string;
  email: EmailPort;
  publicUrl: string;
  policy?: AuthPolicy;
  now?: () => Date;
}

/** What a signed-in user learns about their own account. */
const sessionUser = (u: typeof users.$inferSelect) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  deskId: u.deskId,
  firmId: u.firmId,
  locale: u.locale,
});

const signInFailed = () => new AppError('SIGN_IN_FAILED', 'E-mail or password is wrong', 401);

/**
 * Accounts and sessions. Passwords are argon2id hashes; sessions live in the database and the cookie holds
 * a random token whose SHA-256 is the key; writes made with a session cookie must carry a CSRF token that
 * is an HMAC of the session. API keys for partner systems are shown once and stored hashed.
 */
export function createAuthService(deps: AuthDeps) {
  const { db, secret } = deps;
  const policy = deps.policy ?? DEFAULT_AUTH_POLICY;
  const now = deps.now ?? (() => new Date());
  const audit = (action: string, actorUserId: string | null, details: Record<string, unknown> = {}) =>
    db.insert(auditLog).values({ action, actorUserId, subjectType: 'user', subjectId: actorUserId, details });

  function csrfFor(tokenHash: string) {
    return hmac(secret, `csrf:${tokenHash}`);
  }

  return {
    csrfFor,

    checkCsrf(principal: Principal, token: string | undefined): boolean {
      if (principal.via !== 'session' || !principal.sessionTokenHash) return true;
      return !!token && safeEqual(token, csrfFor(principal.sessionTokenHash));
    },

    async signIn(email: string, password: string, ip: string) {
      const [user] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      if (user?.lockedUntil && user.lockedUntil > now()) {
        await verifyPassword(null, password);
        await audit('auth.sign_in.locked', user.id, { ip });
        throw new AppError('ACCOUNT_LOCKED', 'Too many failed attempts; try again later', 429, [], {
          'retry-after': String(Math.ceil((user.lockedUntil.getTime() - now().getTime()) / 1000)),
        });
      }
      const ok = user && !user.endedAt && (await verifyPassword(user.passwordHash, password));
      if (!user || !ok) {
        if (!user) await verifyPassword(null, password);
        if (user) {
          const failed = user.failedSignIns + 1;
          const lock = failed >= policy.maxFailedSignIns;
          await db
            .update(users)
            .set({
              failedSignIns: lock ? 0 : failed,
              lockedUntil: lock ? new Date(now().getTime() + policy.lockMinutes * 60_000) : user.lockedUntil,
            })
            .where(eq(users.id, user.id));
        }
        await audit('auth.sign_in.failed', user?.id ?? null, { ip });
        throw signInFailed();
      }
      const token = newToken();
      const tokenHash = hashToken(token);
      const expiresAt = new Date(now().getTime() + policy.sessionHours * 3_600_000);
      await db
        .insert(sessions)
        .values({ tokenHash, userId: user.id, expiresAt, createdAt: now(), lastSeenAt: now() });
      await db.update(users).set({ failedSignIns: 0, lockedUntil: null }).where(eq(users.id, user.id));
      await audit('auth.sign_in', user.id, { ip });
      return {
        token,
        expiresAt,
        csrfToken: csrfFor(tokenHash),
        user: sessionUser(user),
      };
    },

    /** The principal behind a session cookie, or null when it is unknown, expired or revoked. */
    async principalFromSession(token: string): Promise<Principal | null> {
      const tokenHash = hashToken(token);
      const [row] = await db
        .select({ user: users, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now())),
        );
      if (!row || row.user.endedAt) return null;
      return {
        userId: row.user.id,
        role: row.user.role as Role,
        deskId: row.user.deskId,
        firmId: row.user.firmId,
        via: 'session',
        sessionTokenHash: tokenHash,
      };
    },

    async signOut(principal: Principal) {
      if (principal.sessionTokenHash)
        await db
          .update(sessions)
          .set({ revokedAt: now() })
          .where(eq(sessions.tokenHash, principal.sessionTokenHash));
      await audit('auth.sign_out', principal.userId);
    },

    async signOutEverywhere(principal: Principal) {
      if (!principal.userId) return;
      await db
        .update(sessions)
        .set({ revokedAt: now() })
        .where(and(eq(sessions.userId, principal.userId), isNull(sessions.revokedAt)));
      await audit('auth.sign_out_everywhere', principal.userId);
    },

    async me(principal: Principal) {
      if (!principal.userId) throw new NotFoundError('user', 'me');
      const [user] = await db.select().from(users).where(eq(users.id, principal.userId));
      if (!user) throw new NotFoundError('user', principal.userId);
      return {
        user: sessionUser(user),
        csrfToken: principal.sessionTokenHash ? csrfFor(principal.sessionTokenHash) : null,
      };
    },

    /** Always answers the same way, whether the e-mail exists or not. */
    async requestPasswordReset(email: string) {
      const [user] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
      if (!user || user.endedAt) return;
      const token = newToken();
      await db.insert(passwordResetTokens).values({
        tokenHash: hashToken(token),
        userId: user.id,
        expiresAt: new Date(now().getTime() + policy.resetTokenMinutes * 60_000),
      });
      await deps.email.send({
        to: user.email,
        subject: 'Rilancio — reimpostazione password / réinitialisation du mot de passe',
        text: `${deps.publicUrl}/reset-password?token=${token}`,
      });
      await audit('auth.password_reset.requested', user.id);
    },

    async resetPassword(token: string, password: string) {
      const tokenHash = hashToken(token);
      const [row] = await db
        .select()
        .from(passwordResetTokens)
        .where(
          and(
            eq(passwordResetTokens.tokenHash, tokenHash),
            isNull(passwordResetTokens.usedAt),
            gt(passwordResetTokens.expiresAt, now()),
          ),
        );
      if (!row) throw new AppError('RESET_TOKEN_INVALID', 'This reset link is not valid any more', 400);
      await db.transaction(async (tx) => {
        await tx
          .update(passwordResetTokens)
          .set({ usedAt: now() })
          .where(eq(passwordResetTokens.tokenHash, tokenHash));
        await tx
          .update(users)
          .set({ passwordHash: await hashPassword(password), failedSignIns: 0, lockedUntil: null })
          .where(eq(users.id, row.userId));
        // A new password ends every session: whoever knew the old one is signed out.
        await tx
          .update(sessions)
          .set({ revokedAt: now() })
          .where(and(eq(sessions.userId, row.userId), isNull(sessions.revokedAt)));
      });
      await audit('auth.password_reset.done', row.userId);
    },

    async createApiKey(input: { deskId: string; name: string; scopes: string[] }, principal: Principal) {
      const prefix = newToken().slice(0, 8);
      const key = `rk_${prefix}_${newToken()}`;
      const [row] = await db
        .insert(apiKeys)
        .values({
          deskId: input.deskId,
          name: input.name,
          prefix,
          keyHash: hashToken(key),
          scopes: input.scopes,
          createdBy: principal.userId,
        })
        .returning();
      await audit('api_key.created', principal.userId, {
        apiKeyId: row!.id,
        deskId: input.deskId,
        scopes: input.scopes,
      });
      // The only time the key is ever shown.
      return { id: row!.id, key, prefix, deskId: row!.deskId, name: row!.name, scopes: row!.scopes };
    },

    async revokeApiKey(id: string, principal: Principal) {
      const [row] = await db.update(apiKeys).set({ revokedAt: now() }).where(eq(apiKeys.id, id)).returning();
      if (!row) throw new NotFoundError('api_key', id);
      await audit('api_key.revoked', principal.userId, { apiKeyId: id });
      return { id, revokedAt: row.revokedAt!.toISOString() };
    },

    async principalFromApiKey(key: string): Promise<Principal | null> {
      const [row] = await db
        .select()
        .from(apiKeys)
        .where(and(eq(apiKeys.keyHash, hashToken(key)), isNull(apiKeys.revokedAt)));
      if (!row) return null;
      await db.update(apiKeys).set({ lastUsedAt: now() }).where(eq(apiKeys.id, row.id));
      return {
        userId: null,
        role: 'partner',
        deskId: row.deskId,
        firmId: null,
        via: 'api_key',
        scopes: row.scopes,
        apiKeyId: row.id,
      };
    },

    async listUsers() {
      const rows = await db.select().from(users).orderBy(users.email);
      return rows.map((u) => ({
        id: u.id,
        email: u.email,
        displayName: u.displayName,
        role: u.role,
        deskId: u.deskId,
        firmId: u.firmId,
        endedAt: u.endedAt ? u.endedAt.toISOString() : null,
      }));
    },

    async createUser(input: {
      email: string;
      displayName: string;
      role: Role;
      deskId?: string | null;
      firmId?: string | null;
      password: string;
      locale?: 'it' | 'fr' | 'en';
      demo?: boolean;
    }) {
      const [row] = await db
        .insert(users)
        .values({
          email: input.email,
          displayName: input.displayName,
          role: input.role,
          deskId: input.deskId ?? null,
          firmId: input.firmId ?? null,
          passwordHash: await hashPassword(input.password),
          locale: input.locale ?? 'it',
          demo: input.demo ?? false,
        })
        .returning();
      return row!;
    },
  };
}
export type AuthService = ReturnType<typeof createAuthService>;
