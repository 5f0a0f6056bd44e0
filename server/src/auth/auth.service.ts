import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Database, DbOrTx } from '../db/client.js';
import { apiKeys, auditLog, passwordResetTokens, sessions, signInThrottle, users } from '../db/schema.js';
import type { Role } from '../domain/vocabulary.js';
import { AppError, ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { changeVersioned } from '../modules/shared/versioned.js';
import { hashPassword, verifyPassword } from './passwords.js';
import { createResetMailQueue, type ResetMailQueueOptions } from './reset-mail-queue.js';
import type { Principal } from './principal.js';
import type { SessionCache } from './session-cache.js';
import type { AuthPolicy } from './auth-policy.js';
import { createSignInThrottle } from './sign-in-throttle.js';
import { hashToken, hmac, newToken, safeEqual } from './tokens.js';

export const SESSION_COOKIE = 'rilancio_session';

export type { AuthPolicy };

export const DEFAULT_AUTH_POLICY: AuthPolicy = {
  sessionHours: 8,
  maxFailedSignIns: 5,
  lockMinutes: 15,
  accountCeiling: 30,
  slowSeconds: 10,
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
  /**
   * How the reset-mail queue logs and retries (its `deliver` is this service's). Reset mails leave out of
   * the request, from a table in the database; `resetMails.start()` begins sending.
   */
  resetMails?: Omit<ResetMailQueueOptions, 'deliver' | 'now'>;
  /** Sessions already looked up (the embedded database only: see SessionCache). */
  sessionCache?: SessionCache;
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

/** What an admin sees of an account. */
const userView = (u: typeof users.$inferSelect) => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  role: u.role,
  deskId: u.deskId,
  firmId: u.firmId,
  endedAt: u.endedAt ? u.endedAt.toISOString() : null,
  version: u.version,
});

