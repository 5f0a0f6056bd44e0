import { and, asc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import { anyUuid } from '../../../db/any-id.js';
import type { DbOrTx } from '../../../db/client.js';
import { assets, needs, opportunities, profiles } from '../../../db/schema.js';
import type { MatchAggregate } from './match-index.js';

/** What makes a record matchable; everything else leaves the index. */
const MATCHABLE: Record<
  MatchAggregate,
  { table: typeof profiles | typeof needs | typeof assets | typeof opportunities; where: SQL }
> = {
  profile: { table: profiles, where: isNull(profiles.endedAt) },
  need: { table: needs, where: and(isNull(needs.endedAt), eq(needs.status, 'open'))! },
  asset: {
    table: assets,
    where: and(isNull(assets.endedAt), inArray(assets.status, ['available', 'reserved']))!,
  },
  opportunity: {
    table: opportunities,
    where: and(isNull(opportunities.endedAt), inArray(opportunities.status, ['open', 'in_progress']))!,
  },
};

/** One page of matchable ids with their versions, in id order (keyset paging: no OFFSET scans). */
export async function matchablePage(
  db: DbOrTx,
  type: MatchAggregate,
  after: string | null,
  limit: number,
): Promise<{ id: string; version: number }[]> {
  const { table, where } = MATCHABLE[type];
  return db
    .select({ id: table.id, version: table.version })
    .from(table)
    .where(and(where, after ? gt(table.id, after) : undefined))
    .orderBy(asc(table.id))
    .limit(limit);
}

export async function matchableNeeds(db: DbOrTx, ids: string[]) {
  return ids.length
    ? db
        .select()
        .from(needs)
        .where(and(MATCHABLE.need.where, anyUuid(needs.id, ids)))
    : [];
}

export async function matchableAssets(db: DbOrTx, ids: string[]) {
  return ids.length
    ? db
        .select()
        .from(assets)
        .where(and(MATCHABLE.asset.where, anyUuid(assets.id, ids)))
    : [];
}

export async function matchableOpportunities(db: DbOrTx, ids: string[]) {
  return ids.length
    ? db
        .select()
        .from(opportunities)
        .where(and(MATCHABLE.opportunity.where, anyUuid(opportunities.id, ids)))
    : [];
}

/** Labels and freshness of the profiles on one result page, live ones only: a check as well as a read. */
export async function liveProfileLabels(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: profiles.id,
      code: profiles.code,
      updatedAt: profiles.updatedAt,
      version: profiles.version,
    })
    .from(profiles)
    .where(and(MATCHABLE.profile.where, anyUuid(profiles.id, ids)));
}

/** Titles and freshness of the needs on one result page, open ones only. */
export async function liveNeedLabels(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: needs.id, title: needs.title, updatedAt: needs.updatedAt, version: needs.version })
    .from(needs)
    .where(and(MATCHABLE.need.where, anyUuid(needs.id, ids)));
}

/** Titles and freshness of the assets on one result page, offered ones only. */
export async function liveAssetLabels(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: assets.id, title: assets.title, updatedAt: assets.updatedAt, version: assets.version })
    .from(assets)
    .where(and(MATCHABLE.asset.where, anyUuid(assets.id, ids)));
}

/** Titles of the opportunities on one result page. */
export async function liveOpportunityTitles(db: DbOrTx, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .select({ id: opportunities.id, title: opportunities.title, version: opportunities.version })
    .from(opportunities)
    .where(and(MATCHABLE.opportunity.where, anyUuid(opportunities.id, ids)));
}
