import { api } from '$lib/api/client';
import type { AssetDoc, SearchResult } from '$lib/api/types';
import { assetApiQuery } from '$lib/search-state';

export async function load({ url, fetch }) {
  const query = assetApiQuery(url);
  const started = performance.now();
  try {
    const result: SearchResult<AssetDoc> = await api.searchAssets(query, fetch);
    return {
      result,
      error: null,
      query: query.toString(),
      elapsedMs: Math.round(performance.now() - started),
    };
  } catch (error) {
    return { result: null, error, query: query.toString(), elapsedMs: 0 };
  }
}
