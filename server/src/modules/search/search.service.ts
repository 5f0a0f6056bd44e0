import type { Principal, PrincipalRole } from '../../auth/principal.js';
import { AppError, ForbiddenError, ServiceUnavailableError, ValidationError } from '../../errors.js';
import { fieldSpec, INDEX_NAMES, type AssetDocument, type IndexName } from '../../search/documents.js';
import { withTimeout } from '../../search/with-timeout.js';
import {
  SearchQueryError,
  MAX_LIMIT,
  MAX_WINDOW,
  SearchUnavailableError,
  type Filter,
  type SearchPort,
  type SearchQuery,
  type Sort,
} from '../../search/search.port.js';
import { readScope } from '../../auth/policy.js';
import {
  DEFAULT_ASSET_FRESHNESS,
  oldestShown,
  verificationOf,
  type AssetFreshness,
} from '../assets/index.js';
import { assertAggregateQuery, protectCount, protectFacets } from './people-aggregates.js';
import { gridClusters, type BBox, type MapPoint } from './map-clusters.js';
import { parseRange } from './range-filter.js';
import { filterableFields, sortValues } from './search.schema.js';
import { travelModel } from '../../reference/travel.loader.js';
import { searchByTravelTime } from './travel-search.js';

/** Who may search which index. Marketing never sees individual people; companies never search people. */
export const SEARCH_ACCESS: Record<IndexName, readonly PrincipalRole[]> = {
  assets: ['admin', 'operator', 'marketing', 'company'],
  // Marketing gets aggregates of people only: no hits, and no facet value small enough to single anyone out.
  profiles: ['admin', 'operator', 'marketing'],
  needs: ['admin', 'operator', 'marketing', 'company'],
  firms: ['admin', 'operator', 'marketing', 'company'],
  opportunities: ['admin', 'operator', 'marketing'],
};

/** Who sees people only as counts: everyone allowed to search them who may not read them one by one. */
const aggregatesOnly = (index: IndexName, principal: Principal) =>
  index === 'profiles' && readScope(principal, 'profile') === null;

/** The API promises an answer (or a 503) within this time, whatever the engine does. */
export const SEARCH_TIMEOUT_MS = 2000;

type RawQuery = Record<string, string | number | undefined>;

function parseFilter(index: IndexName, field: string, raw: string): Filter {
  const spec = fieldSpec(index, field)!;
  if (spec.type === 'number' || spec.type === 'date')
    return { field, op: 'range', ...parseRange(field, spec.type, raw) };
  if (spec.type === 'boolean') {
    if (raw !== 'true' && raw !== 'false')
      throw new ValidationError([{ path: `query.${field}`, reason: 'true or false' }]);
    return { field, op: 'eq', value: raw === 'true' };
  }
  const values = raw
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return values.length === 1 ? { field, op: 'eq', value: values[0]! } : { field, op: 'in', values };
}

function parseSort(index: IndexName, raw: string, point: { lat: number; lon: number } | undefined): Sort {
  if (raw === 'relevance') return { by: 'relevance' };
  if (raw === 'travelTime') {
    if (!point) throw new ValidationError([{ path: 'query.sort', reason: 'travelTime needs lat and lon' }]);
    // Ordered by the service (travel-search.ts); the engine is asked nearest first.
    return { by: 'distance', from: point };
  }
  if (raw === 'distance') {
    if (!point) throw new ValidationError([{ path: 'query.sort', reason: 'distance needs lat and lon' }]);
    return { by: 'distance', from: point };
  }
  // The route's schema already refuses other values; this keeps the service safe on its own (exports, CLI).
  const allowed = sortValues(index);
  if (!allowed.includes(raw))
    throw new ValidationError([{ path: 'query.sort', reason: `must be one of: ${allowed.join(', ')}` }]);
  const [field, direction] = raw.split(':') as [string, 'asc' | 'desc'];
  return { by: 'attribute', field, direction };
}

/**
 * Filters the caller cannot lift: on needs and opportunities, the lists' own read scope (auth/policy.ts),
 * so a search — and an alert saved from a list — never shows what the list would not (a company sees only
 * its own firm's needs; a desk-bound reach, only its desk's records).
 */
