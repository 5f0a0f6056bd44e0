import { ValidationError } from '../../errors.js';

/**
 * What a marketing officer may learn about people: counts only, over fixed dimensions, never about one
 * person. Three protections, each closing a way an outside review singled someone out:
 * - fixed dimensions: no free text, no pseudonymous code, no id, skill or crisis filter; a radius only
 *   from a fixed set (so two nearly equal circles cannot be differenced);
 * - minimum cell size: a count under MIN_AGGREGATE_COUNT is suppressed (shown as 0);
 * - rounding to a base: every count shown is rounded to the nearest ROUNDING_BASE, so the difference of
 *   two answers, or a total minus its visible cells, can no longer isolate one person.
 * The same holds for every principal that sees people only in aggregate (docs/decisions/0004-people-in-aggregate.md).
 */
export const MIN_AGGREGATE_COUNT = 5;
export const ROUNDING_BASE = 5;
export const AGGREGATE_RADII_KM = [10, 20, 30, 50, 100] as const;
export const AGGREGATE_DIMENSIONS = [
  'region',
  'province',
  'iscoGroups',
  'occupationUris',
  'supplyChains',
  'employmentStatus',
  'desiredPaths',
  'languages',
  'eqfLevel',
  'drivingLicences',
] as const;

const ALLOWED_PARAMETERS = new Set<string>([
  ...AGGREGATE_DIMENSIONS,
  'facets',
  'lat',
  'lon',
  'radiusKm',
  'limit',
  'offset',
  'sort',
]);

/** Refuses, naming the parameter, any part of a query that could pick out individuals. */
export function assertAggregateQuery(raw: Record<string, unknown>): void {
  const refused = Object.keys(raw).filter(
    (k) => raw[k] !== undefined && raw[k] !== '' && !ALLOWED_PARAMETERS.has(k),
  );
  if (refused.length > 0)
    throw new ValidationError(
      refused.map((k) => ({
        path: `query.${k}`,
        reason: `people are counted over fixed dimensions only: ${AGGREGATE_DIMENSIONS.join(', ')}`,
      })),
    );
  const facets =
    typeof raw.facets === 'string'
      ? raw.facets
          .split(',')
          .map((f) => f.trim())
          .filter(Boolean)
      : [];
  const badFacets = facets.filter((f) => !(AGGREGATE_DIMENSIONS as readonly string[]).includes(f));
  if (badFacets.length > 0)
    throw new ValidationError([
      { path: 'query.facets', reason: `not an aggregate dimension: ${badFacets.join(', ')}` },
    ]);
  if (raw.radiusKm !== undefined && !(AGGREGATE_RADII_KM as readonly number[]).includes(Number(raw.radiusKm)))
    throw new ValidationError([
      { path: 'query.radiusKm', reason: `one of ${AGGREGATE_RADII_KM.join(', ')} km` },
    ]);
}

/** A count as it may be shown: suppressed under the minimum, otherwise rounded to the base. */
export function protectCount(n: number): number {
  if (n < MIN_AGGREGATE_COUNT) return 0;
  return Math.round(n / ROUNDING_BASE) * ROUNDING_BASE;
}

/** Facet cells that survive suppression, each rounded; suppressed cells are left out entirely. */
export function protectFacets(facets: Record<string, Record<string, number>>) {
  return Object.fromEntries(
    Object.entries(facets).map(([field, counts]) => [
      field,
      Object.fromEntries(
        Object.entries(counts)
          .filter(([, n]) => n >= MIN_AGGREGATE_COUNT)
          .map(([value, n]) => [value, protectCount(n)]),
      ),
    ]),
  );
}
