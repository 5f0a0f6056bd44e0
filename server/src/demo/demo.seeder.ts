/**
 * Writes the demo data: reads the few reference rows the generator needs, then inserts its batches with
 * multi-row inserts. Bulk seeding writes no outbox rows: the search index is rebuilt from the database
 * afterwards. Re-running with the same options inserts nothing (deterministic ids + ON CONFLICT DO NOTHING).
 */
import { inArray, sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/raw.js';
import {
  assets,
  crisisCases,
  desks,
  escoOccupations,
  escoOccupationSkills,
  firms,
  municipalities,
  naceCodes,
  needLanguages,
  needs,
  needSkills,
  opportunities,
  opportunityAssets,
  opportunityRoles,
  profileLanguages,
  profileOccupations,
  profiles,
  profileSkills,
} from '../db/schema.js';
import { insertChunked } from '../reference/rows.js';
import { OCCUPATIONS } from './catalog.js';
import { planDemoData, type DemoOptions, type DemoPlan, type DemoReference } from './demo.generator.js';

export interface DemoCounts {
  desks: number;
  firms: number;
  crisisCases: number;
  profiles: number;
  profileOccupations: number;
  profileSkills: number;
  profileLanguages: number;
  assets: number;
  needs: number;
  needSkills: number;
  needLanguages: number;
  opportunities: number;
  opportunityRoles: number;
  opportunityAssets: number;
}

export interface SeedReport {
  /** Rows generated and offered to the database (rows already present are left alone). */
  counts: DemoCounts;
  totalRows: number;
  millis: number;
}

/** True when the network has no desk and no profile yet: `npm start` then loads the demo set. */
export async function isDatabaseEmpty(db: Database): Promise<boolean> {
  const rows = await queryRows<{ has_desks: boolean; has_profiles: boolean }>(
    db,
    sql`select exists(select 1 from ${desks}) as has_desks, exists(select 1 from ${profiles}) as has_profiles`,
  );
  return !rows[0]?.has_desks && !rows[0]?.has_profiles;
}

/** The reference rows the generator needs, read from the database (reference data must be loaded). */
export async function readDemoReference(db: Database): Promise<DemoReference> {
  const uris = Object.values(OCCUPATIONS).map((o) => o.uri);
  const [towns, nace, occs, rels] = await Promise.all([
    db
      .select({
        country: municipalities.country,
        code: municipalities.code,
        name: municipalities.name,
        regionName: municipalities.regionName,
        provinceCode: municipalities.provinceCode,
        lat: municipalities.lat,
        lon: municipalities.lon,
        population: municipalities.population,
      })
      .from(municipalities),
    db.select({ code: naceCodes.code }).from(naceCodes),
    db.select({ uri: escoOccupations.uri }).from(escoOccupations).where(inArray(escoOccupations.uri, uris)),
    db
      .select({
        occupationUri: escoOccupationSkills.occupationUri,
        skillUri: escoOccupationSkills.skillUri,
        relation: escoOccupationSkills.relation,
      })
      .from(escoOccupationSkills)
      .where(inArray(escoOccupationSkills.occupationUri, uris)),
  ]);
  return {
    municipalities: towns,
    naceCodes: nace.map((n) => n.code),
    occupationUris: occs.map((o) => o.uri),
    occupationSkills: rels,
  };
}

const emptyCounts = (): DemoCounts => ({
  desks: 0,
  firms: 0,
  crisisCases: 0,
  profiles: 0,
  profileOccupations: 0,
  profileSkills: 0,
  profileLanguages: 0,
  assets: 0,
  needs: 0,
  needSkills: 0,
  needLanguages: 0,
  opportunities: 0,
  opportunityRoles: 0,
  opportunityAssets: 0,
});

/**
 * Writes a generated plan. Each batch (context, then every profile/asset/need batch, then the
 * opportunities) is one transaction, so memory and transaction size stay bounded at a million profiles;
 * the demo size fits in a handful of transactions.
 */
export async function writeDemoPlan(
  db: Database,
  plan: DemoPlan,
  onProgress?: (counts: DemoCounts) => void,
): Promise<DemoCounts> {
  const counts = emptyCounts();
  await db.transaction(async (tx) => {
    await insertChunked(tx, desks, plan.desks);
    await insertChunked(tx, firms, plan.firms);
    await insertChunked(tx, crisisCases, plan.crisisCases);
  });
  counts.desks = plan.desks.length;
  counts.firms = plan.firms.length;
  counts.crisisCases = plan.crisisCases.length;
  onProgress?.(counts);

  for (const batch of plan.profileBatches()) {
    await db.transaction(async (tx) => {
      await insertChunked(tx, profiles, batch.profiles);
      await insertChunked(tx, profileOccupations, batch.occupations);
      await insertChunked(tx, profileSkills, batch.skills);
      await insertChunked(tx, profileLanguages, batch.languages);
    });
    counts.profiles += batch.profiles.length;
    counts.profileOccupations += batch.occupations.length;
    counts.profileSkills += batch.skills.length;
    counts.profileLanguages += batch.languages.length;
    onProgress?.(counts);
  }
  for (const batch of plan.assetBatches()) {
    await db.transaction((tx) => insertChunked(tx, assets, batch));
    counts.assets += batch.length;
    onProgress?.(counts);
  }
  for (const batch of plan.needBatches()) {
    await db.transaction(async (tx) => {
      await insertChunked(tx, needs, batch.needs);
      await insertChunked(tx, needSkills, batch.skills);
      await insertChunked(tx, needLanguages, batch.languages);
    });
    counts.needs += batch.needs.length;
    counts.needSkills += batch.skills.length;
    counts.needLanguages += batch.languages.length;
    onProgress?.(counts);
  }
  const opp = plan.opportunities();
  await db.transaction(async (tx) => {
    await insertChunked(tx, opportunities, opp.opportunities);
    await insertChunked(tx, opportunityRoles, opp.roles);
    await insertChunked(tx, opportunityAssets, opp.assets);
  });
  counts.opportunities = opp.opportunities.length;
  counts.opportunityRoles = opp.roles.length;
  counts.opportunityAssets = opp.assets.length;
  onProgress?.(counts);
  return counts;
}

/**
 * Generates and writes the demo network. Reference data must be loaded first (`loadReferenceData`).
 * Options default to the `demo` size (DEMO_SIZE); pass `profiles`, `assets`, … for benchmarks.
 */
export async function seedDemoData(
  db: Database,
  options: Partial<DemoOptions> = {},
  onProgress?: (counts: DemoCounts) => void,
): Promise<SeedReport> {
  const started = performance.now();
  const reference = await readDemoReference(db);
  const plan = planDemoData(reference, options);
  const counts = await writeDemoPlan(db, plan, onProgress);
  return {
    counts,
    totalRows: Object.values(counts).reduce((s, n) => s + n, 0),
    millis: Math.round(performance.now() - started),
  };
}
