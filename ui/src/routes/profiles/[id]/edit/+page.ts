import { browser } from '$app/environment';
import { get } from 'svelte/store';
import { locale } from 'svelte-i18n';
import { api } from '$lib/api/client';
import type { Entity, ProfileDoc } from '$lib/api/types';

// The profile as stored (with `personal` only for its own desk) and the labels of its ESCO concepts:
// occupations from the search document, skills from the occupations' ESCO skill lists.
export async function load({ params, fetch }) {
  let profile: Entity;
  try {
    profile = await api.get<Entity>('profiles', params.id, fetch);
  } catch (error) {
    return { id: params.id, profile: null, error, labels: {} as Record<string, string> };
  }
  const lang = ((browser ? get(locale) : null) ?? 'it').slice(0, 2);
  const labels: Record<string, string> = {};
  const occupations = (profile.occupations as { uri: string }[] | undefined) ?? [];
  const [doc, ...lists] = await Promise.allSettled([
    api.searchProfiles(new URLSearchParams({ code: String(profile.code ?? ''), limit: '1' }), fetch),
    ...occupations.map((o) => api.occupationSkills(o.uri, lang, fetch)),
  ]);
  if (doc.status === 'fulfilled') {
    const d = doc.value.hits.find((h) => h.id === profile.id)?.doc as ProfileDoc | undefined;
    (d?.occupationUris ?? []).forEach((uri, i) => {
      const label = d?.occupationLabels?.[i];
      if (label) labels[uri] = label;
    });
  }
  for (const l of lists)
    if (l.status === 'fulfilled' && 'essential' in l.value)
      for (const s of [...l.value.essential, ...l.value.optional]) labels[s.uri] ??= s.label;
  return { id: params.id, profile, error: null as unknown, labels };
}
