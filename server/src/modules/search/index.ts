/** The search module's public surface for other modules. */
export { searchQuerySchema } from './search.schema.js';
export { engineQueryFor, SEARCH_ACCESS, type SearchService } from './search.service.js';
export { searchByTravelTime } from './travel-search.js';
export { MIN_AGGREGATE_COUNT, protectCount, protectFacets } from './people-aggregates.js';
export { AssetMapQuerySchema, parseBBox } from './map.schema.js';
