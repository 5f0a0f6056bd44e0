import { sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  brandModelKey,
  emailKey,
  firmNameKey,
  personNameKey,
  phoneKey,
  sirenKey,
  taxIdKey,
} from '../../db/duplicate-keys.js';
import { queryRows } from '../../db/raw.js';

/**
 * Candidate lookups for duplicate detection. Every lookup is one query for any number of probes (a
 * form's one record, an import batch's fifty): the probes go in as one JSON parameter, their keys are
 * computed by the same SQL expressions the indexes (or the stored key columns) are built on, and
 * each key is looked up in its own LATERAL subquery with a LIMIT, so the planner walks the key's index
 * per probe (never the table) and a very common key ("Marco Rossi") cannot bring back thousands of rows.
 */

/**
 * Runs one candidate lookup for a batch of probes and reads each row into a candidate. Every lookup
 * selects the probe a row answers (its index) and the record's id; `rest` reads what else it selects.
 * An empty batch asks the database nothing.
 *
 * Bitmap scans are off for the lookup. A probe's key comes from the probes' JSON, so the planner cannot
 * see how common it is and estimates from the keys' average frequency: a name with thousands of
 * namesakes among thousands of distinct names is estimated at a row or two, and a bitmap scan then read
 * every namesake and sorted them to keep twenty (100-150 ms a batch during an import on PGlite, issue
 * 10). Without bitmap scans the planner walks the key's index in id order and stops at the LIMIT.
 */
async function lookUp<Probe, Candidate>(
  db: DbOrTx,
  probes: readonly Probe[],
  query: (probes: readonly Probe[], skip: readonly string[]) => SQL,
  read: (row: Record<string, unknown>, probe: number) => Candidate,
  { probesPerQuery: perQuery = PROBES_PER_QUERY, skip = [] }: LookupOptions = {},
): Promise<Candidate[]> {
  if (probes.length === 0) return [];
  return walkingKeyIndexes(db, async (tx) => {
    const found: Candidate[] = [];
    for (let from = 0; from < probes.length; from += perQuery) {
      const rows = await queryRows<Record<string, unknown>>(
        tx,
        query(probes.slice(from, from + perQuery), skip),
      );
      for (const r of rows) found.push(read(r, from + Number(r.probe)));
    }
    return found;
  });
}

/**
 * Probes per query, unless the caller says otherwise. A probe brings back up to PER_KEY candidates per
 * key, and on PGlite reading them holds the server's thread: 50 namesakes' probes (1,000 rows) took
 * 35 ms a query during a 100,000-row import, 25 take about half that (issue 10, item 5: nothing holds
 * the event loop more than 50 ms). Between the queries the event loop gets its turn from the PGlite
 * client (`db/pglite-turns.ts`). On PostgreSQL the rows are read on the database's side of a socket, and
 * an import asks for a batch's probes in one query (`ImportServiceOptions.probesPerQuery`).
 */
export const PROBES_PER_QUERY = 25;

/** How many probes one candidate query takes (see PROBES_PER_QUERY). */
export interface LookupOptions {
  probesPerQuery?: number;
  /**
   * Records the lookup must not find: a pipelined import's batch in flight updates them, so their stored
   * state is about to change (`BatchContext.updatedMeanwhile`). Left out in the query, not after it,
   * so that they take none of a key's PER_KEY places.
   */
  skip?: readonly string[];
}

/** Runs `read` with bitmap scans off (see `lookUp`); exported for the plan test. */
export function walkingKeyIndexes<T>(db: DbOrTx, read: (tx: DbOrTx) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(sql.raw('set local enable_bitmapscan = off'));
    const result = await read(tx);
    // Inside an import's batch this is a savepoint, and a released savepoint keeps its SET LOCAL.
    await tx.execute(sql.raw('set local enable_bitmapscan = on'));
    return result;
  });
}

/** At most this many candidates per probe and key. */
export const PER_KEY = 20;

const c = (column: string) => sql.raw(`c.${column}`);
const q = (column: string) => sql.raw(`q.${column}`);

/** The live records only: ended ones are history, and one merged into another is no longer a record. */
const LIVE = sql.raw('q.ended_at is null');

/**
 * What a lookup reads of each candidate, taken in the index walk that finds it: a second read of the row
 * by its id cost as much again, for every candidate of every row of an import (issue 10).
 */
