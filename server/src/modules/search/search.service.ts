import type { Principal, PrincipalRole } from '../../auth/principal.js';
import { AppError, ForbiddenError, ServiceUnavailableError, ValidationError } from '../../errors.js';
import { fieldSpec, INDEX_NAMES, type IndexName } from '../../search/documents.js';
import { withTimeout } from '../../search/faulty.adapter.js';
import {
  SearchQueryError,
  SearchUnavailableError,
  type Filter,
  type SearchPort,
  type SearchQuery,
  type Sort,
} from '../../search/search.port.js';
import { readScope } from '../../auth/policy.js';
import { assertAggregateQuery, protectCount, protectFacets } from './people-aggregates.js';
import { filterableFields, sortValues } from './search.schema.js';

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
  if (spec.type === 'number' || spec.type === 'date') {
    const range = /^([^.]*)\.\.([^.]*)$/.exec(raw);
    const parse = (v: string) => {
      if (spec.type === 'date') {
        if (!/^\d{4}-\d{2}-\d{2}/.test(v))
          throw new ValidationError([{ path: `query.${field}`, reason: 'not a date' }]);
        return v;
      }
      const n = Number(v);
      if (!Number.isFinite(n))
        throw new ValidationError([{ path: `query.${field}`, reason: 'not a number' }]);
      return n;
    };
    if (range) {
      const [, min, max] = range;
      return { field, op: 'range', ...(min ? { min: parse(min) } : {}), ...(max ? { max: parse(max) } : {}) };
    }
    return { field, op: 'range', min: parse(raw), max: parse(raw) };
  }
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

/** Filters the caller cannot lift: a company sees only its own firm's needs. */
function forcedFilters(index: IndexName, principal: Principal): Filter[] {
  if (index === 'needs' && principal.role === 'company')
    return [{ field: 'firmId', op: 'eq', value: principal.firmId ?? 'none' }];
  return [];
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

export function createSearchService(search: SearchPort) {
  return {
    async search(index: IndexName, raw: RawQuery, principal: Principal) {
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
      filters.push(...forcedFilters(index, principal));
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
      const query: SearchQuery = {
        q: typeof raw.q === 'string' ? raw.q : undefined,
        filters,
        facets,
        sort: parseSort(index, String(raw.sort ?? 'relevance'), point),
        limit: aggregatesOnly(index, principal) ? 0 : Number(raw.limit ?? 20),
        offset: Number(raw.offset ?? 0),
      };
      const result = await guarded(() => search.search(index, query));
      if (aggregatesOnly(index, principal))
        return {
          hits: [],
          total: protectCount(result.total),
          facets: protectFacets(result.facets),
          took: result.tookMs,
        };
      const hits = result.hits.map((h) => ({ ...h, doc: h.doc as unknown as Record<string, unknown> }));
      return { hits, total: result.total, facets: result.facets, took: result.tookMs };
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
