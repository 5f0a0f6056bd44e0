import { and, asc, between, eq, gt, isNull } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { assets, opportunities, settings } from '../../db/schema.js';
import { loadIndexDocuments } from '../../indexing/index-documents.js';
import type { IndexDocument } from '../../search/documents.js';
import type { AlertEvaluator } from './alert-evaluator.js';

/** How many days before an asset's available-until (auction or scrap date) or an opportunity's deadline. */
export const DEFAULT_DEADLINE_DAYS = 14;
const LAST_RUN_KEY = 'alerts.deadlines.lastRunDay';
const PAGE = 500;

const day = (d: Date) => d.toISOString().slice(0, 10);

/**
 * Deadline alerts (issue 16): every asset whose available-until and every opportunity whose deadline falls
 * within the next `days` days notifies the owners of the saved searches it is in — through the same
 * matcher, so through the same access rules. One notification per (search, record, deadline date): a run
 * repeated the same day, or a day later, adds nothing; a deadline moved later alerts again.
 */
export async function runDeadlineAlerts(
  db: Database,
  evaluator: AlertEvaluator,
  options: { now?: Date; days?: number } = {},
): Promise<{ assets: number; opportunities: number }> {
  const now = options.now ?? new Date();
  const from = day(now);
  const to = day(new Date(now.getTime() + (options.days ?? DEFAULT_DEADLINE_DAYS) * 86_400_000));
  const result = { assets: 0, opportunities: 0 };
  for (const type of ['asset', 'opportunity'] as const) {
    const table = type === 'asset' ? assets : opportunities;
    const column = type === 'asset' ? assets.availableUntil : opportunities.deadline;
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const page = await db
        .select({ id: table.id })
        .from(table)
        .where(and(between(column, from, to), isNull(table.endedAt), gt(table.id, after)))
        .orderBy(asc(table.id))
        .limit(PAGE);
      if (page.length === 0) break;
      after = page[page.length - 1]!.id;
      const docs = [
        ...(
          await loadIndexDocuments(
            db,
            type,
            page.map((r) => r.id),
          )
        ).values(),
      ].filter((d): d is IndexDocument => d !== null);
      const added = await evaluator.applyDeadlines(type, docs);
      if (type === 'asset') result.assets += added;
      else result.opportunities += added;
      if (page.length < PAGE) break;
    }
  }
  return result;
}

/**
 * Once a day for the deployment: the caller holds the advisory lock; the day of the last run is kept in
 * `settings`, so processes waking on the hour do not repeat it (a repeat would add nothing anyway).
 */
export async function runDeadlineAlertsDaily(
  db: Database,
  evaluator: AlertEvaluator,
  options: { now?: Date; days?: number } = {},
) {
  const today = day(options.now ?? new Date());
  const [row] = await db.select().from(settings).where(eq(settings.key, LAST_RUN_KEY));
  if (row && row.value === today) return undefined;
  const result = await runDeadlineAlerts(db, evaluator, options);
  await db
    .insert(settings)
    .values({ key: LAST_RUN_KEY, value: today })
    .onConflictDoUpdate({ target: settings.key, set: { value: today, updatedAt: new Date() } });
  return result;
}
