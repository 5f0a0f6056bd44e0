import {
  COMPONENT_TITLES,
  EXCLUDED,
  PARAM_KINDS,
  SKILL_LISTS,
  SUMMARY,
  TEMPLATE_PARAM_KINDS,
  TEMPLATES,
  TRAVEL_ROUTE,
  UNNAMED,
  VOCABULARY,
  type ParamKind,
} from './templates.js';
import type { Component, Exclusion, Lang, MatchResult } from './types.js';
import { formatDate, formatLanguageLevels, isSingular, valueLabel } from './value-labels.js';

export interface ExplainOptions {
  /** Label for an ESCO URI (skill or occupation) in a language; without one, a neutral phrase (never the URI). */
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

const defaultLabel = (_uri: string, lang: Lang): string => UNNAMED[lang];

/** `{name}` or `{name|singular|plural}` (`#` in a form stands for the number). */
const PLACEHOLDER = /\{(\w+)(?:\|([^|{}]*)\|([^{}]*))?\}/g;

function kindOf(key: string, name: string): ParamKind | undefined {
  return TEMPLATE_PARAM_KINDS[key]?.[name] ?? PARAM_KINDS[name];
}

function formatText(
  kind: ParamKind | undefined,
  v: string,
  lang: Lang,
  label: NonNullable<ExplainOptions['label']>,
): string {
  if (kind === 'concept' || v.startsWith('http')) return label(v, lang);
  if (kind === 'date') return formatDate(v, lang);
  if (kind === 'languageLevels') return formatLanguageLevels(v, lang);
  if (kind === 'duration') return formatDuration(Number(v));
  if (kind === 'travelRoute') return formatRoute(v, lang);
  if (kind) return valueLabel(kind, v, lang);
  // Codes the asset rules name (modes, kinds, statuses, categories) have their words in VOCABULARY.
  return VOCABULARY[v]?.[lang] ?? v;
}

function fill(
  key: string,
  t: string,
  params: Readonly<Record<string, string | number>>,
  lang: Lang,
  label: NonNullable<ExplainOptions['label']>,
): string {
  return t.replace(PLACEHOLDER, (_, name: string, one?: string, other?: string) => {
    const v = params[name];
    if (v === undefined) return '';
    const kind = kindOf(key, name);
    if (kind === 'duration') return formatDuration(Number(v));
    if (kind === 'travelRoute') return formatRoute(String(v), lang);
    if (one !== undefined && other !== undefined) {
      const n = Number(v);
      return (isSingular(n, lang) ? one : other).replace('#', formatNumber(n, lang));
    }
    if (typeof v === 'number') return formatNumber(v, lang);
    return formatText(kindOf(key, name), v, lang, label);
  });
}

/** "45 min", "1 h 10", "3 h": the same in the three languages. */
export function formatDuration(minutes: number): string {
  if (!Number.isFinite(minutes)) return '—';
  const m = Math.max(0, Math.round(minutes));
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  const r = m % 60;
  return r === 0 ? `${h} h` : `${h} h ${String(r).padStart(2, '0')}`;
}

function formatRoute(v: string, lang: Lang): string {
  if (v.startsWith('ferry:')) return TRAVEL_ROUTE.ferry[lang].replace('{ports}', v.slice(6));
  return TRAVEL_ROUTE.road[lang];
}

const LOCALES: Record<Lang, string> = { it: 'it-IT', fr: 'fr-FR', en: 'en-GB' };

/**
 * One per language, made once: building an Intl.NumberFormat costs about a tenth of a millisecond, and
 * explaining one page of results formats hundreds of numbers (it was half of a match request's CPU).
 */
const NUMBER_FORMATS = Object.fromEntries(
  Object.entries(LOCALES).map(([lang, locale]) => [
    lang,
    new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }),
  ]),
) as Record<Lang, Intl.NumberFormat>;

/** One decimal at most, the language's decimal sign and digit grouping (1.370.000 / 1 370 000 / 1,370,000). */
function formatNumber(v: number, lang: Lang): string {
  return NUMBER_FORMATS[lang].format(Math.round(v * 10) / 10);
}

/** What a score component is called, in a language. */
export function componentTitle(name: string, lang: Lang): string {
  return COMPONENT_TITLES[name]?.[lang] ?? name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The sentence for one component's reason ("Disponibile 3 giorni dopo la data di inizio (24/12/2026)."). */
export function reasonSentence(c: Component, lang: Lang, options: ExplainOptions = {}): string {
  const key = `${c.name}.${c.reason.code}`;
  const t = TEMPLATES[key];
  return t ? fill(key, t[lang], c.reason.params, lang, options.label ?? defaultLabel) : '';
}

/** The sentence for one exclusion (or why-not). */
export function exclusionSentence(e: Exclusion, lang: Lang, options: ExplainOptions = {}): string {
  const key = `exclusion.${e.code}`;
  const t = TEMPLATES[key];
  return t ? fill(key, t[lang], e.params, lang, options.label ?? defaultLabel) : '';
}

/** Renders a result in one language from templates keyed by component and reason code. */
export function explain(r: MatchResult, lang: Lang, options: ExplainOptions = {}): Explanation {
  const label = options.label ?? defaultLabel;
  const max = options.maxSkills ?? 8;
  const lines: string[] = [];
  for (const c of r.components) {
    const line = reasonSentence(c, lang, { label });
    if (line) lines.push(line);
  }
  if (r.skills) {
    for (const kind of ['matched', 'partial', 'missing'] as const) {
      const list = r.skills[kind];
      if (list.length === 0) continue;
      const names = list.slice(0, max).map((m) => label(m.required, lang));
      const more = list.length > max ? ` (+${list.length - max})` : '';
      lines.push(
        fill('skills.list', SKILL_LISTS[kind][lang], { list: names.join(', ') + more }, lang, label),
      );
    }
  }
  if (r.exclusions.length > 0) {
    lines.push(EXCLUDED[lang]);
    for (const e of r.exclusions) {
      const line = exclusionSentence(e, lang, { label });
      if (line) lines.push(line);
    }
  }
  return {
    lang,
    summary: fill('summary', SUMMARY[lang], { score: Math.round(r.score * 1000) / 10 }, lang, label),
    lines,
  };
}

/** The three languages of the programme at once. */
export function explainAll(r: MatchResult, options: ExplainOptions = {}): Record<Lang, Explanation> {
  return { it: explain(r, 'it', options), fr: explain(r, 'fr', options), en: explain(r, 'en', options) };
}
