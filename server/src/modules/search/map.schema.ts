import { z } from 'zod';
import { ValidationError } from '../../errors.js';
import type { BBox } from './map-clusters.js';
import { searchQuerySchema } from './search.schema.js';

const NUM = String.raw`-?\d+(?:\.\d+)?`;

export const AssetMapQuerySchema = searchQuerySchema('assets')
  .omit({ limit: true, offset: true, facets: true, sort: true })
  .extend({
    zoom: z.coerce.number().int().min(0).max(20).default(7).describe('the map zoom the clusters are for'),
    bbox: z
      .string()
      .regex(new RegExp(`^${NUM},${NUM},${NUM},${NUM}$`), 'south,west,north,east in degrees')
      .optional()
      .describe('south,west,north,east: only results inside this box'),
  });

export function parseBBox(raw: string): BBox {
  const [south, west, north, east] = raw.split(',').map(Number) as [number, number, number, number];
  if (south > north) throw new ValidationError([{ path: 'query.bbox', reason: 'south is north of north' }]);
  if (west > east) throw new ValidationError([{ path: 'query.bbox', reason: 'west is east of east' }]);
  if (Math.abs(south) > 90 || Math.abs(north) > 90 || Math.abs(west) > 180 || Math.abs(east) > 180)
    throw new ValidationError([
      { path: 'query.bbox', reason: 'latitudes within ±90, longitudes within ±180' },
    ]);
  return { south, west, north, east };
}

const MapPointSchema = z.object({
  id: z.string(),
  lat: z.number(),
  lon: z.number(),
  title: z.string(),
  kind: z.string().optional(),
  status: z.string().optional(),
  municipality: z.string().optional(),
  province: z.string().optional(),
});

export const AssetMapResponseSchema = z.object({
  total: z.number().describe('results of the search'),
  mapped: z.number().describe('results on the map (those with a location, up to the window)'),
  capped: z.boolean().describe('true when the search has more results than the map can read'),
  clusters: z.array(
    z.object({
      lat: z.number(),
      lon: z.number(),
      count: z.number(),
      bounds: z.tuple([z.number(), z.number(), z.number(), z.number()]),
      points: z.array(MapPointSchema).optional(),
    }),
  ),
});
