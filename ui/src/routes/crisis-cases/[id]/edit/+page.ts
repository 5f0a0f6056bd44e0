import { api } from '$lib/api/client';
import type { Item } from '$lib/api/types';
import { loadFirmOptions } from '$lib/firm-options';

export async function load({ params, fetch }) {
  const firms = loadFirmOptions(fetch);
  try {
    return {
      id: params.id,
      crisis: await api.get('crisis-cases', params.id, fetch),
      error: null,
      firms: await firms,
    };
  } catch (error) {
    return {
      id: params.id,
      crisis: null as Item<'crisis-cases'> | null,
      error: error as unknown,
      firms: await firms,
    };
  }
}
