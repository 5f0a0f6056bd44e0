import { api } from '$lib/api/client';
import type { Item } from '$lib/api/types';
import { crisisOptions } from '$lib/crisis-options';

export async function load({ params, fetch }) {
  const crises = crisisOptions(fetch);
  try {
    return {
      id: params.id,
      asset: await api.get('assets', params.id, fetch),
      error: null,
      crises: await crises,
    };
  } catch (error) {
    return {
      id: params.id,
      asset: null as Item<'assets'> | null,
      error: error as unknown,
      crises: await crises,
    };
  }
}