const USER_SPEC = { entity: 'user', table: users } as const;

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
  const adminAudit = (
    action: string,
    principal: Principal,
    userId: string,
    details: Record<string, unknown> = {},
  ) =>
    db.insert(auditLog).values({
      action,
      actorUserId: principal.userId,
      actorRole: principal.role,
      subjectType: 'user',
      subjectId: userId,
      details,
    });
  const revokeSessions = (tx: DbOrTx, userId: string) =>
    tx
      .update(sessions)
      .set({ revokedAt: now() })
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
  async function getUser(id: string) {
    const [row] = await db.select().from(users).where(eq(users.id, id));
    if (!row) throw new NotFoundError('user', id);
    return userView(row);
  }
  /** An admin cannot end or demote their own account: the last admin would lock everyone out. */
  function notOwnAccount(id: string, principal: Principal) {
    if (principal.userId === id)
      throw new ConflictError('OWN_ACCOUNT', 'Ask another admin to change or end your own account');
  }
  // Throttle keys are HMACs: the table holds no address or IP, and unknown addresses get rows too.
  const throttleKey = (kind: 'account' | 'pair', value: string) => hmac(secret, `sign-in:${kind}:${value}`);
  const throttle = createSignInThrottle(db, policy, now);
  const resetMails = createResetMailQueue(db, {
    ...deps.resetMails,
    now,
    deliver: (email) => sendResetMail(email),
  });

  /**
   * A queued reset mail: nothing is sent for an address without a live account. The link is minted
   * here, when the mail leaves, so the queue never holds a usable token (reset-mail-queue.ts).
   */
  async function sendResetMail(email: string) {
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
    try {
      await deps.email.send({
        to: user.email,
        subject: 'Rilancio — reimpostazione password / réinitialisation du mot de passe',
        text: `${deps.publicUrl}/reset-password?token=${token}`,
      });
    } catch (error) {
      await audit('auth.password_reset.mail_failed', user.id);
      throw error;
    }
    await audit('auth.password_reset.requested', user.id);
  }

  return {
    csrfFor,

    checkCsrf(principal: Principal, token: string | undefined): boolean {
      if (principal.via !== 'session' || !principal.sessionTokenHash) return true;
      return !!token && safeEqual(token, csrfFor(principal.sessionTokenHash));
    },

    async signIn(email: string, password: string, ip: string) {
      const address = email.toLowerCase();
      const account = throttleKey('account', address);
      // Counted before the password is checked, in one statement each: concurrent guesses cannot slip
      // past the limit, and the steps do not depend on whether the address has an account.
      await throttle.pairAttempt(account, throttleKey('pair', `${address}\n${ip}`));
      await throttle.accountAttempt(account);
      const [user] = await db
        .select()
        .from(users)
        .where(sql`lower(${users.email}) = ${address}`);
      // Always one argon2 verification (a dummy one for an unknown address), so timing tells nothing.
      const verified = await verifyPassword(user?.passwordHash ?? null, password);
      if (!user || user.endedAt || !verified) {
        await audit('auth.sign_in.failed', user?.id ?? null, { ip });
        throw signInFailed();
      }
      await throttle.succeeded(account, throttleKey('pair', `${address}\n${ip}`));
      const token = newToken();
      const tokenHash = hashToken(token);
      const expiresAt = new Date(now().getTime() + policy.sessionHours * 3_600_000);
      await db
        .insert(sessions)
        .values({ tokenHash, userId: user.id, expiresAt, createdAt: now(), lastSeenAt: now() });
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
      const cache = deps.sessionCache;
      const known = cache?.get(tokenHash, now());
      if (known) return known;
      const generation = cache?.generation;
      const [row] = await db
        .select({ user: users, expiresAt: sessions.expiresAt })
        .from(sessions)
        .innerJoin(users, eq(users.id, sessions.userId))
        .where(
          and(eq(sessions.tokenHash, tokenHash), isNull(sessions.revokedAt), gt(sessions.expiresAt, now())),
        );
      if (!row || row.user.endedAt) return null;
      const principal: Principal = Object.freeze({
        userId: row.user.id,
        role: row.user.role as Role,
        deskId: row.user.deskId,
        firmId: row.user.firmId,
        via: 'session',
        sessionTokenHash: tokenHash,
      });
      cache?.set(tokenHash, principal, row.expiresAt, generation!);
      return principal;
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
      await revokeSessions(db, principal.userId);
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

    /**
     * Always answers the same way, at once, whether the e-mail exists or not: the request only queues the
     * address (the same insert for every address); the lookup and the mail happen after the answer, so
     * neither a failing nor a slow relay tells the caller anything, and a crash loses no mail.
     */
    requestPasswordReset(email: string): Promise<void> {
      return resetMails.enqueue(email);
    },

    /** The durable queue reset mails leave from: start it with the app, stop it before the database closes. */
    resetMails,

    async resetPassword(token: string, password: string) {
      const passwordHash = await hashPassword(password);
      const userId = await db.transaction(async (tx) => {
        const at = now();
        // Claimed in one statement, so two concurrent uses of one link cannot both succeed.
        const [row] = await tx
          .update(passwordResetTokens)
          .set({ usedAt: at })
          .where(
            and(
              eq(passwordResetTokens.tokenHash, hashToken(token)),
              isNull(passwordResetTokens.usedAt),
              gt(passwordResetTokens.expiresAt, at),
            ),
          )
          .returning();
        if (!row) throw new AppError('RESET_TOKEN_INVALID', 'This reset link is not valid any more', 400);
        // Every other link sent to this user dies too: an older mail must not reset the new password.
        await tx
          .update(passwordResetTokens)
          .set({ usedAt: at })
          .where(and(eq(passwordResetTokens.userId, row.userId), isNull(passwordResetTokens.usedAt)));
        const [user] = await tx
          .update(users)
          .set({ passwordHash, updatedAt: at })
          .where(and(eq(users.id, row.userId), isNull(users.endedAt)))
          .returning();
        if (!user) throw new AppError('RESET_TOKEN_INVALID', 'This reset link is not valid any more', 400);
        // A new password ends every session: whoever knew the old one is signed out.
        await revokeSessions(tx, row.userId);
        // …and lifts the lockouts on the address: the owner has just proved who they are.
        await tx
          .delete(signInThrottle)
          .where(eq(signInThrottle.account, throttleKey('account', user.email.toLowerCase())));
        return row.userId;
      });
      await audit('auth.password_reset.done', userId);
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
      return rows.map(userView);
    },

    /**
     * Ends an account (someone left): sessions and the API keys the user created stop working on the very
     * next request. The row stays, for the audit trail.
     */
    async endUser(id: string, version: number, principal: Principal) {
      notOwnAccount(id, principal);
      const revokedKeys = await db.transaction(async (tx) => {
        await changeVersioned(tx, USER_SPEC, id, version, () => ({ endedAt: now() }));
        await revokeSessions(tx, id);
        // Keys are shown once, to whoever created them: they leave with that person.
        return tx
          .update(apiKeys)
          .set({ revokedAt: now() })
          .where(and(eq(apiKeys.createdBy, id), isNull(apiKeys.revokedAt)))
          .returning({ id: apiKeys.id });
      });
      await adminAudit('user.ended', principal, id, { revokedApiKeys: revokedKeys.map((k) => k.id) });
      return getUser(id);
    },

    /** Moves an account to another role, desk or firm; its sessions end, so nothing runs on old rights. */
    async changeUser(
      id: string,
      patch: { version: number; role?: Role; deskId?: string | null; firmId?: string | null },
      principal: Principal,
    ) {
      notOwnAccount(id, principal);
      const { version, ...fields } = patch;
      const before = await db.transaction(async (tx) => {
        const { current } = await changeVersioned<typeof users.$inferSelect>(
          tx,
          USER_SPEC,
          id,
          version,
          (current) => {
            assertRoleFits({ ...current, ...fields });
            return fields;
          },
        );
        await revokeSessions(tx, id);
        return current;
      });
      await adminAudit('user.changed', principal, id, {
        from: { role: before.role, deskId: before.deskId, firmId: before.firmId },
        to: fields,
      });
      return getUser(id);
    },

    /** Signs a user out of every session (a lost laptop, a shared password). */
    async signOutUser(id: string, principal: Principal) {
      await getUser(id);
      await revokeSessions(db, id);
      await adminAudit('user.signed_out_everywhere', principal, id);
    },

    /** Resolves when the reset-mail pass under way, if any, is done. */
    idle: () => resetMails.idle(),

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

/** Operators need a desk and company accounts a firm, whatever their role was before. */
function assertRoleFits(u: { role: string; deskId: string | null; firmId: string | null }) {
  if (u.role === 'operator' && !u.deskId)
    throw new ValidationError([{ path: 'body.deskId', reason: 'an operator belongs to a desk' }]);
  if (u.role === 'company' && !u.firmId)
    throw new ValidationError([{ path: 'body.firmId', reason: 'a company account belongs to a firm' }]);
}
