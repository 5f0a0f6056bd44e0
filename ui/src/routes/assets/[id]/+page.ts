import { api } from '$lib/api/client';

export async function load({ params, fetch }) {
  try {
    const asset = await api.get('assets', params.id, fetch);
    return { id: params.id, asset, error: null };
  } catch (error) {
    return { id: params.id, asset: null, error };
  }
}