function forcedFilters(index: IndexName, principal: Principal): Filter[] {
  const kind = index === 'needs' ? 'need' : index === 'opportunities' ? 'opportunity' : undefined;
  if (!kind) return [];
  const scope = readScope(principal, kind);
  // No reach at all (a company account with no firm): a filter no record passes.
  if (scope === null) return [{ field: 'deskId', op: 'eq', value: 'none' }];
  const filters: Filter[] = [];
  if (scope.deskId) filters.push({ field: 'deskId', op: 'eq', value: scope.deskId });
  if (scope.firmId) filters.push({ field: 'firmId', op: 'eq', value: scope.firmId });
  return filters;
}

/** Engine failures become API errors: unavailable or slow → 503 with Retry-After, bad query → 400. */
async function guarded<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await withTimeout(call(), SEARCH_TIMEOUT_MS);
  } catch (error) {
    if (error instanceof SearchUnavailableError)
      throw new ServiceUnavailableError(
        'SEARCH_UNAVAILABLE',
        'Search is temporarily unavailable',
        error.retryAfterSeconds,
      );
    if (error instanceof SearchQueryError)
      throw new ValidationError([{ path: 'query', reason: error.message }]);
    if (error instanceof AppError) throw error;
    throw error;
  }
}

/**
 * Filters a search has unless it asks otherwise: asset listings unverified for longer than the hiding
 * period leave the default search; a `verifiedAt` filter of the caller's own replaces this one.
 */
function defaultFilters(index: IndexName, raw: RawQuery, freshness: AssetFreshness, now: Date): Filter[] {
  if (index !== 'assets' || (raw.verifiedAt !== undefined && raw.verifiedAt !== '')) return [];
  return [{ field: 'verifiedAt', op: 'range', min: oldestShown(now, freshness) }];
}

/** The engine query of a search request: access checked, filters parsed, forced filters added. */
function queryFor(
  index: IndexName,
  raw: RawQuery,
  principal: Principal,
  freshness: AssetFreshness = DEFAULT_ASSET_FRESHNESS,
  now = new Date(),
): SearchQuery {
  if (!SEARCH_ACCESS[index].includes(principal.role)) throw new ForbiddenError();
  if (aggregatesOnly(index, principal)) assertAggregateQuery(raw);
  const point =
    raw.lat !== undefined && raw.lon !== undefined
      ? { lat: Number(raw.lat), lon: Number(raw.lon) }
      : undefined;
  if (raw.radiusKm !== undefined && !point)
    throw new ValidationError([{ path: 'query.radiusKm', reason: 'a radius needs lat and lon' }]);
  const filters: Filter[] = [];
  for (const [field] of filterableFields(index)) {
    const value = raw[field];
    if (typeof value === 'string' && value !== '') filters.push(parseFilter(index, field, value));
  }
  if (point && raw.radiusKm !== undefined)
    filters.push({ op: 'geoRadius', ...point, km: Number(raw.radiusKm) });
  filters.push(...forcedFilters(index, principal), ...defaultFilters(index, raw, freshness, now));
  const facets =
    typeof raw.facets === 'string'
      ? raw.facets
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : [];
  for (const f of facets)
    if (!fieldSpec(index, f)?.facet)
      throw new ValidationError([{ path: 'query.facets', reason: `${f} is not a facet` }]);
  return {
    q: typeof raw.q === 'string' ? raw.q : undefined,
    filters,
    facets,
    sort: parseSort(index, String(raw.sort ?? 'relevance'), point),
    limit: aggregatesOnly(index, principal) ? 0 : Number(raw.limit ?? 20),
    offset: Number(raw.offset ?? 0),
  };
}

/**
 * A travel-time filter or order (issue 18), or undefined: the service applies it over the engine's
 * nearest-first answer (travel-search.ts), so both engines behave alike.
 */
function travelFor(raw: RawQuery) {
  const point =
    raw.lat !== undefined && raw.lon !== undefined
      ? { lat: Number(raw.lat), lon: Number(raw.lon) }
      : undefined;
  const maxMinutes =
    raw.maxMinutes === undefined || raw.maxMinutes === '' ? undefined : Number(raw.maxMinutes);
  if (maxMinutes !== undefined && !point)
    throw new ValidationError([{ path: 'query.maxMinutes', reason: 'a travel time needs lat and lon' }]);
  if (maxMinutes !== undefined && !(Number.isInteger(maxMinutes) && maxMinutes >= 1 && maxMinutes <= 900))
    throw new ValidationError([{ path: 'query.maxMinutes', reason: 'whole minutes from 1 to 900' }]);
  const sortByTime = raw.sort === 'travelTime';
  if (!point || (maxMinutes === undefined && !sortByTime)) return undefined;
  return { from: point, maxMinutes, sortByTime };
}

