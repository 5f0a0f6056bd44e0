// The search pages keep all their state in the URL. The URL's parameters are the API's parameters,
// plus a few that only the UI reads (UI_ONLY), so a shared link reproduces the same request.

export const UI_ONLY = ['near', 'sel'] as const;

// Only fields the search engine declares facetable: asking for another one is a 400.
// A crisis case is a filter (`crisisCaseId=`, linked from its dossier), not a facet.
export const ASSET_FACETS = [
  'kind',
  'category',
  'region',
  'province',
  'availability',
  'condition',
  'supplyChains',
  'quayAccess',
  'status',
] as const;

export const ASSET_RANGES = [
  'coveredAreaM2',
  'landAreaM2',
  'powerKw',
  'craneTonnage',
  'priceEur',
  'year',
] as const;

export const ASSET_SORTS = [
  'relevance',
  'distance',
  'coveredAreaM2:desc',
  'createdAt:desc',
  'availableUntil:asc',
] as const;

export const PROFILE_FACETS = [
  'iscoGroups',
  'deskId',
  'desiredPaths',
  'languages',
  'eqfLevel',
  'employmentStatus',
  'region',
  'supplyChains',
] as const;

export const PAGE_SIZE = 50;

/** Multi-valued filters travel as one comma-separated parameter. */
export function getList(p: URLSearchParams, key: string): string[] {
  const v = p.get(key);
  return v ? v.split(',').filter(Boolean) : [];
}

export function setList(p: URLSearchParams, key: string, values: string[]): void {
  if (values.length) p.set(key, values.join(','));
  else p.delete(key);
}

export function parseRange(v: string | null): { min: string; max: string } {
  if (!v) return { min: '', max: '' };
  const [min = '', max = ''] = v.split('..');
  return { min, max };
}

export function formatRange(min: string, max: string): string | null {
  if (!min && !max) return null;
  return `${min}..${max}`;
}

/** The API query for a page URL: drop UI-only parameters, ask for facets and a page. */
export function apiQuery(url: URL, facets: readonly string[]): URLSearchParams {
  const p = new URLSearchParams(url.searchParams);
  for (const k of UI_ONLY) p.delete(k);
  p.delete('lang');
  if (p.get('sort') === 'relevance') p.delete('sort');
  p.set('facets', facets.join(','));
  p.set('limit', String(PAGE_SIZE));
  return p;
}
