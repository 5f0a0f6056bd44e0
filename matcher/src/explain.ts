import { EXCLUDED, SKILL_LISTS, SUMMARY, TEMPLATES, VOCABULARY } from './templates.js';
import type { Lang, MatchResult } from './types.js';

export interface ExplainOptions {
  /** Label for an ESCO URI (skill or occupation) in a language; defaults to the URI's last segment. */
  readonly label?: (uri: string, lang: Lang) => string;
  /** Longest skill list printed per kind. */
  readonly maxSkills?: number;
}

export interface Explanation {
  readonly lang: Lang;
  readonly summary: string;
  /** One sentence per component, in the result's component order, then skill lists and exclusions. */
  readonly lines: readonly string[];
}

const defaultLabel = (uri: string): string => uri.slice(uri.lastIndexOf('/') + 1);

function fill(
  t: string,
  params: Readonly<Record<string, string | number>>,
  lang: Lang,
  label: ExplainOptions['label'],
): string {
  return t.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = params[name];
    if (v === undefined) return `{${name}}`;
    if (typeof v === 'number') return formatNumber(v, lang);
    if (v.startsWith('http') && label) return label(v, lang);
    return VOCABULARY[v]?.[lang] ?? v;
  });
}

function formatNumber(v: number, lang: Lang): string {
  const r = Math.round(v * 10) / 10;
  const s = Number.isInteger(r) ? String(r) : r.toFixed(1);
  return lang === 'en' ? s : s.replace('.', ',');
}

/** Renders a result in one language from templates keyed by component and reason code. */
export function explain(r: MatchResult, lang: Lang, options: ExplainOptions = {}): Explanation {
  const label = options.label ?? defaultLabel;
  const max = options.maxSkills ?? 8;
  const lines: string[] = [];
  for (const c of r.components) {
    const t = TEMPLATES[`${c.name}.${c.reason.code}`];
    if (t) lines.push(fill(t[lang], c.reason.params, lang, label));
  }
  if (r.skills) {
    for (const kind of ['matched', 'partial', 'missing'] as const) {
      const list = r.skills[kind];
      if (list.length === 0) continue;
      const names = list.slice(0, max).map((m) => label(m.required, lang));
      const more = list.length > max ? ` (+${list.length - max})` : '';
      lines.push(fill(SKILL_LISTS[kind][lang], { list: names.join(', ') + more }, lang, label));
    }
  }
  if (r.exclusions.length > 0) {
    lines.push(EXCLUDED[lang]);
    for (const e of r.exclusions) {
      const t = TEMPLATES[`exclusion.${e.code}`];
      if (t) lines.push(fill(t[lang], e.params, lang, label));
    }
  }
  return {
    lang,
    summary: fill(SUMMARY[lang], { score: Math.round(r.score * 1000) / 10 }, lang, label),
    lines,
  };
}

/** The three languages of the programme at once. */
export function explainAll(r: MatchResult, options: ExplainOptions = {}): Record<Lang, Explanation> {
  return { it: explain(r, 'it', options), fr: explain(r, 'fr', options), en: explain(r, 'en', options) };
}
