// The URL-state scaffolding of the search pages (assets, profiles): every filter lives in the page URL
// (see search-state.ts), the text box and the municipality box follow it, typing updates it after a pause.
import { goto } from '$app/navigation';
import { page } from '$app/state';
import type { Municipality } from '$lib/api/types';
import { PAGE_SIZE } from '$lib/search-state';

const NEAR = ['near', 'lat', 'lon', 'radiusKm', 'maxMinutes'] as const;
/** Orders that need a starting point; they go when the point does. */
const FROM_POINT_SORTS = ['distance', 'travelTime'];

export function useUrlSearch(opts: { typingMs?: number; radiusKm?: number } = {}) {
  const params = $derived(page.url.searchParams);
  let q = $state(page.url.searchParams.get('q') ?? '');
  let nearText = $state(page.url.searchParams.get('near') ?? '');
  let typing: ReturnType<typeof setTimeout> | undefined;
  let lastTyped = '';
  /** The parameters of a navigation under way, until it lands. */
  let pending: URLSearchParams | null = null;

  // Back/forward and shared links: the boxes follow the URL unless the user is typing.
  $effect(() => {
    const fromUrl = params.get('q') ?? '';
    if (fromUrl !== lastTyped) q = fromUrl;
    nearText = params.get('near') ?? '';
  });

  /** A new URL from the current one; a new filter goes back to the first page unless `keepOffset`. */
  function navigate(
    mutate: (p: URLSearchParams) => void,
    how: { keepOffset?: boolean; replace?: boolean } = {},
  ) {
    // A throwaway copy to build the next URL from, not state. Built on the URL still being loaded, if
    // any: a range committed as its box loses focus and the facet ticked in the same click both count
    // (the second change used to start from the old URL and drop the first).
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const p = new URLSearchParams(pending ?? page.url.searchParams);
    mutate(p);
    if (!how.keepOffset) p.delete('offset');
    const mine = p;
    pending = mine;
    const s = p.toString();
    void goto(s ? `?${s}` : page.url.pathname, {
      keepFocus: true,
      noScroll: true,
      replaceState: how.replace ?? false,
    }).finally(() => {
      if (pending === mine) pending = null;
    });
  }

  /** The text box's input handler: one history entry per search, not one per key. */
  function onType() {
    clearTimeout(typing);
    typing = setTimeout(() => {
      const wasTyping = (page.url.searchParams.get('q') ?? '') !== '' && lastTyped !== '';
      lastTyped = q;
      navigate((p) => (q.trim() ? p.set('q', q) : p.delete('q')), { replace: wasTyping });
    }, opts.typingMs ?? 250);
  }

  function setNear(m: Municipality) {
    navigate((p) => {
      p.set('near', m.name);
      p.set('lat', String(m.lat));
      p.set('lon', String(m.lon));
      if (!p.get('radiusKm') && !p.get('maxMinutes')) p.set('radiusKm', String(opts.radiusKm ?? 30));
    });
  }

  function clearNear() {
    nearText = '';
    navigate((p) => {
      for (const k of NEAR) p.delete(k);
      if (FROM_POINT_SORTS.includes(p.get('sort') ?? '')) p.delete('sort');
    });
  }

  function clearAll() {
    pending = null;
    q = '';
    lastTyped = '';
    void goto(page.url.pathname, { keepFocus: true, noScroll: true });
  }

  const offset = $derived(Number(params.get('offset') ?? 0));

  return {
    get params() {
      return params;
    },
    get q() {
      return q;
    },
    set q(v: string) {
      q = v;
    },
    get nearText() {
      return nearText;
    },
    set nearText(v: string) {
      nearText = v;
    },
    get offset() {
      return offset;
    },
    navigate,
    onType,
    setNear,
    clearNear,
    clearAll,
    /** Another page of results. */
    toOffset: (to: number) => navigate((p) => p.set('offset', String(Math.max(0, to))), { keepOffset: true }),
    pageSize: PAGE_SIZE,
  };
}

export type UrlSearch = ReturnType<typeof useUrlSearch>;
