import { api } from '$lib/api/client';

export async function load({ fetch }) {
  try {
    const [notifications, searches] = await Promise.all([api.notifications(fetch), api.savedSearches(fetch)]);
    return { notifications, searches, error: null };
  } catch (error) {
    return { notifications: null, searches: null, error };
  }
}
