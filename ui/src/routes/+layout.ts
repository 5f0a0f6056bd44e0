import { setupI18n } from '$lib/i18n';
import { waitLocale } from 'svelte-i18n';
import { api } from '$lib/api/client';
import type { About } from '$lib/api/types';

// A single-page app served by the API server: no server rendering, no prerendering.
export const ssr = false;
export const prerender = false;

setupI18n();

export async function load({ fetch }) {
  await waitLocale();
  let about: About | null = null;
  try {
    about = await api.about(fetch);
  } catch {
    about = null;
  }
  return { about };
}