/**
 * What a search request asks the engine, as the caller may ask it: access checked, filters parsed, the
 * forced filters added (stale listings left out, as in the search), and the travel-time part. Saved-search
 * alerts evaluate a saved query through this too, as its owner, so an alert can never show what the
 * owner's search would not (modules/alerts).
 */
export function engineQueryFor(
  index: IndexName,
  raw: RawQuery,
  principal: Principal,
  freshness: AssetFreshness = DEFAULT_ASSET_FRESHNESS,
  now: Date = new Date(),
) {
  return {
    query: queryFor(index, raw, principal, freshness, now),
    travel: travelFor(raw),
    aggregatesOnly: aggregatesOnly(index, principal),
  };
}

export function createSearchService(
  search: SearchPort,
  freshness: AssetFreshness = DEFAULT_ASSET_FRESHNESS,
  clock: () => Date = () => new Date(),
) {
  return {
    async search(index: IndexName, raw: RawQuery, principal: Principal) {
      const now = clock();
      const query = queryFor(index, raw, principal, freshness, now);
      const travel = travelFor(raw);
      const result = await guarded(() =>
        travel
          ? searchByTravelTime(search, index, query, travelModel(), travel)
          : search.search(index, query),
      );
      if (aggregatesOnly(index, principal))
        return {
          hits: [],
          total: protectCount(result.total),
          facets: protectFacets(result.facets),
          took: result.tookMs,
        };
      const hits = result.hits.map((h) => ({
        ...h,
        doc: withVerification(index, h.doc as unknown as Record<string, unknown>, freshness, now),
      }));
      return { hits, total: result.total, facets: result.facets, took: result.tookMs };
    },

    /**
     * Every result of an asset search on a map, clustered on a grid for the zoom (map-clusters.ts), within
     * the view's box when given. Reads the results a thousand at a time up to the engine's window.
     */
    async assetMap(raw: RawQuery, zoom: number, bbox: BBox | undefined, principal: Principal) {
      const base = queryFor(
        'assets',
        { ...raw, limit: MAX_LIMIT, offset: 0, sort: 'relevance' },
        principal,
        freshness,
        clock(),
      );
      if (bbox)
        base.filters!.push({
          op: 'geoBox',
          topLeft: { lat: bbox.north, lon: bbox.west },
          bottomRight: { lat: bbox.south, lon: bbox.east },
        });
      const points: MapPoint[] = [];
      let total = 0;
      for (let offset = 0; offset < MAX_WINDOW; offset += MAX_LIMIT) {
        const page = await guarded(() =>
          search.search('assets', { ...base, facets: [], offset, limit: MAX_LIMIT, highlight: false }),
        );
        total = page.total;
        for (const h of page.hits) {
          const d = h.doc as AssetDocument;
          if (!d.location) continue;
          points.push({
            id: d.id,
            lat: d.location.lat,
            lon: d.location.lon,
            title: d.title,
            kind: d.kind,
            status: d.status,
            ...(d.municipality ? { municipality: d.municipality } : {}),
            ...(d.province ? { province: d.province } : {}),
          });
        }
        if (page.hits.length < MAX_LIMIT) break;
      }
      return {
        total,
        mapped: points.length,
        capped: total > MAX_WINDOW,
        clusters: gridClusters(points, zoom),
      };
    },

    async suggest(q: string, requested: string | undefined, limit: number, principal: Principal) {
      const allowed = INDEX_NAMES.filter((i) => SEARCH_ACCESS[i].includes(principal.role));
      const indexes = requested
        ? requested
            .split(',')
            .map((s) => s.trim())
            .filter((s): s is IndexName => (allowed as string[]).includes(s))
        : allowed;
      // Suggestions name single records: none of people for those who see people only as counts, and
      // none of needs for a company (they would need a firm filter).
      const safe = indexes.filter(
        (i) => !aggregatesOnly(i, principal) && !(principal.role === 'company' && i === 'needs'),
      );
      if (safe.length === 0) return [];
      return guarded(() => search.suggest(q, safe, limit));
    },
  };
}
export type SearchService = ReturnType<typeof createSearchService>;

/** An asset hit says whether its listing is due for verification, as the asset's own page does. */
function withVerification(
  index: IndexName,
  doc: Record<string, unknown>,
  freshness: AssetFreshness,
  now: Date,
): Record<string, unknown> {
  if (index !== 'assets' || typeof doc.verifiedAt !== 'string') return doc;
  return { ...doc, verification: verificationOf(doc.verifiedAt, now, freshness) };
}
