import { z } from 'zod';
import { INDEX_SETTINGS, type FieldSpec, type IndexName } from '../../search/documents.js';

/** Filterable fields of an index with their type (the allowlist a query parameter must be in). */
export function filterableFields(index: IndexName): [string, FieldSpec][] {
  return Object.entries(INDEX_SETTINGS[index].fields as Record<string, FieldSpec>).filter(
    ([name, spec]) => spec.filter && spec.type !== 'geo' && name !== 'id',
  );
}

/**
 * The values `sort` may take on an index: relevance, distance, and field:asc|desc for each sortable
 * field. The location is sorted by distance only: no engine can order points by themselves, and
 * `location:asc` reached the embedded engine as an attribute sort and failed there (finding 16).
 */
export function sortValues(index: IndexName): string[] {
  const fields = Object.entries(INDEX_SETTINGS[index].fields as Record<string, FieldSpec>)
    .filter(([, spec]) => spec.sort && spec.type !== 'geo')
    .map(([name]) => name);
  return ['relevance', 'distance', 'travelTime', ...fields.flatMap((f) => [`${f}:asc`, `${f}:desc`])];
}

const describeFilter = (spec: FieldSpec) =>
  spec.type === 'number' || spec.type === 'date'
    ? 'a value or a range min..max (either side may be empty)'
    : spec.type === 'boolean'
      ? 'true or false'
      : 'a value, or several separated by commas';

/**
 * The query string of GET /search/{index}: the common parameters plus one per filterable field.
 * Generated from the index settings, so the OpenAPI document lists every filter and unknown
 * parameters are rejected.
 */
/**
 * The parameters that steer a search. A field of an index may never share one of these names: it would
 * be read both as the control and as a filter on the field (needs once had a `radiusKm` field, so a
 * 50 km search also meant "needs whose own radius is 50").
 */
export const CONTROL_PARAMETERS = [
  'q',
  'facets',
  'lat',
  'lon',
  'radiusKm',
  'maxMinutes',
  'sort',
  'limit',
  'offset',
] as const;

export function assertNoControlFieldClash(index: IndexName): void {
  const clash = filterableFields(index)
    .map(([name]) => name)
    .filter((name) => (CONTROL_PARAMETERS as readonly string[]).includes(name));
  if (clash.length > 0)
    throw new Error(`index ${index}: field(s) ${clash.join(', ')} clash with search control parameters`);
}

export function searchQuerySchema(index: IndexName) {
  assertNoControlFieldClash(index);
  const filters = Object.fromEntries(
    filterableFields(index).map(([name, spec]) => [
      name,
      z.string().max(500).optional().describe(describeFilter(spec)),
    ]),
  );
  return z.strictObject({
    q: z.string().max(200).optional(),
    facets: z.string().max(500).optional().describe('comma-separated facet fields'),
    lat: z.coerce.number().min(-90).max(90).optional(),
    lon: z.coerce.number().min(-180).max(180).optional(),
    radiusKm: z.coerce.number().positive().max(1000).optional(),
    maxMinutes: z.coerce
      .number()
      .int()
      .min(1)
      .max(900)
      .optional()
      .describe('door-to-door travel time from lat/lon (a municipality point), by road and all-year ferries'),
    sort: z
      .enum(sortValues(index) as [string, ...string[]])
      .default('relevance')
      .describe('distance and travelTime need lat and lon'),
    limit: z.coerce.number().int().min(0).max(100).default(20).describe('0: totals and facets only'),
    offset: z.coerce.number().int().min(0).max(9_900).default(0),
    ...filters,
  });
}

const HighlightSchema = z.object({
  text: z.string(),
  ranges: z.array(z.object({ start: z.number(), end: z.number() })),
});

export const SearchResponseSchema = z.object({
  hits: z.array(
    z.object({
      id: z.string(),
      score: z.number().optional(),
      distanceKm: z.number().optional(),
      travelMinutes: z.number().optional().describe('with maxMinutes or sort=travelTime'),
      travelVia: z.array(z.string()).optional().describe('ports of the crossings on the way; empty by road'),
      highlights: z.record(z.string(), HighlightSchema),
      doc: z.record(z.string(), z.unknown()),
    }),
  ),
  total: z.number(),
  facets: z.record(z.string(), z.record(z.string(), z.number())),
  took: z.number().describe('milliseconds spent in the search engine'),
});

export const SuggestQuerySchema = z.strictObject({
  q: z.string().trim().min(1).max(100),
  indexes: z
    .string()
    .max(100)
    .optional()
    .describe('comma-separated; default: every index the role may search'),
  limit: z.coerce.number().int().min(1).max(20).default(8),
});

export const SuggestResponseSchema = z.array(
  z.object({ index: z.string(), id: z.string(), label: z.string(), highlight: HighlightSchema.optional() }),
);
