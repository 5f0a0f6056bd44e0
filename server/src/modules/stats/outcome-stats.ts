import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { queryRows } from '../../db/raw.js';
import { MIN_AGGREGATE_COUNT, protectCount } from '../search/index.js';

/**
 * What works, in aggregate: for every candidate an operator approved, how far they went (contacted,
 * interviewed, hired or not, withdrawn), grouped by desk, territory, supply chain or path, with the
 * conversion rates and the time from approval to hire.
 *
 * Only counts leave this module, protected as every aggregate about people is (ADR 0004): a count under
 * the minimum cell size is shown as 0 and the others are rounded, and rates and times are computed from
 * those protected counts, so no figure tells more than the counts beside it.
 */
export const OUTCOME_GROUPINGS = ['desk', 'region', 'supplyChain', 'path'] as const;
export type OutcomeGrouping = (typeof OUTCOME_GROUPINGS)[number];

export interface FunnelRow {
  /** The group: a desk's or region's name, a supply chain or path code (labelled by the UI), or null. */
  key: string | null;
  approved: number;
  contacted: number;
  interviewed: number;
  hired: number;
  notHired: number;
  withdrawn: number;
  /** Share of the approved who were contacted, and who were hired (null when nobody can be shown). */
  contactRate: number | null;
  hireRate: number | null;
  /** Median days from approval to hire, shown only when enough people were hired. */
  medianDaysToHire: number | null;
  /** True when the group is too small to show anything. */
  suppressed: boolean;
}

/** The SQL expression a grouping reads, over `n` (the need or opportunity), `m` (its municipality), `k`. */
const GROUP_KEY: Record<OutcomeGrouping, SQL> = {
  desk: sql`k.desk_name`,
  region: sql`k.region_name`,
  supplyChain: sql`k.supply_chain`,
  path: sql`k.path`,
};

type RawRow = {
  key: string | null;
  approved: number;
  contacted: number;
  interviewed: number;
  hired: number;
  not_hired: number;
  withdrawn: number;
  median_days: number | null;
};

/**
 * One query: the decision in force for each (subject, candidate) since `since`, kept when it is an
 * approval; for a job need, the outcomes recorded from the approval's day on; grouped. Opportunities
 * (buy-outs, spin-offs, start-ups, cooperatives) have approvals and no outcomes yet: their funnel is the
 * approvals, and `path` tells them apart from job placements.
 */
export async function outcomeFunnel(
  db: DbOrTx,
  options: { by: OutcomeGrouping; since: Date },
): Promise<FunnelRow[]> {
  const rows = await queryRows<RawRow>(
    db,
    sql`with in_force as (
          select distinct on (d.subject_type, d.subject_id, d.candidate_id)
                 d.subject_type, d.subject_id, d.candidate_id, d.action, d.at
          from match_decisions d
          where d.subject_type in ('need', 'opportunity') and d.candidate_type = 'profile'
            and d.at >= ${options.since.toISOString()}::timestamptz
          order by d.subject_type, d.subject_id, d.candidate_id, d.seq desc),
        approved as (select * from in_force where action = 'approve'),
        steps as (
          select a.subject_id, a.candidate_id,
                 bool_or(o.outcome in ('contacted', 'interviewed', 'hired', 'not_hired')) as contacted,
                 bool_or(o.outcome in ('interviewed', 'hired')) as interviewed,
                 bool_or(o.outcome = 'hired') as hired,
                 bool_or(o.outcome = 'not_hired') as not_hired,
                 bool_or(o.outcome = 'withdrawn') as withdrawn,
                 min(o.at) filter (where o.outcome = 'hired') as hired_at
          from approved a
          join match_outcomes o
            on a.subject_type = 'need' and o.need_id = a.subject_id and o.profile_id = a.candidate_id
           and o.at::date >= a.at::date
          group by a.subject_id, a.candidate_id),
        k as (
          select a.subject_id, a.candidate_id, a.at,
                 coalesce(dn.name, dopp.name) as desk_name,
                 m.region_name,
                 coalesce(n.supply_chain, opp.supply_chain) as supply_chain,
                 case when a.subject_type = 'need' then 'employment' else opp.kind end as path
          from approved a
          left join needs n on a.subject_type = 'need' and n.id = a.subject_id
          left join opportunities opp on a.subject_type = 'opportunity' and opp.id = a.subject_id
          left join desks dn on dn.id = n.desk_id
          left join desks dopp on dopp.id = opp.desk_id
          left join municipalities m
            on m.country = coalesce(n.municipality_country, opp.municipality_country)
           and m.code = coalesce(n.municipality_code, opp.municipality_code))
        select ${GROUP_KEY[options.by]} as key,
               count(*)::int as approved,
               count(*) filter (where s.contacted)::int as contacted,
               count(*) filter (where s.interviewed)::int as interviewed,
               count(*) filter (where s.hired)::int as hired,
               count(*) filter (where s.not_hired)::int as not_hired,
               count(*) filter (where s.withdrawn)::int as withdrawn,
               (percentile_cont(0.5) within group (
                  order by extract(epoch from s.hired_at - k.at) / 86400)
                filter (where s.hired))::float8 as median_days
        from k
        left join steps s on s.subject_id = k.subject_id and s.candidate_id = k.candidate_id
        group by 1
        order by 2 desc, 1`,
  );
  return rows.map(protectRow);
}

const rate = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 1000 : null);

/** Counts under the minimum shown as 0, the rest rounded; rates and times from what is shown. */
export function protectRow(row: RawRow): FunnelRow {
  const approved = protectCount(row.approved);
  const shown = {
    contacted: protectCount(row.contacted),
    interviewed: protectCount(row.interviewed),
    hired: protectCount(row.hired),
    notHired: protectCount(row.not_hired),
    withdrawn: protectCount(row.withdrawn),
  };
  return {
    key: row.key,
    approved,
    ...shown,
    contactRate: approved > 0 ? rate(shown.contacted, approved) : null,
    hireRate: approved > 0 ? rate(shown.hired, approved) : null,
    medianDaysToHire:
      row.hired >= MIN_AGGREGATE_COUNT && row.median_days !== null
        ? Math.round(row.median_days * 10) / 10
        : null,
    suppressed: approved === 0,
  };
}
