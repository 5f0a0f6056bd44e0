import { randomUUID } from 'node:crypto';
import { and, count, eq, inArray, isNull } from 'drizzle-orm';
import { ForbiddenError, NotFoundError, ConflictError, ValidationError } from '../../errors.js';
import type { Database } from '../../db/client.js';
import { notifications, savedSearches, users } from '../../db/schema.js';
import type { Principal } from '../../auth/principal.js';
import type { AssetFreshness } from '../assets/index.js';
import { hashToken, hmac } from '../../auth/tokens.js';
import { engineQueryFor, searchQuerySchema } from '../search/index.js';
import type { AlertIndex } from './alert-matcher.js';
import { listNotifications, listSavedSearches, type SavedSearchRow } from './alerts.repository.js';
import { textsFor } from './alert-texts.js';

/** Paging and display parameters: not part of which records a search holds, so not saved. */
const NOT_SAVED = new Set(['limit', 'offset', 'facets']);
export const MAX_SAVED_SEARCHES = 200;

/** The unsubscribe token of a saved search: derived from the server key, so only its hash is stored. */
export const unsubscribeToken = (secret: string, savedSearchId: string) =>
  hmac(secret, `alerts-unsubscribe:${savedSearchId}`);

export interface SavedSearchInput {
  name: string;
  index: AlertIndex;
  query: Record<string, string | number | boolean>;
  frequency?: 'daily' | 'never';
}

const view = (row: SavedSearchRow) => ({
  id: row.id,
  name: row.name,
  index: row.index as AlertIndex,
  query: Object.fromEntries(Object.entries(row.query).map(([k, v]) => [k, String(v)])),
  frequency: row.frequency as 'daily' | 'never',
  lang: row.lang as 'it' | 'fr' | 'en',
  createdAt: row.createdAt.toISOString(),
  lastDigestAt: row.lastDigestAt?.toISOString() ?? null,
});

function ownerOf(principal: Principal): string {
  if (!principal.userId) throw new ForbiddenError('Saved searches belong to a signed-in user');
  return principal.userId;
}

/**
 * The query as the search route would take it, checked the same way (the route's schema, then the
 * service's own rules as this caller), and kept as the strings of its URL. Errors name body.query.<field>.
 */
function validatedQuery(
  index: AlertIndex,
  raw: SavedSearchInput['query'],
  principal: Principal,
  freshness: AssetFreshness | undefined,
) {
  const strings = Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, String(v)]));
  const parsed = searchQuerySchema(index).safeParse(strings);
  if (!parsed.success)
    throw new ValidationError(
      parsed.error.issues.map((issue) => ({
        path: ['body', 'query', ...issue.path.map(String)].join('.'),
        reason: issue.message,
      })),
    );
  const kept = Object.fromEntries(Object.entries(strings).filter(([k, v]) => !NOT_SAVED.has(k) && v !== ''));
  let built;
  try {
    built = engineQueryFor(index, kept, principal, freshness);
  } catch (error) {
    if (error instanceof ValidationError)
      throw new ValidationError(
        (error.details ?? []).map((d) => ({ ...d, path: d.path.replace(/^query/, 'body.query') })),
      );
    throw error;
  }
  // Alerts name single records: someone who sees people only as counts cannot be alerted to one.
  if (built.aggregatesOnly)
    throw new ForbiddenError('Your role sees profiles only as counts: no alerts on them');
  return kept;
}

