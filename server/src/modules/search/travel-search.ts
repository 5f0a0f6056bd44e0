import type { TravelModel } from '@rilancio/matcher';
import { ValidationError } from '../../errors.js';
import type { SearchHit, SearchPort, SearchQuery, SearchResult } from '../../search/search.port.js';
import type { IndexName } from '../../search/documents.js';

/**
 * Search by travel time from a point (a municipality's point): the engines know straight lines only,
 * so the shared service does it the same way for both. The engine returns every document within a
 * straight-line radius that holds all places reachable in the time (TravelModel.kmWithin); the service
 * computes each one's door-to-door time, keeps those within the budget, orders them when asked, and
 * counts totals and facets over what it kept. At most TRAVEL_SCAN_CAP documents are examined; a wider
 * search is refused with a 400 asking to narrow it, never answered with a silently partial list.
 */
export const TRAVEL_SCAN_CAP = 2000;
const PAGE = 100;

export interface TravelQuery {
  readonly from: { lat: number; lon: number };
  readonly maxMinutes: number | undefined;
  readonly sortByTime: boolean;
}

type Hit = SearchHit & { travelMinutes?: number; travelVia?: string[] };

function facetCounts(hits: readonly Hit[], fields: readonly string[]) {
  const out: Record<string, Record<string, number>> = {};
  for (const f of fields) {
    const counts: Record<string, number> = {};
    for (const h of hits) {
      const v = (h.doc as unknown as Record<string, unknown>)[f];
      const values = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
      for (const x of new Set(values.map(String))) counts[x] = (counts[x] ?? 0) + 1;
    }
    out[f] = counts;
  }
  return out;
}

export async function searchByTravelTime(
  engine: SearchPort,
  index: IndexName,
  query: SearchQuery,
  travel: TravelModel,
  t: TravelQuery,
): Promise<SearchResult & { hits: Hit[] }> {
  const filters = [...(query.filters ?? [])];
  if (t.maxMinutes !== undefined)
    filters.push({ op: 'geoRadius', ...t.from, km: travel.kmWithin(t.maxMinutes) });
  // Travel order starts from the nearest in a straight line; any other order is the engine's.
  const sort = t.sortByTime ? { by: 'distance' as const, from: t.from } : query.sort;
  const scanned: Hit[] = [];
  let total = Infinity;
  let tookMs = 0;
  for (let offset = 0; offset < total; offset += PAGE) {
    const page = await engine.search(index, { ...query, filters, sort, facets: [], limit: PAGE, offset });
    total = page.total;
    tookMs += page.tookMs;
    if (total > TRAVEL_SCAN_CAP)
      throw new ValidationError([
        {
          path: t.maxMinutes === undefined ? 'query.sort' : 'query.maxMinutes',
          reason: `more than ${TRAVEL_SCAN_CAP} results to time: give a shorter maxMinutes or more filters`,
        },
      ]);
    scanned.push(...page.hits);
    if (page.hits.length === 0) break;
  }
  const from = travel.from(t.from);
  const timed: Hit[] = [];
  for (const h of scanned) {
    const loc = (h.doc as unknown as { location?: { lat: number; lon: number } }).location;
    const route = loc ? from(loc) : null;
    const minutes = route && route.mode !== 'none' ? Math.ceil(route.minutes) : undefined;
    if (t.maxMinutes !== undefined && (minutes === undefined || minutes > t.maxMinutes)) continue;
    timed.push(minutes === undefined ? h : { ...h, travelMinutes: minutes, travelVia: [...route!.ports] });
  }
  if (t.sortByTime)
    timed.sort(
      (a, b) => (a.travelMinutes ?? Infinity) - (b.travelMinutes ?? Infinity) || (a.id < b.id ? -1 : 1),
    );
  const offset = query.offset ?? 0;
  return {
    hits: timed.slice(offset, offset + (query.limit ?? 20)),
    total: timed.length,
    facets: facetCounts(timed, query.facets ?? []),
    tookMs,
  };
}
