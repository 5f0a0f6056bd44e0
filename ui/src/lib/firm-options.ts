import { api, type Fetch } from '$lib/api/client';

// Firms to choose from in a form: by name in the UI's collation, and two firms with the same name told
// apart by where they are and their tax number (the demo and real registers both have namesakes).
export interface FirmLike {
  id: string;
  name: string;
  vatNumber?: string | null;
  siret?: string | null;
  municipality?: { name: string } | null;
}

export function firmOptions(firms: readonly FirmLike[], locale = 'it'): { id: string; name: string }[] {
  const count = new Map<string, number>();
  for (const f of firms)
    count.set(f.name.trim().toLowerCase(), (count.get(f.name.trim().toLowerCase()) ?? 0) + 1);
  return firms
    .map((f) => {
      if ((count.get(f.name.trim().toLowerCase()) ?? 0) < 2) return { id: f.id, name: f.name };
      const where = [f.municipality?.name, f.vatNumber ?? f.siret].filter(Boolean).join(' · ');
      return { id: f.id, name: where ? `${f.name} (${where})` : f.name };
    })
    .sort((a, b) => a.name.localeCompare(b.name, locale, { sensitivity: 'base' }));
}

/** The firms a form may name, as `firmOptions`; none when the role may not list them. */
export async function loadFirmOptions(fetch: Fetch, locale = 'it'): Promise<{ id: string; name: string }[]> {
  return api.list('firms', { limit: 100 }, fetch).then(
    (p) => firmOptions(p.items, locale),
    () => [],
  );
}
