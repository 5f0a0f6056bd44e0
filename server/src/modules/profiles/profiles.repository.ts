import { randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { retryOnUniqueClash } from '../../lib/pg-errors.js';
import { newPseudonym } from '../../lib/pseudonym.js';
import { enqueueIndexingMany } from '../../outbox/outbox.repository.js';
import { insertRows } from '../../db/bulk-insert.js';
import type { VersionedSpec } from '../shared/versioned.js';
import {
  municipalities,
  profileLanguages,
  profileOccupations,
  profileSkills,
  profiles,
} from '../../db/schema.js';

export type ProfileRow = typeof profiles.$inferSelect;

/** How a profile changes: versioned, indexed for search, written only by its desk under the policy. */
export const PROFILE_SPEC = {
  entity: 'profile',
  table: profiles,
  indexAs: 'profile',
  owned: { kind: 'profile', owner: (row) => ({ deskId: row.deskId }) },
} satisfies VersionedSpec<ProfileRow>;

export interface ProfileChildren {
  occupations: { uri: string; years: number }[];
  skills: { uri: string; source: string }[];
  languages: { code: string; level: string }[];
}

/** A new profile's columns (its pseudonym is drawn here) and child rows. */
export interface NewProfile {
  columns: Omit<typeof profiles.$inferInsert, 'code'>;
  children: ProfileChildren;
}

/**
 * The one way profiles are created, by the API (one) and the importer (many): the rows with a fresh
 * pseudonym each, their child rows and the outbox entries, in bulk statements (`insertRows`), all in the
 * caller's transaction. A draw that hits a pseudonym already issued (unique key `profiles_code_key`) is
 * drawn again, inside a savepoint. Returns the new ids in the order given.
 */
export async function insertProfiles(tx: DbOrTx, items: readonly NewProfile[]): Promise<string[]> {
  const ids = items.map(() => randomUUID());
  const written = await retryOnUniqueClash(
    () =>
      tx.transaction((sp) =>
        insertRows(
          sp,
          profiles,
          items.map((item, i) => ({ ...item.columns, id: ids[i], code: newPseudonym() })),
          { returning: ['id', 'version'] },
        ),
      ),
    'profiles_code_key',
  );
  const versionOf = new Map(written.map((r) => [r.id, r.version]));
  const each = items.map((item, i) => ({ profileId: ids[i]!, c: item.children }));
  // Sent together once the profiles are in: the driver pipelines them on the transaction's connection,
  // so each statement is built while the database runs the one before, with no round trip between.
  await Promise.all([
    insertRows(
      tx,
      profileOccupations,
      each.flatMap(({ profileId, c }) =>
        c.occupations.map((o) => ({ profileId, occupationUri: o.uri, years: o.years })),
      ),
    ),
    insertRows(
      tx,
      profileSkills,
      each.flatMap(({ profileId, c }) =>
        c.skills.map((k) => ({ profileId, skillUri: k.uri, source: k.source })),
      ),
    ),
    insertRows(
      tx,
      profileLanguages,
      each.flatMap(({ profileId, c }) =>
        c.languages.map((l) => ({ profileId, language: l.code, level: l.level })),
      ),
    ),
    enqueueIndexingMany(
      tx,
      'profile',
      ids.map((id) => ({ id, version: versionOf.get(id)! })),
    ),
  ]);
  return ids;
}

export interface ProfileAggregate {
  profile: ProfileRow;
  municipality: { name: string; provinceName: string; regionName: string };
  occupations: { uri: string; years: number }[];
  skills: { uri: string; source: string }[];
  languages: { code: string; level: string }[];
}

export async function findProfileRow(db: DbOrTx, id: string, options: { forUpdate?: boolean } = {}) {
  const query = db.select().from(profiles).where(eq(profiles.id, id));
  const [row] = await (options.forUpdate ? query.for('update') : query);
  return row;
}

/** Loads profiles with their occupations, skills, languages and municipality, in four queries for any number. */
export async function loadProfileAggregates(db: DbOrTx, rows: ProfileRow[]): Promise<ProfileAggregate[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [occ, skills, langs, munis] = await Promise.all([
    db.select().from(profileOccupations).where(inArray(profileOccupations.profileId, ids)),
    db.select().from(profileSkills).where(inArray(profileSkills.profileId, ids)),
    db.select().from(profileLanguages).where(inArray(profileLanguages.profileId, ids)),
    db
      .select()
      .from(municipalities)
      .where(inArray(municipalities.code, [...new Set(rows.map((r) => r.municipalityCode))])),
  ]);
  const group = <T extends { profileId: string }>(items: T[]) => {
    const map = new Map<string, T[]>();
    for (const item of items) map.set(item.profileId, [...(map.get(item.profileId) ?? []), item]);
    return map;
  };
  const occBy = group(occ);
  const skillsBy = group(skills);
  const langsBy = group(langs);
  const muniBy = new Map(munis.map((m) => [`${m.country}:${m.code}`, m]));
  return rows.map((profile) => {
    const m = muniBy.get(`${profile.municipalityCountry}:${profile.municipalityCode}`);
    return {
      profile,
      municipality: {
        name: m?.name ?? '',
        provinceName: m?.provinceName ?? '',
        regionName: m?.regionName ?? '',
      },
      occupations: (occBy.get(profile.id) ?? [])
        .map((o) => ({ uri: o.occupationUri, years: Number(o.years) }))
        .sort((a, b) => a.uri.localeCompare(b.uri)),
      skills: (skillsBy.get(profile.id) ?? [])
        .map((s) => ({ uri: s.skillUri, source: s.source }))
        .sort((a, b) => a.uri.localeCompare(b.uri)),
      languages: (langsBy.get(profile.id) ?? [])
        .map((l) => ({ code: l.language, level: l.level }))
        .sort((a, b) => a.code.localeCompare(b.code)),
    };
  });
}

/** A profile's skills and their sources (declared, certified, inferred), keyed by skill URI. */
export async function loadProfileSkills(db: DbOrTx, profileId: string): Promise<Map<string, string>> {
  const rows = await db
    .select({ uri: profileSkills.skillUri, source: profileSkills.source })
    .from(profileSkills)
    .where(eq(profileSkills.profileId, profileId));
  return new Map(rows.map((r) => [r.uri, r.source]));
}

export async function replaceProfileChildren(
  tx: DbOrTx,
  profileId: string,
  children: {
    occupations?: { uri: string; years: number }[];
    skills?: { uri: string; source: string }[];
    languages?: { code: string; level: string }[];
  },
) {
  if (children.occupations) {
    await tx.delete(profileOccupations).where(eq(profileOccupations.profileId, profileId));
    if (children.occupations.length > 0)
      await tx
        .insert(profileOccupations)
        .values(children.occupations.map((o) => ({ profileId, occupationUri: o.uri, years: o.years })));
  }
  if (children.skills) {
    await tx.delete(profileSkills).where(eq(profileSkills.profileId, profileId));
    if (children.skills.length > 0)
      await tx
        .insert(profileSkills)
        .values(children.skills.map((s) => ({ profileId, skillUri: s.uri, source: s.source })));
  }
  if (children.languages) {
    await tx.delete(profileLanguages).where(eq(profileLanguages.profileId, profileId));
    if (children.languages.length > 0)
      await tx
        .insert(profileLanguages)
        .values(children.languages.map((l) => ({ profileId, language: l.code, level: l.level })));
  }
}

/** The desk and end date of each of these profiles that exists: what the access policy and the company view need. */
export async function profileOwners(
  db: DbOrTx,
  ids: readonly string[],
): Promise<Map<string, { deskId: string; endedAt: Date | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: profiles.id, deskId: profiles.deskId, endedAt: profiles.endedAt })
    .from(profiles)
    .where(inArray(profiles.id, [...ids]));
  return new Map(rows.map((r) => [r.id, { deskId: r.deskId, endedAt: r.endedAt }]));
}
