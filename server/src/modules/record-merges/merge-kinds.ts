import { aliasedTable, and, eq, inArray, isNotNull, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { ASSET_MERGE_FIELDS, FIRM_MERGE_FIELDS } from '@rilancio/vocabulary';
import type { DbOrTx } from '../../db/client.js';
import {
  assets,
  crisisCases,
  firms,
  needs,
  opportunities,
  opportunityAssets,
  users,
} from '../../db/schema.js';
import type { ErrorDetail as FieldError } from '../../errors.js';
import { enqueueIndexingMany, type IndexedAggregate } from '../../outbox/outbox.repository.js';
import { ASSET_SPEC, type AssetRow } from '../assets/index.js';
import { FIRM_SPEC, type FirmRow } from '../firms/index.js';
import type { VersionedSpec } from '../shared/versioned.js';
import type { MergeShape } from './merge-plan.js';

/** What follows a merged record to the kept one, by name (the screens count them). */
export const CARRIED = ['opportunities', 'needs', 'assets', 'crisisCases', 'users'] as const;
export type Carried = (typeof CARRIED)[number];

/** The rows a merge moved (`ids`), and, where the kept record already had some, those it added. */
export interface Moved {
  ids: string[];
  added?: string[];
}

/**
 * Rows of another table that point at a record. A merge points them at the kept record; an undo points
 * back exactly those it moved that still point there.
 */
export interface Reference {
  name: Carried;
  count(tx: DbOrTx, from: string): Promise<number>;
  /** Why these rows cannot follow (a unique key they would break), asked before anything is written. */
  clash?(tx: DbOrTx, from: string, to: string): Promise<FieldError | null>;
  move(tx: DbOrTx, from: string, to: string): Promise<Moved>;
  moveBack(tx: DbOrTx, moved: Moved, from: string, to: string): Promise<void>;
  /**
   * Each moved row is a subject of the audit log too, under this type, as if its own column had been
   * changed by hand (an account moved to another firm: `user.changed`, with the firm before and after).
   */
  audited?: { subjectType: 'user'; column: string };
}

type PointingTable = typeof needs | typeof opportunities | typeof assets | typeof crisisCases | typeof users;

/** A versioned table's rows move like any change: a new version and, for what search shows, re-indexing. */
function versionedReference<T extends PointingTable>(
  name: Carried,
  table: T,
  key: keyof T['$inferSelect'] & string,
  indexAs?: IndexedAggregate,
): Reference {
  const column = (table as unknown as Record<string, AnyPgColumn>)[key]!;
  async function repoint(tx: DbOrTx, where: SQL | undefined, to: string) {
    const rows = await tx
      .update(table as typeof needs)
      .set({ [key]: to, version: sql`${table.version} + 1`, updatedAt: new Date() } as never)
      .where(where)
      .returning({ id: table.id, version: table.version });
    if (indexAs) await enqueueIndexingMany(tx, indexAs, rows);
    return rows.map((r) => r.id);
  }
  return {
    name,
    async count(tx, from) {
      const [row] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(table as typeof needs)
        .where(eq(column, from));
      return row?.n ?? 0;
    },
    move: async (tx, from, to) => ({ ids: await repoint(tx, eq(column, from), to) }),
    async moveBack(tx, { ids }, from, to) {
      if (ids.length > 0) await repoint(tx, and(inArray(table.id, ids), eq(column, to)), from);
    },
  };
}

/**
 * The opportunities an asset is part of (a link is the pair, so a link both assets had is one link after
 * the merge). An undo gives the other asset back all its links and takes from the kept one those the
 * merge added.
 */
const opportunityLinks: Reference = {
  name: 'opportunities',
  async count(tx, from) {
    const [row] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(opportunityAssets)
      .where(eq(opportunityAssets.assetId, from));
    return row?.n ?? 0;
  },
  async move(tx, from, to) {
    const links = await tx
      .delete(opportunityAssets)
      .where(eq(opportunityAssets.assetId, from))
      .returning({ opportunityId: opportunityAssets.opportunityId });
    const ids = links.map((l) => l.opportunityId);
    if (ids.length === 0) return { ids, added: [] };
    const added = await tx
      .insert(opportunityAssets)
      .values(ids.map((opportunityId) => ({ opportunityId, assetId: to })))
      .onConflictDoNothing()
      .returning({ opportunityId: opportunityAssets.opportunityId });
    return { ids, added: added.map((l) => l.opportunityId) };
  },
  async moveBack(tx, { ids, added = [] }, from, to) {
    if (added.length > 0)
      await tx
        .delete(opportunityAssets)
        .where(and(eq(opportunityAssets.assetId, to), inArray(opportunityAssets.opportunityId, added)));
    if (ids.length > 0)
      await tx
        .insert(opportunityAssets)
        .values(ids.map((opportunityId) => ({ opportunityId, assetId: from })))
        .onConflictDoNothing();
  },
};

/** A firm's needs keep their reference within the firm: two needs with one reference cannot both follow. */
async function needReferenceClash(tx: DbOrTx, from: string, to: string): Promise<FieldError | null> {
  const kept = aliasedTable(needs, 'kept_needs');
  const rows = await tx
    .selectDistinct({ ref: needs.externalRef })
    .from(needs)
    .innerJoin(kept, and(eq(kept.firmId, to), eq(kept.externalRef, needs.externalRef)))
    .where(and(eq(needs.firmId, from), isNotNull(needs.externalRef)))
    .limit(5);
  if (rows.length === 0) return null;
  return {
    path: 'otherId',
    reason: `both firms have a need with the reference ${rows.map((r) => r.ref).join(', ')}: end or rename one first`,
  };
}

/** One kind of record that can be merged, and all a merge of it needs to know. */
export interface MergeKind<
  Row extends { id: string; version: number; endedAt: Date | null },
  Field extends string,
> extends MergeShape<Row, Field> {
  kind: 'asset' | 'firm';
  spec: VersionedSpec<Row> & { owned: NonNullable<VersionedSpec<Row>['owned']> };
  table: typeof assets | typeof firms;
  /** Columns with a unique key: taken from the other record, they are cleared there (and given back by an undo). */
  unique: readonly (keyof Row & string)[];
  /** Why two records cannot be one at all, whatever the operator chooses. */
  refuse(kept: Row, other: Row): FieldError | null;
  references: readonly Reference[];
  /** How the screens name a record: never its id. */
  label(row: Row): string;
}

const ASSET_COLUMNS = {
  title: ['title'],
  description: ['description'],
  municipality: ['municipalityCountry', 'municipalityCode', 'lat', 'lon'],
  availability: ['availability'],
  dates: ['availableFrom', 'availableUntil'],
  priceEur: ['priceEur'],
  rentEurMonth: ['rentEurMonth'],
  condition: ['condition'],
  brand: ['brand'],
  model: ['model'],
  year: ['year'],
  coveredAreaM2: ['coveredAreaM2'],
  landAreaM2: ['landAreaM2'],
  heightM: ['heightM'],
  craneTonnage: ['craneTonnage'],
  loadingBays: ['loadingBays'],
  powerKw: ['powerKw'],
  powerKva: ['powerKva'],
  quayAccess: ['quayAccess'],
  draftM: ['draftM'],
  slipway: ['slipway'],
  maritimeConcession: ['maritimeConcession'],
  distanceToPortKm: ['distanceToPortKm'],
  ownerFirmId: ['ownerFirmId'],
  crisisCaseId: ['crisisCaseId'],
} as const satisfies Record<(typeof ASSET_MERGE_FIELDS)[number], readonly (keyof AssetRow)[]>;

export const ASSET_MERGE: MergeKind<AssetRow, (typeof ASSET_MERGE_FIELDS)[number]> = {
  kind: 'asset',
  spec: ASSET_SPEC,
  table: assets,
  fields: ASSET_MERGE_FIELDS,
  columns: ASSET_COLUMNS,
  joined: ['supplyChains', 'requiredSkillUris'],
  unique: [],
  refuse: (kept, other) =>
    kept.kind === other.kind
      ? null
      : {
          path: 'otherId',
          reason: `is a ${other.kind} and this asset a ${kept.kind}: they are not one asset`,
        },
  references: [opportunityLinks],
  label: (row) => `${row.inventoryNumber} · ${row.title}`,
};

const FIRM_COLUMNS = {
  name: ['name'],
  vatNumber: ['vatNumber'],
  siret: ['siret'],
  naceCode: ['naceCode'],
  municipality: ['municipalityCountry', 'municipalityCode', 'lat', 'lon'],
  sizeBand: ['sizeBand'],
  state: ['state'],
} as const satisfies Record<(typeof FIRM_MERGE_FIELDS)[number], readonly (keyof FirmRow)[]>;

export const FIRM_MERGE: MergeKind<FirmRow, (typeof FIRM_MERGE_FIELDS)[number]> = {
  kind: 'firm',
  spec: FIRM_SPEC,
  table: firms,
  fields: FIRM_MERGE_FIELDS,
  columns: FIRM_COLUMNS,
  joined: ['supplyChains'],
  unique: ['vatNumber', 'siret'],
  refuse: (kept, other) =>
    kept.country === other.country
      ? null
      : { path: 'otherId', reason: `is registered in ${other.country} and this firm in ${kept.country}` },
  references: [
    { ...versionedReference('needs', needs, 'firmId', 'need'), clash: needReferenceClash },
    versionedReference('opportunities', opportunities, 'sourceFirmId', 'opportunity'),
    versionedReference('assets', assets, 'ownerFirmId', 'asset'),
    versionedReference('crisisCases', crisisCases, 'firmId'),
    // The firm's own accounts: its people keep signing in, and now see the kept record.
    { ...versionedReference('users', users, 'firmId'), audited: { subjectType: 'user', column: 'firmId' } },
  ],
  label: (row) => row.name,
};
