import { redirect } from '@sveltejs/kit';
import { setupI18n } from '$lib/i18n';
import { waitLocale } from 'svelte-i18n';
import { api } from '$lib/api/client';
import type { About } from '$lib/api/types';

// A single-page app served by the API server: no server rendering, no prerendering.
export const ssr = false;
export const prerender = false;

setupI18n();

export async function load({ fetch, url, depends }) {
  depends('app:session');
  await waitLocale();
  const [about, me] = await Promise.all([
    api.about(fetch).catch(() => null as About | null),
    api.me(fetch).catch(() => null),
  ]);
  if (!me && url.pathname !== '/sign-in') {
    redirect(307, `/sign-in?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return { about };
}
