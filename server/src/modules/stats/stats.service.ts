import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { queryRows } from '../../db/raw.js';
import { outcomeFunnel, type OutcomeGrouping } from './outcome-stats.js';

/**
 * Matching activity over time, as weekly counts only (no ids, no people): match runs, operators'
 * decisions by action, and outcomes by kind. For the network dashboard.
 */
export function createStatsService(db: Database) {
  return {
    /** The funnel from approval to hire per group, over the last `months` months (aggregates only). */
    async outcomes(by: OutcomeGrouping, months: number) {
      const since = new Date();
      since.setUTCMonth(since.getUTCMonth() - months);
      return { by, since: since.toISOString(), groups: await outcomeFunnel(db, { by, since }) };
    },
    async matchingOverTime(weeks: number) {
      const since = sql`date_trunc('week', now()) - make_interval(weeks => ${weeks - 1})`;
      const [runs, decisions, outcomes] = await Promise.all([
        queryRows<{ week: string; n: number }>(
          db,
          sql`select to_char(date_trunc('week', ran_at), 'YYYY-MM-DD') as week, count(*)::int as n
              from match_runs where ran_at >= ${since} group by 1 order by 1`,
        ),
        queryRows<{ week: string; key: string; n: number }>(
          db,
          sql`select to_char(date_trunc('week', at), 'YYYY-MM-DD') as week, action as key, count(*)::int as n
              from match_decisions where at >= ${since} group by 1, 2 order by 1, 2`,
        ),
        queryRows<{ week: string; key: string; n: number }>(
          db,
          sql`select to_char(date_trunc('week', at), 'YYYY-MM-DD') as week, outcome as key, count(*)::int as n
              from match_outcomes where at >= ${since} group by 1, 2 order by 1, 2`,
        ),
      ]);
      const weeksSeen = [...new Set([...runs, ...decisions, ...outcomes].map((r) => r.week))].sort();
      const byKey = (rows: { week: string; key: string; n: number }[]) => {
        const out: Record<string, Record<string, number>> = {};
        for (const r of rows) (out[r.key] ??= {})[r.week] = r.n;
        return out;
      };
      return {
        weeks: weeksSeen,
        runs: Object.fromEntries(runs.map((r) => [r.week, r.n])),
        decisions: byKey(decisions),
        outcomes: byKey(outcomes),
      };
    },
  };
}
export type StatsService = ReturnType<typeof createStatsService>;
