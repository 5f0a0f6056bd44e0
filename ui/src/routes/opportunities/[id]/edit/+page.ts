import { api, API } from '$lib/api/client';
import { firmOptions } from '$lib/firm-options';
import { matchLang } from '$lib/match';
import type { CrisisOption } from '$lib/opportunity-form';

// The stored opportunity, the names of its roles and key skills, and what the shared form chooses from.
export async function load({ params, fetch }) {
  const lang = matchLang();
  const [opportunity, crises, firms] = await Promise.allSettled([
    api.get('opportunities', params.id, fetch),
    api.list('crisis-cases', { limit: 100 }, fetch),
    api.list('firms', { limit: 100 }, fetch),
  ]);
  if (opportunity.status === 'rejected')
    return {
      id: params.id,
      opportunity: null,
      error: opportunity.reason as unknown,
      labels: {},
      crises: [],
      firms: [],
    };
  const o = opportunity.value;
  const uris = [...new Set(o.roles.flatMap((r) => [r.occupationUri, ...r.keySkills]))];
  const labels: Record<string, string> = {};
  if (uris.length) {
    const res = await fetch(
      `${API}/reference/labels?uris=${encodeURIComponent(uris.join(','))}&lang=${lang}`,
    );
    if (res.ok)
      for (const row of (await res.json()) as { uri: string; label: string }[]) labels[row.uri] = row.label;
  }
  return {
    id: params.id,
    opportunity: o,
    error: null as unknown,
    labels,
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
    firms: firms.status === 'fulfilled' ? firmOptions(firms.value.items, lang) : [],
  };
}
