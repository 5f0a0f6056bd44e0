import type { Config } from '../config.js';
import { EmbeddedSearchAdapter } from './embedded.adapter.js';
import { MeilisearchAdapter } from './meilisearch.adapter.js';
import type { SearchPort } from './search.port.js';

/** The one place that chooses the search adapter: Meilisearch when configured, else the embedded engine. */
export async function createSearch(config: Config['search']): Promise<SearchPort> {
  if (config.kind === 'meilisearch')
    return MeilisearchAdapter.connect({ host: config.url, apiKey: config.apiKey });
  return new EmbeddedSearchAdapter();
}
