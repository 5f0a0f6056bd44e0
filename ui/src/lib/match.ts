import { get } from 'svelte/store';
import { locale } from 'svelte-i18n';
import type { MatchResult } from '$lib/api/types';

/** The language match runs are asked in: the UI's, when the server has it (it, fr, en), else Italian. */
export function matchLang(): 'it' | 'fr' | 'en' {
  const lang = (get(locale) ?? 'it').slice(0, 2);
  return lang === 'fr' || lang === 'en' ? lang : 'it';
}

type Explanation = { summary: string; lines: string[] };

/** The explanation in the user's language (the server writes it in IT/FR/EN from the components). */
export function explanationFor(
  explanation: Record<string, Explanation> | undefined,
  lang: string,
): Explanation | undefined {
  if (!explanation) return undefined;
  return explanation[lang] ?? explanation.it ?? Object.values(explanation)[0];
}

/** The ESCO URIs of the skills held, partly held and missing (shown through their labels). */
export function skillLists(r: MatchResult): { matched: string[]; partial: string[]; missing: string[] } {
  const s = r.skills;
  return {
    matched: (s?.matched ?? []).map((x) => x.uri),
    partial: (s?.partial ?? []).map((x) => x.uri),
    missing: (s?.missing ?? []).map((x) => x.uri),
  };
}

/** Where a ranked candidate's page is. */
export function candidateHref(r: { candidateType: string; candidateId: string }): string | undefined {
  const id = encodeURIComponent(r.candidateId);
  switch (r.candidateType) {
    case 'profile':
      return `/profiles/${id}`;
    case 'need':
      return `/needs/${id}`;
    case 'asset':
      return `/assets/${id}`;
    default:
      return undefined;
  }
}
