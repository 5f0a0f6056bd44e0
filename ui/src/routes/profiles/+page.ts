import { api } from '$lib/api/client';
import type { ProfileDoc, SearchResult } from '$lib/api/types';
import { apiQuery, PROFILE_FACETS } from '$lib/search-state';

export async function load({ url, fetch }) {
  const query = apiQuery(url, PROFILE_FACETS);
  const started = performance.now();
  try {
    const result: SearchResult<ProfileDoc> = await api.searchProfiles(query, fetch);
    return { result, error: null, elapsedMs: Math.round(performance.now() - started) };
  } catch (error) {
    return { result: null, error, elapsedMs: 0 };
  }
}
