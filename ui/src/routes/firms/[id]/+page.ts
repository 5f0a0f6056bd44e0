import { api } from '$lib/api/client';
import type { Item } from '$lib/api/types';
import { session } from '$lib/session.svelte';

function settle<T>(p: PromiseSettledResult<T>): { value: T | null; error: unknown } {
  return p.status === 'fulfilled' ? { value: p.value, error: null } : { value: null, error: p.reason };
}

/** The firm, its activity's names, and the needs, opportunities and crisis dossiers that name it. */
export async function load({ params, fetch, parent }) {
  await parent(); // the root layout has read the session
  let firm: Item<'firms'>;
  try {
    firm = await api.get('firms', params.id, fetch);
  } catch (error) {
    return { id: params.id, firm: null, error, nace: null, needs: null, opportunities: null, crises: null };
  }
  const by = (key: string) => new URLSearchParams({ [key]: params.id, sort: 'newest', limit: '50' });
  // A company reads its firm's needs only; the page shows it no other section.
  const staff = session.role !== 'company';
  const none = Promise.resolve({ items: [], total: 0, nextCursor: null });
  const [nace, needs, opportunities, crises] = await Promise.allSettled([
    firm.naceCode ? api.nace(firm.naceCode, undefined, fetch) : Promise.resolve([]),
    api.listPage('needs', by('firmId')),
    staff ? api.listPage('opportunities', by('sourceFirmId')) : none,
    staff ? api.listPage('crisis-cases', by('firmId')) : none,
  ]);
  return {
    id: params.id,
    firm,
    error: null,
    nace: nace.status === 'fulfilled' ? (nace.value.find((n) => n.code === firm.naceCode) ?? null) : null,
    needs: settle(needs),
    opportunities: settle(opportunities),
    crises: settle(crises),
  };
}
