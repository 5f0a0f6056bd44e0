import type { Lang } from './issues.js';

/** What an export row may hold; everything else is the caller's to stringify. */
export type ExportCell = string | number | boolean | Date | null | undefined;

const YES_NO: Readonly<Record<Lang, readonly [string, string]>> = {
  it: ['sì', 'no'],
  fr: ['oui', 'non'],
  en: ['yes', 'no'],
};

export function booleanLabel(value: boolean, lang: Lang): string {
  return YES_NO[lang][value ? 0 : 1];
}

/** Dates go out as ISO text: unambiguous in all three languages, and re-importable as is. */
export function dateText(d: Date): string {
  const iso = d.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}
