import { api } from '$lib/api/client';
import type { TeamResult } from '$lib/api/types';
import { matchLang } from '$lib/match';

export async function load({ params, fetch }) {
  const [opportunity, team] = await Promise.allSettled([
    api.get('opportunities', params.id, fetch),
    api.opportunityTeam(params.id, matchLang(), fetch),
  ]);
  return {
    id: params.id,
    opportunity: opportunity.status === 'fulfilled' ? opportunity.value : null,
    error: opportunity.status === 'rejected' ? (opportunity.reason as unknown) : null,
    team: team.status === 'fulfilled' ? (team.value as TeamResult) : null,
    teamError: team.status === 'rejected' ? (team.reason as unknown) : null,
  };
}
