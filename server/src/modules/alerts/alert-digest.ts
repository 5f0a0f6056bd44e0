import { and, asc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { notifications, savedSearches, users } from '../../db/schema.js';
import type { EmailPort } from '../../auth/auth.service.js';
import { INDEX_LABELS, textsFor, type Lang } from './alert-texts.js';
import { unsubscribeToken } from './alerts.service.js';

/** At most one digest per user within this long. */
export const DIGEST_EVERY_MS = 24 * 3600_000;
const MAX_LINES_PER_SEARCH = 10;

export interface DigestOptions {
  email: EmailPort;
  /** Where the links point (the UI). */
  publicUrl: string;
  /** Keys the unsubscribe tokens (the session secret). */
  secret: string;
  now?: () => Date;
  /** Users handled per pass. */
  batch?: number;
}

interface Line {
  notificationId: string;
  searchId: string;
  searchName: string;
  index: string;
  query: Record<string, string | number>;
  label: string;
  reason: string;
  deadline: string | null;
}

/** The digest of one user: per saved search, what entered it, a link back to it, and its unsubscribe link. */
export function composeDigest(
  lang: string,
  lines: Line[],
  options: Pick<DigestOptions, 'publicUrl' | 'secret'>,
) {
  const t = textsFor(lang);
  const bySearch = new Map<string, Line[]>();
  for (const line of lines) bySearch.set(line.searchId, [...(bySearch.get(line.searchId) ?? []), line]);
  const parts = [t.intro, ''];
  for (const [searchId, items] of bySearch) {
    const first = items[0]!;
    const kind = INDEX_LABELS[(lang in INDEX_LABELS ? lang : 'it') as Lang][first.index] ?? first.index;
    const params = new URLSearchParams(
      Object.entries(first.query).map(([k, v]): [string, string] => [k, String(v)]),
    );
    parts.push(`■ ${first.searchName} (${kind}) — ${items.length} ${t.entered}`);
    for (const item of items.slice(0, MAX_LINES_PER_SEARCH))
      parts.push(`  • ${item.label}${item.deadline ? ` (${t.deadline(item.deadline)})` : ''}`);
    if (items.length > MAX_LINES_PER_SEARCH) parts.push(`  ${t.more(items.length - MAX_LINES_PER_SEARCH)}`);
    parts.push(`  ${t.open}: ${options.publicUrl}/${first.index}?${params.toString()}`);
    parts.push(
      `  ${t.unsubscribe}: ${options.publicUrl}/api/v1/alerts/unsubscribe?token=${unsubscribeToken(options.secret, searchId)}`,
      '',
    );
  }
  return { subject: t.subject(lines.length), text: parts.join('\n') };
}

/**
 * The e-mail digest (issue 16): for every user with notifications not yet mailed from saved searches that
 * send e-mail, and no digest within the last day, one message in the user's language. Called by one
 * process at a time (the caller holds the `alerts-digest` advisory lock); a failed send leaves the rows
 * unmailed for the next pass. A crash between the send and the marking can repeat a digest once — the
 * relay is told before the rows are marked, never the other way round, so nothing is lost.
 */
export async function sendDueDigests(db: Database, options: DigestOptions) {
  const now = options.now?.() ?? new Date();
  const since = new Date(now.getTime() - DIGEST_EVERY_MS);
  const result = { sent: 0, failed: 0 };
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const due = await db
      .selectDistinct({ userId: notifications.userId, email: users.email, locale: users.locale })
      .from(notifications)
      .innerJoin(savedSearches, eq(savedSearches.id, notifications.savedSearchId))
      .innerJoin(users, eq(users.id, notifications.userId))
      .where(
        and(
          isNull(notifications.mailedAt),
          eq(savedSearches.frequency, 'daily'),
          isNull(users.endedAt),
          gt(notifications.userId, after),
          sql`not exists (select 1 from saved_searches s2 where s2.user_id = ${notifications.userId} and s2.last_digest_at > ${since.toISOString()}::timestamptz)`,
        ),
      )
      .orderBy(asc(notifications.userId))
      .limit(options.batch ?? 100);
    if (due.length === 0) return result;
    after = due[due.length - 1]!.userId;
    for (const user of due) {
      const lines: Line[] = (
        await db
          .select({
            notificationId: notifications.id,
            searchId: savedSearches.id,
            searchName: savedSearches.name,
            index: savedSearches.index,
            query: savedSearches.query,
            label: notifications.label,
            reason: notifications.reason,
            deadline: notifications.deadline,
          })
          .from(notifications)
          .innerJoin(savedSearches, eq(savedSearches.id, notifications.savedSearchId))
          .where(
            and(
              eq(notifications.userId, user.userId),
              isNull(notifications.mailedAt),
              eq(savedSearches.frequency, 'daily'),
            ),
          )
          .orderBy(asc(savedSearches.name), asc(notifications.createdAt))
      ).map((l) => ({ ...l, deadline: l.deadline ?? null }));
      if (lines.length === 0) continue;
      const message = composeDigest(user.locale, lines, options);
      try {
        await options.email.send({ to: user.email, ...message });
      } catch {
        result.failed++;
        continue;
      }
      await db.transaction(async (tx) => {
        await tx
          .update(notifications)
          .set({ mailedAt: now })
          .where(
            inArray(
              notifications.id,
              lines.map((l) => l.notificationId),
            ),
          );
        await tx
          .update(savedSearches)
          .set({ lastDigestAt: now })
          .where(eq(savedSearches.userId, user.userId));
      });
      result.sent++;
    }
    if (due.length < (options.batch ?? 100)) return result;
  }
}
