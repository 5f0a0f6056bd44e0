// Labels for what the server stores as codes: ESCO concepts (URIs) and ISCO-08 groups (codes).
// Looked up in batches from the reference endpoints, in the UI's language, and cached for the session.
// Each label says which language it is in: the server answers in English where it has no label yet
// in the asked language, and the screens mark such labels (LabelText.svelte) rather than hide it.
import { get } from 'svelte/store';
import { locale } from 'svelte-i18n';

const API = '/api/v1';

export interface Labelled {
  label: string;
  /** The language the label is in, which may differ from the one asked for. */
  lang: string;
}

/** Labels of ESCO concepts picked in this session (autocomplete), in the language they were picked in. */
export const conceptLabels = $state<Record<string, string>>({});

// `${lang}|${uri}` → label, or null when the server knows no label for it.
const concepts = $state<Record<string, Labelled | null>>({});
const iscoGroups = $state<Record<string, Labelled | null>>({});
// Bookkeeping of requests in flight, never rendered: plain collections on purpose, not reactive state.
// eslint-disable-next-line svelte/prefer-svelte-reactivity
const asked = new Set<string>();
const queue = { concepts: new Map<string, Set<string>>(), isco: new Map<string, Set<string>>() };
let timer: ReturnType<typeof setTimeout> | undefined;

export const UUID_RE = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

function uiLang(lang?: string | null): string {
  const l = (lang ?? get(locale) ?? 'it').slice(0, 2);
  return l === 'fr' || l === 'en' ? l : 'it';
}

function enqueue(kind: 'concepts' | 'isco', lang: string, key: string) {
  let set = queue[kind].get(lang);
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  if (!set) queue[kind].set(lang, (set = new Set()));
  set.add(key);
  timer ??= setTimeout(() => void flush(), 0);
}

async function lookUp(
  path: string,
  param: string,
  keys: string[],
  lang: string,
  keyOf: (row: Record<string, string>) => string,
  store: Record<string, Labelled | null>,
) {
  for (let i = 0; i < keys.length; i += 100) {
    const chunk = keys.slice(i, i + 100);
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- a local result, not state
    const found = new Map<string, Labelled>();
    try {
      const res = await fetch(
        `${API}/reference/${path}?${param}=${encodeURIComponent(chunk.join(','))}&lang=${lang}`,
        { credentials: 'same-origin' },
      );
      if (!res.ok) throw new Error(String(res.status));
      for (const row of (await res.json()) as Record<string, string>[])
        found.set(keyOf(row), { label: row.label!, lang: row.lang! });
    } catch {
      // A failed look-up is retried the next time the label is asked for.
      for (const k of chunk) asked.delete(`${path}|${lang}|${k}`);
      continue;
    }
    for (const k of chunk) store[`${lang}|${k}`] = found.get(k) ?? null;
  }
}

async function flush() {
  timer = undefined;
  const jobs: Promise<void>[] = [];
  for (const [lang, set] of queue.concepts)
    jobs.push(lookUp('labels', 'uris', [...set], lang, (r) => r.uri!, concepts));
  for (const [lang, set] of queue.isco)
    jobs.push(lookUp('isco-groups', 'codes', [...set], lang, (r) => r.code!, iscoGroups));
  queue.concepts.clear();
  queue.isco.clear();
  await Promise.all(jobs);
}

/**
 * An ESCO concept's preferred label in the UI's language (or English, said so by `lang`);
 * undefined while it is being looked up, null when the server does not know the concept.
 */
export function conceptLabel(uri: string, lang?: string | null): Labelled | null | undefined {
  const l = uiLang(lang);
  const key = `${l}|${uri}`;
  const hit = concepts[key];
  if (hit !== undefined) return hit;
  if (!asked.has(`labels|${key}`)) {
    asked.add(`labels|${key}`);
    enqueue('concepts', l, uri);
  }
  const picked = conceptLabels[uri];
  return picked ? { label: picked, lang: l } : undefined;
}

/** An ISCO-08 group's name in the UI's language (or English, said so by `lang`). */
export function iscoLabel(code: string, lang?: string | null): Labelled | null | undefined {
  const l = uiLang(lang);
  const key = `${l}|${code}`;
  const hit = iscoGroups[key];
  if (hit !== undefined) return hit;
  if (!asked.has(`isco-groups|${key}`)) {
    asked.add(`isco-groups|${key}`);
    enqueue('isco', l, code);
  }
  return undefined;
}

/** Plain text for an ESCO concept: its label, "…" while loading; never the URI. */
export function labelOf(uri: string, lang?: string | null): string {
  const hit = conceptLabel(uri, lang);
  if (hit) return hit.label;
  return hit === null ? '?' : '…';
}

/**
 * Plain text for an ISCO group, where no badge can go (chart axes, options): "name (code)", with
 * the label's language in brackets when it is not the UI's; "ISCO code" while loading.
 */
export function iscoText(code: string, lang?: string | null): string {
  const l = uiLang(lang);
  const hit = iscoLabel(code, l);
  if (!hit) return `ISCO ${code}`;
  return `${hit.label} (${code})${hit.lang !== l ? ` [${hit.lang.toUpperCase()}]` : ''}`;
}

/** The full ESCO URIs a bare concept id in a sentence may stand for. */
export function urisForId(id: string): string[] {
  return [`http://data.europa.eu/esco/occupation/${id}`, `http://data.europa.eu/esco/skill/${id}`];
}
