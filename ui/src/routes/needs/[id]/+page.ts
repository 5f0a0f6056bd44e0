import { api } from '$lib/api/client';
import type { Entity, MatchRun } from '$lib/api/types';

export async function load({ params, fetch }) {
  const [need, matches] = await Promise.allSettled([
    api.get<Entity>('needs', params.id, fetch),
    api.needMatches(params.id, { limit: 20 }, fetch),
  ]);
  return {
    id: params.id,
    need: need.status === 'fulfilled' ? need.value : null,
    error: need.status === 'rejected' ? (need.reason as unknown) : null,
    matches: matches.status === 'fulfilled' ? (matches.value as MatchRun) : null,
    matchesError: matches.status === 'rejected' ? (matches.reason as unknown) : null,
  };
}
