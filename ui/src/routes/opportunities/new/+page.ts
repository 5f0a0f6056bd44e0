import { session } from '$lib/session.svelte';
import { api } from '$lib/api/client';
import { requireCreate } from '$lib/may-create';
import type { CrisisOption } from '$lib/opportunity-form';
import { firmOptions } from '$lib/firm-options';
import { matchLang } from '$lib/match';

export async function load({ url, fetch, parent }) {
  await parent(); // the root layout has read the session
  requireCreate(session.role, 'opportunities');
  const [crises, firms] = await Promise.allSettled([
    api.list('crisis-cases', { limit: 100 }, fetch),
    api.list('firms', { limit: 100 }, fetch),
  ]);
  return {
    preselected: url.searchParams.get('crisisCaseId') ?? '',
    crises:
      crises.status === 'fulfilled'
        ? crises.value.items.map((c): CrisisOption => ({
            id: c.id,
            title: c.title,
            firmId: c.firmId ?? null,
            supplyChain: (c.supplyChain as CrisisOption['supplyChain']) ?? null,
            municipality: c.municipality ?? null,
          }))
        : [],
    firms: firms.status === 'fulfilled' ? firmOptions(firms.value.items, matchLang()) : [],
    error: crises.status === 'rejected' ? (crises.reason as unknown) : null,
  };
}
