import { api } from '$lib/api/client';
import type { MatchRun } from '$lib/api/types';
import { matchLang } from '$lib/match';

export async function load({ params, fetch }) {
  const [profile, matches] = await Promise.allSettled([
    api.get('profiles', params.id, fetch),
    api.profileMatches(params.id, matchLang(), fetch),
  ]);
  return {
    id: params.id,
    profile: profile.status === 'fulfilled' ? profile.value : null,
    error: profile.status === 'rejected' ? (profile.reason as unknown) : null,
    matches: matches.status === 'fulfilled' ? (matches.value as MatchRun) : null,
    matchesError: matches.status === 'rejected' ? (matches.reason as unknown) : null,
  };
}
