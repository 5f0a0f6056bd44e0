import { api } from '$lib/api/client';
import type { TeamLockState, TeamResult } from '$lib/api/types';
import { matchLang } from '$lib/match';

export async function load({ params, fetch }) {
  const [opportunity, team, teamLock] = await Promise.allSettled([
    api.get('opportunities', params.id, fetch),
    api.opportunityTeam(params.id, matchLang(), fetch),
    api.teamLock(params.id, fetch),
  ]);
  // The assets the opportunity would use, by title (it stores their ids).
  const assetIds = opportunity.status === 'fulfilled' ? opportunity.value.assetIds.slice(0, 50) : [];
  const assets = (await Promise.allSettled(assetIds.map((id) => api.get('assets', id, fetch))))
    .filter((a) => a.status === 'fulfilled')
    .map((a) => ({ id: a.value.id, title: a.value.title }));
  return {
    id: params.id,
    assets,
    opportunity: opportunity.status === 'fulfilled' ? opportunity.value : null,
    error: opportunity.status === 'rejected' ? (opportunity.reason as unknown) : null,
    team: team.status === 'fulfilled' ? (team.value as TeamResult) : null,
    teamError: team.status === 'rejected' ? (team.reason as unknown) : null,
    teamLock: teamLock.status === 'fulfilled' ? (teamLock.value as TeamLockState) : null,
  };
}