const CANDIDATE_COLUMNS = {
  profiles: [
    'id',
    'desk_id',
    'code',
    'external_ref',
    'first_name',
    'last_name',
    'name_key',
    'email',
    'phone_key',
    'municipality_country',
    'municipality_code',
  ],
  assets: [
    'id',
    'desk_id',
    'inventory_number',
    'title',
    'kind',
    'municipality_country',
    'municipality_code',
    'covered_area_m2',
    'land_area_m2',
    'brand_model_key',
    'year',
    'owner_firm_id',
  ],
  firms: ['id', 'desk_id', 'name', 'vat_number', 'siret', 'municipality_country', 'municipality_code'],
} as const;

/**
 * One route to candidates: the first PER_KEY live records matching `where`, in id order, with the columns
 * the lookup reads. The routes' rows are put together with UNION, which keeps a record found twice once.
 */
function lateral(table: keyof typeof CANDIDATE_COLUMNS, where: SQL, skip: readonly string[]): SQL {
  const columns = CANDIDATE_COLUMNS[table].map((column) => `q.${column}`).join(', ');
  // One array literal per route (a parameter: the query's text is the same whatever is skipped).
  const skipped = skip.length > 0 ? sql` and q.id <> all(${`{${skip.join(',')}}`}::uuid[])` : sql``;
  return sql`cross join lateral (select ${sql.raw(columns)} from ${sql.raw(table)} q where ${where} and ${LIVE} and q.id is distinct from pr.x${skipped} order by q.id limit ${sql.raw(String(PER_KEY))}) h`;
}

export interface PersonProbe {
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  /** "IT:011015" */
  municipality: string;
  /** The record itself, when checking one that exists. */
  excludeId: string | null;
}

export interface PersonCandidate {
  probe: number;
  id: string;
  deskId: string;
  code: string;
  externalRef: string;
  firstName: string;
  lastName: string;
  sameName: boolean;
  sameEmail: boolean;
  samePhone: boolean;
  sameMunicipality: boolean;
}

/** The one query that finds people like the probes (exported for the plan test). */
export function personCandidatesQuery(probes: readonly PersonProbe[], skip: readonly string[] = []): SQL {
  const json = JSON.stringify(
    probes.map((p, i) => ({
      i,
      f: p.firstName,
      l: p.lastName,
      e: p.email,
      ph: p.phone,
      m: p.municipality,
      x: p.excludeId,
    })),
  );
  // A shared name alone scores below the threshold (scoring.ts: SAME_NAME 0.4); with the same town it
  // reaches it. A namesake elsewhere is only shown when an e-mail or a phone agrees too, and those
  // routes find them. So the name route reads the probe's town only, in id order from one index: a
  // common name ("Marco Rossi") is read PER_KEY rows at a time however many namesakes it has, and an
  // import no longer reads a dozen namesakes per row that no one would be shown (issue 10).
  return sql`with probe as (
      select p.i, p.m, p.x, split_part(p.m, ':', 1) as mc, split_part(p.m, ':', 2) as mm,
        ${personNameKey(sql.raw('p.f'), sql.raw('p.l'))} as nk,
        ${emailKey(sql.raw('p.e'))} as ek,
        ${phoneKey(sql.raw('p.ph'))} as pk
      from jsonb_to_recordset(${json}::jsonb) as p(i int, f text, l text, e text, ph text, m text, x uuid)
    ), hit as (
      select pr.i, h.* from probe pr ${lateral(
        'profiles',
        sql`q.name_key = pr.nk and q.municipality_country = pr.mc and q.municipality_code = pr.mm`,
        skip,
      )}
      union select pr.i, h.* from probe pr ${lateral('profiles', sql`${emailKey(q('email'))} = pr.ek`, skip)}
      union select pr.i, h.* from probe pr ${lateral('profiles', sql`q.phone_key = pr.pk`, skip)}
    )
    select c.i as probe, c.id, c.desk_id, c.code, c.external_ref, c.first_name, c.last_name,
      coalesce(c.name_key = pr.nk, false) as same_name,
      coalesce(${emailKey(c('email'))} = pr.ek, false) as same_email,
      coalesce(c.phone_key = pr.pk, false) as same_phone,
      (c.municipality_country || ':' || c.municipality_code) = pr.m as same_municipality
    from hit c join probe pr on pr.i = c.i`;
}

