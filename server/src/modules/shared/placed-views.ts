import type { DbOrTx } from '../../db/client.js';
import { loadMunicipalityViews, municipalityKey, type MunicipalityView } from './references.js';
import { toIso } from './schemas.js';

/** The stored columns every placed record has and its view shows differently. */
interface PlacedRow {
  municipalityCountry: string | null;
  municipalityCode: string | null;
  createdAt: Date;
  updatedAt: Date;
  endedAt: Date | null;
}

export type PlacedView<R extends PlacedRow> = Omit<R, keyof PlacedRow> & {
  municipality: MunicipalityView | null;
  createdAt: string;
  updatedAt: string;
  endedAt: string | null;
};

/**
 * The part of a record's view that every placed record shares: its municipality by name (one query for
 * all the rows) and its dates as ISO strings; the other columns as stored. Each service adds its own.
 */
export async function placedViews<R extends PlacedRow>(
  conn: DbOrTx,
  rows: readonly R[],
): Promise<(row: R) => PlacedView<R>> {
  const places = await loadMunicipalityViews(
    conn,
    rows.map((r) => ({ country: r.municipalityCountry, code: r.municipalityCode })),
  );
  return ({ municipalityCountry, municipalityCode, createdAt, updatedAt, endedAt, ...rest }) => ({
    ...rest,
    municipality: places.get(municipalityKey(municipalityCountry, municipalityCode)) ?? null,
    createdAt: toIso(createdAt)!,
    updatedAt: toIso(updatedAt)!,
    endedAt: toIso(endedAt),
  });
}
