import { api, type Fetch } from '$lib/api/client';

/** The crisis dossiers an asset may be linked to, by title; none when the role may not read them. */
export async function crisisOptions(fetch: Fetch): Promise<{ id: string; title: string }[]> {
  return api.list('crisis-cases', { limit: 100 }, fetch).then(
    (p) => p.items.map((c) => ({ id: c.id, title: c.title })).sort((a, b) => a.title.localeCompare(b.title)),
    () => [],
  );
}
