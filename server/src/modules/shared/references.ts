import { and, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { escoOccupations, escoSkills, municipalities } from '../../db/schema.js';
import { ValidationError } from '../../errors.js';
import type { MunicipalityRef } from './schemas.js';

/** Rejects ESCO URIs the reference data does not hold, naming the offending field. */
export async function assertEscoConceptsExist(
  tx: DbOrTx,
  kind: 'occupation' | 'skill',
  items: { uri: string; path: string }[],
): Promise<void> {
  if (items.length === 0) return;
  const table = kind === 'occupation' ? escoOccupations : escoSkills;
  const uris = [...new Set(items.map((i) => i.uri))];
  const found = new Set(
    (await tx.select({ uri: table.uri }).from(table).where(inArray(table.uri, uris))).map((r) => r.uri),
  );
  const missing = items.filter((i) => !found.has(i.uri));
  if (missing.length > 0) {
    throw new ValidationError(
      missing.map((m) => ({ path: m.path, reason: `unknown ESCO ${kind} ${m.uri}` })),
    );
  }
}

export interface ResolvedMunicipality {
  country: string;
  code: string;
  name: string;
  provinceName: string;
  regionName: string;
  lat: number;
  lon: number;
}

export async function resolveMunicipality(
  tx: DbOrTx,
  ref: MunicipalityRef,
  path = 'municipality',
): Promise<ResolvedMunicipality> {
  const [row] = await tx
    .select({
      country: municipalities.country,
      code: municipalities.code,
      name: municipalities.name,
      provinceName: municipalities.provinceName,
      regionName: municipalities.regionName,
      lat: municipalities.lat,
      lon: municipalities.lon,
    })
    .from(municipalities)
    .where(and(eq(municipalities.country, ref.country), eq(municipalities.code, ref.code)));
  if (!row)
    throw new ValidationError([
      { path: `${path}.code`, reason: `unknown municipality ${ref.country} ${ref.code}` },
    ]);
  return row;
}

export type MunicipalityView = {
  country: string;
  code: string;
  name: string;
  province: string;
  region: string;
};

/** Names of many municipalities in one query, keyed `country:code`, for building views of a page of records. */
export async function loadMunicipalityViews(
  db: DbOrTx,
  refs: { country: string | null; code: string | null }[],
): Promise<Map<string, MunicipalityView>> {
  const codes = [...new Set(refs.map((r) => r.code).filter((c): c is string => !!c))];
  if (codes.length === 0) return new Map();
  const rows = await db
    .select({
      country: municipalities.country,
      code: municipalities.code,
      name: municipalities.name,
      province: municipalities.provinceName,
      region: municipalities.regionName,
    })
    .from(municipalities)
    .where(inArray(municipalities.code, codes));
  return new Map(rows.map((r) => [`${r.country}:${r.code}`, r]));
}

export const municipalityKey = (country: string | null, code: string | null) => `${country}:${code}`;

/** The location columns of a record placed in a municipality (its point stands for the place). */
export const placeColumns = (m: ResolvedMunicipality) => ({
  municipalityCountry: m.country,
  municipalityCode: m.code,
  lat: m.lat,
  lon: m.lon,
});

/** For a PATCH: the new place's columns when the municipality changes, nothing otherwise. */
export async function movedTo(tx: DbOrTx, ref: MunicipalityRef | undefined) {
  return ref ? placeColumns(await resolveMunicipality(tx, ref)) : {};
}
