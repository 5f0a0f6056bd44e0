import { and, asc, count, desc, eq, gt, inArray, isNull, or, sql, type SQL } from 'drizzle-orm';
import { getTableColumns } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { DbOrTx } from '../../db/client.js';
import { firms, municipalities } from '../../db/schema.js';
import { escapeLike, fold } from '../../lib/text.js';
import { toPage } from './lifecycle.js';
import { PageQuerySchema } from './schemas.js';
import type { VersionedTable } from './versioned-table.js';

/**
 * The desk lists (needs, profiles, crisis dossiers, opportunities, firms): free text, each list's own
 * filters, a sort and the total, all in SQL under the policy's read scope. Without `sort` a list keeps
 * its stable id order and its keyset `cursor` (what API clients that sync a desk page through); with a
 * `sort` it pages by `offset`, as a person paging a sorted table does.
 */
const MAX_OFFSET = 100_000;

/** The query string of a list: the page, `q`, `sort`, `offset` and the entity's own filters. */
export function listQuerySchema<S extends readonly [string, ...string[]], F extends z.ZodRawShape>(
  sorts: S,
  filters: F,
) {
  return PageQuerySchema.extend({
    q: z.string().trim().max(200).optional(),
    sort: z.enum(sorts).optional(),
    offset: z.coerce.number().int().min(0).max(MAX_OFFSET).optional(),
    ...filters,
  }).superRefine((value, ctx) => {
    const v = value as { cursor?: string; sort?: string; offset?: number };
    if (v.cursor && (v.sort || v.offset))
      ctx.addIssue({
        code: 'custom',
        path: ['cursor'],
        message: 'a cursor pages the unsorted list only; with sort or offset, page by offset',
      });
  });
}

/** A filter value that names one vocabulary word, or several separated by commas. */
export const vocabularyFilter = <V extends readonly [string, ...string[]]>(values: V) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1).max(values.length))
    .optional();

/** A province (ISTAT/INSEE province code, as the municipality table holds it). */
export const provinceFilter = z
  .string()
  .regex(/^[0-9A-Z]{2,3}$/, 'a province code')
  .optional();

/** A region (ISTAT/INSEE region code: 07 Liguria, 93 Provence-Alpes-Côte d'Azur…). */
export const regionFilter = z
  .string()
  .regex(/^[0-9]{2}$/, 'a region code')
  .optional();

/** `country:code` of one municipality. */
export const municipalityFilter = z
  .string()
  .regex(/^(IT|FR):[0-9AB]{5,6}$/, 'a municipality as country:code (IT:011015)')
  .optional();

/**
 * The accent and case fold of `lib/text.ts` in SQL (immutable functions only, so it runs on PostgreSQL
 * 15 and PGlite alike without the unaccent extension): the letters of Italian and French text.
 */
function foldSql(column: AnyPgColumn | SQL): SQL {
  return sql`replace(replace(translate(lower(${column}), 'àáâãäåèéêëìíîïòóôõöùúûüýÿçñ', 'aaaaaaeeeeiiiiooooouuuuyycn'), 'œ', 'oe'), 'æ', 'ae')`;
}

/** The `like` pattern of a search text: folded, wildcards escaped, matched anywhere. */
function containsPattern(q: string): string {
  return `%${escapeLike(fold(q).replace(/\s+/g, ' ').trim())}%`;
}

/** Any of these text columns contains the search text (folded on both sides). */
export function textMatches(pattern: string, columns: (AnyPgColumn | SQL)[]): SQL {
  return or(...columns.map((c) => sql`${foldSql(c)} like ${pattern}`))!;
}

/** The record's firm's name contains the text. */
function firmNameMatches(pattern: string, firmId: AnyPgColumn): SQL {
  return sql`exists (select 1 from ${firms} where ${firms.id} = ${firmId} and ${foldSql(firms.name)} like ${pattern})`;
}

/** The record's municipality's name (stored folded) contains the text. */
function municipalityNameMatches(pattern: string, place: Place): SQL {
  return sql`exists (select 1 from ${municipalities} where ${municipalities.country} = ${place.country} and ${municipalities.code} = ${place.code} and ${municipalities.folded} like ${pattern})`;
}

type Place = { country: AnyPgColumn; code: AnyPgColumn };

/**
 * The free-text condition of a list: the text in any of the record's own text columns, its firm's name
 * or its municipality's name (and whatever `more` adds, e.g. personal data where the role may see it).
 */
export function searchText(
  q: string | undefined,
  on: {
    columns: (AnyPgColumn | SQL)[];
    firmId?: AnyPgColumn;
    place?: Place;
    more?: (pattern: string) => (SQL | undefined)[];
  },
): SQL | undefined {
  if (!q) return undefined;
  const pattern = containsPattern(q);
  return or(
    textMatches(pattern, on.columns),
    on.firmId ? firmNameMatches(pattern, on.firmId) : undefined,
    on.place ? municipalityNameMatches(pattern, on.place) : undefined,
    ...(on.more?.(pattern) ?? []),
  );
}