export function personCandidates(
  db: DbOrTx,
  probes: readonly PersonProbe[],
  options: LookupOptions = {},
): Promise<PersonCandidate[]> {
  return lookUp(
    db,
    probes,
    personCandidatesQuery,
    (r, probe): PersonCandidate => ({
      probe,
      id: String(r.id),
      deskId: String(r.desk_id),
      code: String(r.code),
      externalRef: String(r.external_ref),
      firstName: String(r.first_name),
      lastName: String(r.last_name),
      sameName: r.same_name === true,
      sameEmail: r.same_email === true,
      samePhone: r.same_phone === true,
      sameMunicipality: r.same_municipality === true,
    }),
    options,
  );
}

export interface AssetProbe {
  kind: string;
  municipality: { country: string; code: string };
  coveredAreaM2: number | null;
  landAreaM2: number | null;
  brand: string | null;
  model: string | null;
  year: number | null;
  ownerFirmId: string | null;
  excludeId: string | null;
}

export interface AssetCandidate {
  probe: number;
  id: string;
  deskId: string;
  inventoryNumber: string;
  title: string;
  kind: string;
  municipality: string;
  coveredAreaM2: number | null;
  landAreaM2: number | null;
  brandModel: string | null;
  /** The probe's own brand-and-model key, computed by the same SQL. */
  probeBrandModel: string | null;
  year: number | null;
  ownerFirmId: string | null;
}

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
const str = (v: unknown) => (v === null || v === undefined ? null : String(v));

export function assetCandidatesQuery(probes: readonly AssetProbe[], skip: readonly string[] = []): SQL {
  const json = JSON.stringify(
    probes.map((p, i) => ({
      i,
      k: p.kind,
      mc: p.municipality.country,
      mm: p.municipality.code,
      a: p.coveredAreaM2 ?? p.landAreaM2,
      b: p.brand,
      mo: p.model,
      x: p.excludeId,
    })),
  );
  return sql`with probe as (
      select p.i, p.k, p.mc, p.mm, p.a, p.x, ${brandModelKey(sql.raw('p.b'), sql.raw('p.mo'))} as bm
      from jsonb_to_recordset(${json}::jsonb) as p(i int, k text, mc text, mm text, a float8, b text, mo text, x uuid)
    ), hit as (
      select pr.i, h.* from probe pr ${lateral(
        'assets',
        // Same kind, same place and an area within 10% (scoring.ts similarArea): the same kind in the
        // same place without it is too weak to show, so it is not looked up; a range on the index.
        sql`q.municipality_country = pr.mc and q.municipality_code = pr.mm and q.kind = pr.k
          and coalesce(q.covered_area_m2, q.land_area_m2) between pr.a * 0.9 and pr.a / 0.9`,
        skip,
      )}
      union select pr.i, h.* from probe pr ${lateral('assets', sql`q.brand_model_key = pr.bm`, skip)}
    )
    select c.i as probe, pr.bm as probe_bm, c.id, c.desk_id, c.inventory_number, c.title, c.kind,
      c.municipality_country || ':' || c.municipality_code as municipality,
      c.covered_area_m2, c.land_area_m2, c.brand_model_key as bm, c.year, c.owner_firm_id
    from hit c join probe pr on pr.i = c.i`;
}

export function assetCandidates(
  db: DbOrTx,
  probes: readonly AssetProbe[],
  options: LookupOptions = {},
): Promise<AssetCandidate[]> {
  return lookUp(
    db,
    probes,
    assetCandidatesQuery,
    (r, probe): AssetCandidate => ({
      probe,
      id: String(r.id),
      deskId: String(r.desk_id),
      inventoryNumber: String(r.inventory_number),
      title: String(r.title),
      kind: String(r.kind),
      municipality: String(r.municipality),
      coveredAreaM2: num(r.covered_area_m2),
      landAreaM2: num(r.land_area_m2),
      brandModel: str(r.bm),
      probeBrandModel: str(r.probe_bm),
      year: num(r.year),
      ownerFirmId: str(r.owner_firm_id),
    }),
    options,
  );
}

export interface FirmProbe {
  name: string;
  vatNumber: string | null;
  siret: string | null;
  /** "IT:011015", or null when the firm names no place. */
  municipality: string | null;
  excludeId: string | null;
}

export interface FirmCandidate {
  probe: number;
  id: string;
  deskId: string | null;
  name: string;
  sameVat: boolean;
  sameSiret: boolean;
  sameSiren: boolean;
  sameName: boolean;
  sameMunicipality: boolean;
}

