// The search pages keep all their state in the URL. The URL's parameters are the API's parameters,
// plus a few that only the UI reads (UI_ONLY), so a shared link reproduces the same request.

export const UI_ONLY = ['near', 'sel', 'view'] as const;

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

/** Every asset status, in the order of an asset's life. */
export const ASSET_STATUSES = ['draft', 'available', 'reserved', 'assigned', 'withdrawn', 'expired'] as const;
/**
 * What a marketing officer looks for unless asked otherwise: assets on offer. Withdrawn, assigned and
 * draft assets appear only when their status is ticked (`status=` in the URL); `status=all` lifts it.
 */
export const ASSET_DEFAULT_STATUSES = ['available', 'reserved'] as const;
export const ALL_STATUSES = 'all';

/** The statuses an asset search is limited to, from the page URL. */
export function assetStatuses(p: URLSearchParams): string[] {
  const v = p.get('status');
  if (v === ALL_STATUSES) return [...ASSET_STATUSES];
  return v ? getList(p, 'status') : [...ASSET_DEFAULT_STATUSES];
}

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
  'travelTime',
  'coveredAreaM2:desc',
  'createdAt:desc',
  'availableUntil:asc',
] as const;

/**
 * How far from the chosen municipality: a circle (`radiusKm`) or a door-to-door travel time by road and
 * all-year ferries (`maxMinutes`, issue 18); one or the other is in the URL, never both.
 */
export const NEAR_RADII_KM = ['5', '10', '20', '30', '50', '100'] as const;
export const NEAR_MINUTES = ['15', '30', '45', '60', '90', '120', '180', '240'] as const;

/** The reach in the URL as one value, `km:30` or `min:60`, for the single "within" select. */
export function nearReach(p: URLSearchParams): string {
  const m = p.get('maxMinutes');
  return m ? `min:${m}` : `km:${p.get('radiusKm') ?? '30'}`;
}

export function setNearReach(p: URLSearchParams, reach: string): void {
  const [unit, value = ''] = reach.split(':');
  if (unit === 'min') {
    p.set('maxMinutes', value);
    p.delete('radiusKm');
  } else {
    p.set('radiusKm', value);
    p.delete('maxMinutes');
  }
}

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

/** The API query of the asset search page: the generic one, with the default statuses applied. */
export function assetApiQuery(url: URL): URLSearchParams {
  const p = apiQuery(url, ASSET_FACETS);
  if (p.get('status') === ALL_STATUSES) p.delete('status');
  else if (!p.get('status')) p.set('status', ASSET_DEFAULT_STATUSES.join(','));
  return p;
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
