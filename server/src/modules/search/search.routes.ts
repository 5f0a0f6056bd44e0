import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../../auth/access.js';
import { INDEX_NAMES } from '../../search/documents.js';
import { errorResponses, ErrorResponseSchema } from '../shared/schemas.js';
import {
  searchQuerySchema,
  SearchResponseSchema,
  SuggestQuerySchema,
  SuggestResponseSchema,
} from './search.schema.js';
import { SEARCH_ACCESS, type SearchService } from './search.service.js';
import { AssetMapQuerySchema, AssetMapResponseSchema, parseBBox } from './map.schema.js';

export function searchRoutes(app: FastifyInstance, service: SearchService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const index of INDEX_NAMES) {
    r.get(
      `/search/${index}`,
      {
        config: { access: SEARCH_ACCESS[index] },
        schema: {
          tags: ['search'],
          description: `Full-text, faceted and geographic search over ${index}.`,
          querystring: searchQuerySchema(index),
          response: { 200: SearchResponseSchema, ...errorResponses, 503: ErrorResponseSchema },
        },
      },
      (req) =>
        service.search(index, req.query as Record<string, string | number | undefined>, principalOf(req)),
    );
  }
  r.get(
    '/search/assets/map',
    {
      config: { access: SEARCH_ACCESS.assets },
      schema: {
        tags: ['search'],
        description:
          'Every result of an asset search (the same filters as /search/assets), clustered on a grid for the map zoom, optionally within a box. Single results and results sharing one point carry what a popup card needs.',
        querystring: AssetMapQuerySchema,
        response: { 200: AssetMapResponseSchema, ...errorResponses, 503: ErrorResponseSchema },
      },
    },
    (req) => {
      const { zoom, bbox, ...raw } = req.query;
      return service.assetMap(
        raw as Record<string, string | number | undefined>,
        zoom,
        bbox ? parseBBox(bbox) : undefined,
        principalOf(req),
      );
    },
  );
  r.get(
    '/suggest',
    {
      config: { access: ['admin', 'operator', 'marketing', 'company'] },
      schema: {
        tags: ['search'],
        description: 'As-you-type suggestions across the indexes the caller may search.',
        querystring: SuggestQuerySchema,
        response: { 200: SuggestResponseSchema, ...errorResponses, 503: ErrorResponseSchema },
      },
    },
    (req) => service.suggest(req.query.q, req.query.indexes, req.query.limit, principalOf(req)),
  );
}
