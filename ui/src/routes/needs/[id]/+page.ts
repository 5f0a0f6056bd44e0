import { api } from '$lib/api/client';
import type { ApprovedCandidates, MatchRun } from '$lib/api/types';
import { matchLang } from '$lib/match';
import { session } from '$lib/session.svelte';

export async function load({ params, fetch, parent }) {
  await parent(); // the layout has resolved who is signed in
  // Staff see the ranked run; a company sees only the candidates an operator approved, pseudonymised.
  const company = session.role === 'company';
  const [need, matches, outcomes] = await Promise.allSettled([
    api.get('needs', params.id, fetch),
    company
      ? api.approvedCandidates(params.id, fetch)
      : api.needMatches(params.id, matchLang(), { limit: 20 }, fetch),
    // Where the desk's approved candidates stand (contacted, interviewed, hired...): staff only.
    company ? Promise.resolve([]) : api.outcomeStates(params.id, fetch),
  ]);
  // The firm that asks, by name (the need stores its id).
  const firm =
    need.status === 'fulfilled' ? await api.get('firms', need.value.firmId, fetch).catch(() => null) : null;
  return {
    id: params.id,
    firmName: firm?.name ?? null,
    need: need.status === 'fulfilled' ? need.value : null,
    error: need.status === 'rejected' ? (need.reason as unknown) : null,
    matches: !company && matches.status === 'fulfilled' ? (matches.value as MatchRun) : null,
    approved: company && matches.status === 'fulfilled' ? (matches.value as ApprovedCandidates) : null,
    matchesError: matches.status === 'rejected' ? (matches.reason as unknown) : null,
    outcomes: outcomes.status === 'fulfilled' ? outcomes.value : [],
  };
}
