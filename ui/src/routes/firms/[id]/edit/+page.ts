import { api } from '$lib/api/client';
import type { Item } from '$lib/api/types';

export async function load({ params, fetch }) {
  try {
    const firm = await api.get('firms', params.id, fetch);
    const nace = firm.naceCode
      ? await api.nace(firm.naceCode, undefined, fetch).then(
          (rows) => rows.find((n) => n.code === firm.naceCode) ?? null,
          () => null,
        )
      : null;
    return { id: params.id, firm, nace, error: null };
  } catch (error) {
    return { id: params.id, firm: null as Item<'firms'> | null, nace: null, error: error as unknown };
  }
}
