import type { MatchResult } from '$lib/api/types';

type Explanation = { summary: string; lines: string[] };

/** The explanation in the user's language (the server writes it in IT/FR/EN from the components). */
export function explanationFor(
  explanation: Record<string, Explanation> | undefined,
  lang: string,
): Explanation | undefined {
  if (!explanation) return undefined;
  return explanation[lang] ?? explanation.it ?? Object.values(explanation)[0];
}

export function skillLists(r: MatchResult): { matched: string[]; partial: string[]; missing: string[] } {
  const s = r.skills;
  return {
    matched: (s?.matched ?? []).map((x) => x.label),
    partial: (s?.partial ?? []).map((x) => x.label),
    missing: (s?.missing ?? []).map((x) => x.label),
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
