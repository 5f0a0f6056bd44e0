import { api } from '$lib/api/client';
import type { Entity } from '$lib/api/types';

export async function load({ params, fetch }) {
  try {
    const asset = await api.get<Entity>('assets', params.id, fetch);
    return { id: params.id, asset, error: null };
  } catch (error) {
    return { id: params.id, asset: null, error };
  }
}
