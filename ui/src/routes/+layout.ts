import { redirect } from '@sveltejs/kit';
import { setupI18n } from '$lib/i18n';
import { waitLocale } from 'svelte-i18n';
import { api } from '$lib/api/client';
import type { About } from '$lib/api/types';
import { isPublicPath } from '$lib/nav';
import { session } from '$lib/session.svelte';

// A single-page app served by the API server: no server rendering, no prerendering.
export const ssr = false;
export const prerender = false;

setupI18n();

export async function load({ fetch, url, depends }) {
  depends('app:session');
  await waitLocale();
  // Signed in a moment ago and not any more: the session expired or was ended elsewhere.
  const wasSignedIn = session.user !== null;
  const [about, me] = await Promise.all([
    api.about(fetch).catch(() => null as About | null),
    api.me(fetch).catch(() => null),
  ]);
  if (!me && !isPublicPath(url.pathname)) {
    const expired = wasSignedIn ? 'expired=1&' : '';
    redirect(307, `/sign-in?${expired}next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return { about };
}