export function createAlertsService(
  db: Database,
  options: { secret: string; assetFreshness?: AssetFreshness },
) {
  async function own(principal: Principal, id: string): Promise<SavedSearchRow> {
    const [row] = await db.select().from(savedSearches).where(eq(savedSearches.id, id));
    // Someone else's search does not exist, as far as this caller can tell.
    if (!row || row.userId !== ownerOf(principal)) throw new NotFoundError('saved_search', id);
    return row;
  }

  return {
    async create(principal: Principal, input: SavedSearchInput) {
      const userId = ownerOf(principal);
      const query = validatedQuery(input.index, input.query, principal, options.assetFreshness);
      const [user] = await db.select({ locale: users.locale }).from(users).where(eq(users.id, userId));
      if (!user) throw new ForbiddenError('Saved searches belong to a signed-in user');
      const [held] = await db
        .select({ n: count() })
        .from(savedSearches)
        .where(eq(savedSearches.userId, userId));
      if ((held?.n ?? 0) >= MAX_SAVED_SEARCHES)
        throw new ConflictError(
          'SAVED_SEARCH_LIMIT',
          `At most ${MAX_SAVED_SEARCHES} saved searches per user`,
        );
      const id = randomUUID();
      const [row] = await db
        .insert(savedSearches)
        .values({
          id,
          userId,
          index: input.index,
          name: input.name,
          query,
          frequency: input.frequency ?? 'daily',
          lang: user.locale,
          unsubscribeTokenHash: hashToken(unsubscribeToken(options.secret, id)),
        })
        .returning();
      return view(row!);
    },

    async list(principal: Principal) {
      return (await listSavedSearches(db, ownerOf(principal))).map(view);
    },

    async update(principal: Principal, id: string, patch: { name?: string; frequency?: 'daily' | 'never' }) {
      await own(principal, id);
      const [row] = await db
        .update(savedSearches)
        .set({ ...patch, updatedAt: new Date() })
        .where(eq(savedSearches.id, id))
        .returning();
      return view(row!);
    },

    async remove(principal: Principal, id: string) {
      await own(principal, id);
      await db.delete(savedSearches).where(eq(savedSearches.id, id));
    },

    async notifications(principal: Principal, query: { unread?: boolean; limit: number; offset: number }) {
      const { items, unread } = await listNotifications(db, ownerOf(principal), {
        unreadOnly: query.unread ?? false,
        limit: query.limit,
        offset: query.offset,
      });
      return {
        unread,
        items: items.map(({ n, searchName, searchIndex }) => ({
          id: n.id,
          savedSearchId: n.savedSearchId,
          savedSearchName: searchName,
          index: (searchIndex ?? null) as AlertIndex | null,
          recordType: n.recordType as 'asset' | 'profile' | 'need' | 'opportunity',
          recordId: n.recordId,
          label: n.label,
          reason: n.reason as 'new' | 'changed' | 'deadline',
          deadline: n.deadline,
          createdAt: n.createdAt.toISOString(),
          readAt: n.readAt?.toISOString() ?? null,
        })),
      };
    },

    /** Marks the caller's notifications read: the listed ones, or all. Others' ids are ignored. */
    async markRead(principal: Principal, input: { ids?: string[]; all?: boolean }) {
      const userId = ownerOf(principal);
      if (!input.all && (!input.ids || input.ids.length === 0))
        throw new ValidationError([{ path: 'body.ids', reason: 'give the ids to mark read, or all: true' }]);
      const mine = and(eq(notifications.userId, userId), isNull(notifications.readAt));
      await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(input.all ? mine : and(mine, inArray(notifications.id, input.ids!)));
      const [left] = await db
        .select({ n: count() })
        .from(notifications)
        .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
      return { unread: left?.n ?? 0 };
    },

    /** The e-mail link: no session; the token names one search. Returns what to say, in its language. */
    async unsubscribe(token: string): Promise<{ ok: boolean; lang: string; message: string }> {
      const [row] = await db
        .update(savedSearches)
        .set({ frequency: 'never', updatedAt: new Date() })
        .where(eq(savedSearches.unsubscribeTokenHash, hashToken(token)))
        .returning({ name: savedSearches.name, lang: savedSearches.lang });
      if (!row) return { ok: false, lang: 'it', message: textsFor('it').invalid };
      return { ok: true, lang: row.lang, message: textsFor(row.lang).unsubscribed(row.name) };
    },
  };
}
export type AlertsService = ReturnType<typeof createAlertsService>;
