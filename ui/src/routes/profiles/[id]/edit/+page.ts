import { browser } from '$app/environment';
import { get } from 'svelte/store';
import { locale } from 'svelte-i18n';
import { api } from '$lib/api/client';
import type { ProfileRecord } from '$lib/api/types';

// The profile as stored (with `personal` only for its own desk) and the labels of its ESCO concepts:
// occupations from the search document, skills from the occupations' ESCO skill lists.
export async function load({ params, fetch }) {
  let profile: ProfileRecord;
  try {
    profile = await api.get('profiles', params.id, fetch);
  } catch (error) {
    return { id: params.id, profile: null, error, labels: {} as Record<string, string> };
  }
  const lang = (browser ? get(locale) : null) ?? 'it';
  const labels: Record<string, string> = {};
  const [doc, ...lists] = await Promise.allSettled([
    api.searchProfiles(new URLSearchParams({ code: profile.code, limit: '1' }), fetch),
    ...profile.occupations.map((o) => api.occupationSkills(o.uri, lang, fetch)),
  ]);
  if (doc.status === 'fulfilled') {
    const d = doc.value.hits.find((h) => h.id === profile.id)?.doc;
    (d?.occupationUris ?? []).forEach((uri, i) => {
      const label = d?.occupationLabels?.[i];
      if (label) labels[uri] = label;
    });
  }
  for (const l of lists)
    if (l.status === 'fulfilled')
      for (const s of [...l.value.essential, ...l.value.optional]) labels[s.uri] ??= s.label;
  return { id: params.id, profile, error: null as unknown, labels };
}