export function firmCandidatesQuery(probes: readonly FirmProbe[], skip: readonly string[] = []): SQL {
  const json = JSON.stringify(
    probes.map((p, i) => ({ i, n: p.name, v: p.vatNumber, s: p.siret, m: p.municipality, x: p.excludeId })),
  );
  return sql`with probe as (
      select p.i, p.m, p.x,
        nullif(${taxIdKey(sql.raw('p.v'))}, '') as vk,
        nullif(${taxIdKey(sql.raw('p.s'))}, '') as tk,
        case when length(${sirenKey(sql.raw('p.s'))}) = 9 then ${sirenKey(sql.raw('p.s'))} end as sk,
        nullif(${firmNameKey(sql.raw('p.n'))}, '') as nk
      from jsonb_to_recordset(${json}::jsonb) as p(i int, n text, v text, s text, m text, x uuid)
    ), hit as (
      select pr.i, h.* from probe pr ${lateral('firms', sql`${taxIdKey(q('vat_number'))} = pr.vk`, skip)}
      union select pr.i, h.* from probe pr ${lateral('firms', sql`${sirenKey(q('siret'))} = pr.sk`, skip)}
      union select pr.i, h.* from probe pr ${lateral('firms', sql`${firmNameKey(q('name'))} = pr.nk`, skip)}
    )
    select c.i as probe, c.id, c.desk_id, c.name,
      coalesce(${taxIdKey(c('vat_number'))} = pr.vk, false) as same_vat,
      coalesce(${taxIdKey(c('siret'))} = pr.tk, false) as same_siret,
      coalesce(${sirenKey(c('siret'))} = pr.sk, false) as same_siren,
      coalesce(${firmNameKey(c('name'))} = pr.nk, false) as same_name,
      coalesce((c.municipality_country || ':' || c.municipality_code) = pr.m, false) as same_municipality
    from hit c join probe pr on pr.i = c.i`;
}

export function firmCandidates(
  db: DbOrTx,
  probes: readonly FirmProbe[],
  options: LookupOptions = {},
): Promise<FirmCandidate[]> {
  return lookUp(
    db,
    probes,
    firmCandidatesQuery,
    (r, probe): FirmCandidate => ({
      probe,
      id: String(r.id),
      deskId: str(r.desk_id),
      name: String(r.name),
      sameVat: r.same_vat === true,
      sameSiret: r.same_siret === true,
      sameSiren: r.same_siren === true,
      sameName: r.same_name === true,
      sameMunicipality: r.same_municipality === true,
    }),
    options,
  );
}

/**
 * The normalised keys of records not stored yet (the rows of one import batch), by the same SQL
 * expressions as the indexes and the lookups above, so rows of one file are compared with each other
 * exactly as they would be with stored records. One query for any number of rows.
 */
export async function probeKeys(
  db: DbOrTx,
  entity: 'profiles' | 'assets' | 'firms',
  values: readonly Record<string, string | null>[],
): Promise<Record<string, string | null>[]> {
  if (values.length === 0) return [];
  const json = JSON.stringify(values.map((v, i) => ({ ...v, i })));
  const p = (field: string) => sql.raw(`p.${field}`);
  const keys =
    entity === 'profiles'
      ? sql`${personNameKey(p('f'), p('l'))} as name, ${emailKey(p('e'))} as email, ${phoneKey(p('ph'))} as phone`
      : entity === 'assets'
        ? sql`${brandModelKey(p('b'), p('mo'))} as brand_model`
        : sql`nullif(${taxIdKey(p('v'))}, '') as vat, nullif(${taxIdKey(p('s'))}, '') as siret,
            case when length(${sirenKey(p('s'))}) = 9 then ${sirenKey(p('s'))} end as siren,
            nullif(${firmNameKey(p('n'))}, '') as name`;
  const rows = await queryRows<Record<string, unknown>>(
    db,
    sql`select p.i, ${keys}
      from jsonb_to_recordset(${json}::jsonb) as p(i int, f text, l text, e text, ph text, b text, mo text, v text, s text, n text)
      order by p.i`,
  );
  return rows.map(({ i: _i, ...k }) =>
    Object.fromEntries(
      Object.entries(k).map(([key, v]) => [key, typeof v === 'string' && v !== '' ? v : null]),
    ),
  );
}
