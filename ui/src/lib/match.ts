import type { MatchResult } from '$lib/api/types';

export const DECISION_REASONS = [
  'good_fit',
  'skills_verified',
  'experience_relevant',
  'not_available',
  'skills_mismatch',
  'too_far',
  'declined',
  'other',
] as const;

type Loose = Record<string, unknown>;

/** The explanation in the user's language, whatever shape the server used. */
export function explanationFor(r: MatchResult, lang: string): string | undefined {
  const e = r.explanation as unknown;
  if (!e) return undefined;
  if (typeof e === 'string') return e;
  if (Array.isArray(e)) return e.join(' ');
  const byLang = e as Record<string, unknown>;
  const v = byLang[lang] ?? byLang.it ?? Object.values(byLang)[0];
  return Array.isArray(v) ? v.join(' ') : typeof v === 'string' ? v : undefined;
}

export function reasonText(reason: unknown, lang: string): string | undefined {
  if (!reason) return undefined;
  if (typeof reason === 'string') return reason;
  const r = reason as Loose;
  const t = r.text ?? r[lang] ?? r.message;
  if (typeof t === 'string') return t;
  if (typeof r.code === 'string') {
    const params = r.params as Record<string, unknown> | undefined;
    const p =
      params && Object.keys(params).length
        ? ` (${Object.entries(params)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', ')})`
        : '';
    return `${r.code}${p}`;
  }
  return undefined;
}

function skillLabel(s: unknown): string {
  if (typeof s === 'string') return s;
  const o = s as Loose;
  return String(o.label ?? o.requiredLabel ?? o.required ?? o.uri ?? '');
}

/** Matched, partial and missing skills, from `skills: {matched, partial, missing}` or flat arrays. */
export function skillLists(r: MatchResult): { matched: string[]; partial: string[]; missing: string[] } {
  const s = (r.skills ?? {}) as Loose;
  const pick = (a: unknown, b: unknown) =>
    ((Array.isArray(a) ? a : Array.isArray(b) ? b : []) as unknown[]).map(skillLabel);
  return {
    matched: pick(s.matched, r.matchedSkills),
    partial: pick(s.partial, r.partialSkills),
    missing: pick(s.missing, r.missingSkills),
  };
}

/** The id to act on with POST /matches/{id}/decision. */
export function matchId(r: MatchResult): string | undefined {
  return (r.matchId as string | undefined) ?? (r.id as string | undefined);
}

export function candidateTitle(r: MatchResult): string {
  const c = (r.candidate ?? r.profile ?? r.need ?? r.asset ?? r.opportunity ?? {}) as Loose;
  return String(r.code ?? r.title ?? c.code ?? c.title ?? c.name ?? r.candidateId ?? r.id ?? '');
}

export function exclusionsOf(r: MatchResult): unknown[] {
  const ex = (r.exclusions ?? r.whyNot ?? []) as unknown;
  return Array.isArray(ex) ? ex : [];
}
