import { session } from '$lib/session.svelte';
import { requireCreate } from '$lib/may-create';
import { api } from '$lib/api/client';

// The crisis dossiers a worker may come from, by title (never an id to type); a link from a dossier
// ("register a worker of this crisis") preselects it.
export async function load({ fetch, url, parent }) {
  await parent();
  requireCreate(session.role, 'profiles');
  const crises = await api.list('crisis-cases', { limit: 100 }, fetch).then(
    (p) => p.items.map((c) => ({ id: c.id, title: c.title })).sort((a, b) => a.title.localeCompare(b.title)),
    () => [] as { id: string; title: string }[],
  );
  const wanted = url.searchParams.get('crisisCaseId') ?? '';
  return { crises, crisisCaseId: crises.some((c) => c.id === wanted) ? wanted : '' };
}
