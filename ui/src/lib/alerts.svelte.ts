// The unread-notification count shown in the header, refreshed on navigation and after reading.
import { api } from '$lib/api/client';

export const alertsState = $state({ unread: 0 });

export async function refreshUnread(): Promise<void> {
  try {
    alertsState.unread = (await api.notifications()).unread;
  } catch {
    // Signed out or the server unreachable: the header keeps the last count.
  }
}