/** The record lies in this province. */
export function inProvince(province: string, place: { country: AnyPgColumn; code: AnyPgColumn }): SQL {
  return sql`exists (select 1 from ${municipalities} where ${municipalities.country} = ${place.country} and ${municipalities.code} = ${place.code} and ${municipalities.provinceCode} = ${province})`;
}

/** The record lies in this region. */
export function inRegion(region: string, place: { country: AnyPgColumn; code: AnyPgColumn }): SQL {
  return sql`exists (select 1 from ${municipalities} where ${municipalities.country} = ${place.country} and ${municipalities.code} = ${place.code} and ${municipalities.regionCode} = ${region})`;
}

/** The record lies in this municipality (`country:code`). */
export function inMunicipality(value: string, place: { country: AnyPgColumn; code: AnyPgColumn }): SQL {
  const [country, code] = value.split(':');
  return and(eq(place.country, country!), eq(place.code, code!))!;
}

/**
 * The list's filters that name one of a few codes (`status=open,filled`) or one record (`deskId=…`): a
 * condition for each the query gives, on the column it names. Arrays are matched as any of the values.
 */
export function filtersOf(
  query: Readonly<Record<string, unknown>>,
  columns: Readonly<Record<string, AnyPgColumn>>,
): SQL[] {
  return Object.entries(columns).flatMap(([key, column]) => {
    const value = query[key];
    if (Array.isArray(value)) return value.length > 0 ? [inArray(column, value)] : [];
    return typeof value === 'string' && value !== '' ? [eq(column, value)] : [];
  });
}

/** The region, province and municipality filters, on the record's place. */
export function placeFilters(
  query: { region?: string; province?: string; municipality?: string },
  place: { country: AnyPgColumn; code: AnyPgColumn },
): SQL[] {
  return [
    ...(query.region ? [inRegion(query.region, place)] : []),
    ...(query.province ? [inProvince(query.province, place)] : []),
    ...(query.municipality ? [inMunicipality(query.municipality, place)] : []),
  ];
}

/** Newest and oldest by creation, title A–Z; the id breaks ties so pages never overlap. */
export function sortOrder(
  table: VersionedTable & { createdAt: AnyPgColumn },
  sort: string | undefined,
  extra: Record<string, (SQL | AnyPgColumn)[]> = {},
): (SQL | AnyPgColumn)[] {
  const byId = asc(table.id);
  switch (sort) {
    case undefined:
      return [byId];
    case 'newest':
      return [desc(table.createdAt), desc(table.id)];
    case 'oldest':
      return [asc(table.createdAt), byId];
    default: {
      const order = extra[sort];
      if (!order) throw new Error(`no order for sort ${sort}`);
      return [...order, byId];
    }
  }
}

/** A nullable column ascending with the empty ones last (a deadline, a start date). */
export const ascNullsLast = (column: AnyPgColumn) => sql`${column} asc nulls last`;
/** A title A–Z as people read it: accents and case folded. */
export const byText = (column: AnyPgColumn) => foldSql(column);

export interface ListPage<Row> {
  items: Row[];
  nextCursor: string | null;
  total: number;
}

/**
 * One page of a table's rows under `where` (scope and filters), live ones unless asked, in `order`, with
 * the total: two queries whatever the number of rows.
 */
export async function listRows<T extends VersionedTable>(
  db: DbOrTx,
  table: T,
  page: { limit: number; cursor?: string; includeEnded: boolean; offset?: number; sort?: string },
  where: (SQL | undefined)[],
  order: (SQL | AnyPgColumn)[],
): Promise<ListPage<T['$inferSelect']>> {
  const filter = and(page.includeEnded ? undefined : isNull(table.endedAt), ...where);
  const [rows, [counted]] = await Promise.all([
    db
      .select(getTableColumns(table as PgTable))
      .from(table as PgTable)
      .where(and(filter, page.cursor ? gt(table.id, page.cursor) : undefined))
      .orderBy(...order)
      .limit(page.limit + 1)
      .offset(page.offset ?? 0) as unknown as Promise<(T['$inferSelect'] & { id: string })[]>,
    db
      .select({ n: count() })
      .from(table as PgTable)
      .where(filter),
  ]);
  const total = Number(counted?.n ?? 0);
  if (page.sort || page.offset !== undefined) {
    // Offset paging: the cursor tells the client there is more; it pages on with offset.
    const items = rows.slice(0, page.limit);
    return { items, nextCursor: rows.length > page.limit ? items[items.length - 1]!.id : null, total };
  }
  return { ...toPage(rows, page.limit), total };
}
