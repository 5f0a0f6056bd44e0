// Issue 14: one vocabulary. Every closed list of values the API declares is either worded in the one
// catalogue (@rilancio/vocabulary) in Italian, French and English, or listed below as a technical list
// no one reads as words. A value added on the server fails here until someone writes its words.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ASSET_MERGE_FIELDS,
  FIRM_MERGE_FIELDS,
  PROFILE_MERGE_FIELDS,
  VALUE_LABELS,
  type VocabularyName,
} from '@rilancio/vocabulary';
import { describe, expect, it } from 'vitest';

const SERVER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const openapi = JSON.parse(readFileSync(path.join(SERVER, 'openapi.json'), 'utf8')) as unknown;
const UI_I18N = path.resolve(SERVER, '../ui/src/lib/i18n');
const uiMessages = (lang: string) =>
  JSON.parse(readFileSync(path.join(UI_I18N, `${lang}.json`), 'utf8')) as Record<
    string,
    Record<string, unknown>
  >;

/** A message of the UI catalogue by its dotted key, if it is words. */
const uiWords = (lang: string, key: string): string | undefined => {
  let node: unknown = uiMessages(lang);
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  return typeof node === 'string' && node.trim() !== '' ? node : undefined;
};

interface EnumUse {
  name: string;
  values: string[];
  where: string;
}

/** Every enum of the document with the property or parameter name it belongs to. */
function enumsOf(node: unknown, name: string, where: string, out: EnumUse[]): EnumUse[] {
  if (Array.isArray(node)) {
    for (const item of node) enumsOf(item, name, where, out);
    return out;
  }
  if (typeof node !== 'object' || node === null) return out;
  const o = node as Record<string, unknown>;
  if (Array.isArray(o.enum)) out.push({ name, values: o.enum.map(String), where });
  for (const [key, child] of Object.entries(o)) {
    if (key === 'properties' && typeof child === 'object' && child !== null)
      for (const [prop, schema] of Object.entries(child)) enumsOf(schema, prop, where, out);
    else if (key === 'parameters' && Array.isArray(child))
      for (const p of child as { name?: string }[]) enumsOf(p, p.name ?? name, where, out);
    else if (key !== 'enum')
      enumsOf(child, name, where.split('/').length < 4 ? `${where}/${key}` : where, out);
  }
  return out;
}

const USES = enumsOf((openapi as { paths: unknown }).paths, '', '', []);
const signature = (values: readonly string[]) => [...values].sort().join(',');

/** Lists that are not words on a screen, by their exact values: a changed list is classified again. */
const TECHNICAL: Record<string, string> = {
  [signature(['it', 'fr', 'en'])]: 'the interface languages: the switcher names each in its own language',
  [signature(['true', 'false'])]: 'a yes/no query flag',
  [signature(['csv', 'xlsx'])]: 'file formats',
  [signature(['html', 'json'])]: 'file formats',
  [signature(['A1', 'A2', 'B1', 'B2', 'C1', 'C2'])]: 'CEFR levels: international notation, shown as is',
  [signature(['FR', 'IT'])]: 'countries: named by Intl.DisplayNames in the reader’s language',
  [signature(['assets', 'firms', 'needs', 'opportunities', 'profiles'])]: 'entity names of import templates',
  [signature(['assets', 'firms', 'imports', 'needs', 'opportunities', 'profiles'])]: 'API key scopes',
  [signature(['asset', 'need', 'opportunity', 'profile'])]: 'object types of a decision (API identifiers)',
  [signature(['asset', 'need', 'opportunity_role', 'profile'])]:
    'object types of a decision (API identifiers)',
  [signature(['done', 'failed', 'idle', 'running'])]: 'reindex job state: the screen words it (reindex.*)',
  [signature(['done', 'failed', 'interrupted', 'pending', 'running'])]:
    'import job state: the screen words it (imports.*)',
  [signature(['ok'])]: 'health probe',
  [signature(['not_ready', 'ready'])]: 'readiness probe',
  [signature(['pending_consent', 'shared'])]: 'contact request state: the screen words it (match.*)',
  [signature(['esco', 'provisional', 'supplement'])]:
    'reference data sources on the about page (attributions)',
  [signature(['daily', 'never'])]: 'digest e-mail on or off: a checkbox on the saved-searches screen',
  [signature(['desk', 'region', 'supplyChain', 'path'])]:
    'grouping parameter of the outcome statistics: the dashboard names each chart',
  [signature(['current', 'to_verify', 'out_of_search'])]:
    'listing freshness: the screen words the two flagged states (asset.verification.*), checked below',
  [signature(['auction', 'available_until'])]:
    'which date an asset deadline is: the readiness card words it (readiness.auctionOn / untilOn)',
};
/**
 * Lists the UI words in its own messages (a section per list), by their exact values: each value must
 * have its words there in every language.
 */
const UI_WORDED: Record<string, string> = {
  [signature(['assets', 'profiles', 'needs', 'opportunities'])]: 'alerts.index',
  [signature(['new', 'changed', 'deadline'])]: 'alerts.reason',
  [signature([
    'proposed',
    'rejected',
    'approved',
    'contacted',
    'interviewed',
    'hired',
    'not_hired',
    'withdrawn',
  ])]: 'outcome.state',
  [signature(['plan', 'legal_form', 'financing', 'formalities'])]: 'readiness.stage',
  [signature([...PROFILE_MERGE_FIELDS])]: 'merge.fields',
  [signature([...ASSET_MERGE_FIELDS])]: 'merge.assetFields',
  [signature([...FIRM_MERGE_FIELDS])]: 'merge.firmFields',
  [signature(['opportunities', 'needs', 'assets', 'crisisCases', 'users'])]: 'merge.carriedRows',
  [signature(['pending', 'confirmed', 'undone'])]: 'merge.state',
  [signature([
    'role_uncovered',
    'asset_unavailable',
    'asset_deadline_passed',
    'step_overdue',
    'step_after_deadline',
    'deadline_passed',
  ])]: 'readiness.blocker',
};
const FLAGGED_FRESHNESS = ['to_verify', 'out_of_search'];
/** Technical by name whatever the values: search sort keys (the screen words them under `sort.*`). */
const TECHNICAL_NAMES = new Set(['sort']);
/** API lists the UI words in its own messages, not value lists: checked there. */
const UI_SECTIONS: Record<string, string> = { role: 'role' };
/** ISO 639 language codes: named by Intl.DisplayNames (exports) and the UI's language names. */
const ISO_639 = new Set(['code']);

const LANGS = ['it', 'fr', 'en'] as const;
const VOCABULARIES = Object.keys(VALUE_LABELS.it) as VocabularyName[];
const worded = (vocabulary: VocabularyName, values: string[]) =>
  LANGS.every((lang) => {
    const words = VALUE_LABELS[lang][vocabulary] as Readonly<Record<string, string>>;
    return values.every((v) => typeof words[v] === 'string' && words[v].trim() !== '');
  });

describe('every enum value of the OpenAPI document has words in it, fr and en', () => {
  it('finds the domain lists in the document', () => {
    const names = new Set(USES.map((u) => u.name));
    for (const n of ['condition', 'availability', 'supplyChains', 'desiredPaths', 'kind', 'contractType'])
      expect(names, n).toContain(n);
  });

  for (const use of USES) {
    it(`${use.name} [${use.values.join(', ')}] (${use.where})`, () => {
      const uiSection = UI_WORDED[signature(use.values)];
      if (uiSection) {
        for (const lang of LANGS)
          for (const v of use.values)
            expect(uiWords(lang, `${uiSection}.${v}`), `${lang} ${uiSection}.${v}`).toBeTruthy();
        return;
      }
      if (use.name === 'verification')
        for (const lang of LANGS)
          for (const v of FLAGGED_FRESHNESS)
            expect(uiWords(lang, `asset.verification.${v}`), `${lang} asset.verification.${v}`).toBeTruthy();
      if (TECHNICAL[signature(use.values)] || TECHNICAL_NAMES.has(use.name)) return;
      if (ISO_639.has(use.name)) {
        const names = new Intl.DisplayNames(['it'], { type: 'language' });
        for (const v of use.values) expect(names.of(v), v).not.toBe(v);
        return;
      }
      const section = UI_SECTIONS[use.name];
      if (section) {
        for (const lang of LANGS)
          for (const v of use.values)
            expect(uiMessages(lang)[section]?.[v], `${lang} ${section}.${v}`).toBeTruthy();
        return;
      }
      const found = VOCABULARIES.filter((v) => worded(v, use.values));
      expect(found, `no vocabulary words all of ${use.name}: ${use.values.join(', ')}`).not.toEqual([]);
    });
  }
});

describe('the three catalogues', () => {
  it('have the same vocabularies and codes, none left empty', () => {
    for (const lang of ['fr', 'en'] as const)
      for (const v of VOCABULARIES) {
        expect(Object.keys(VALUE_LABELS[lang][v]), `${lang} ${v}`).toEqual(Object.keys(VALUE_LABELS.it[v]));
        for (const w of Object.values(VALUE_LABELS[lang][v] as Record<string, string>))
          expect(w.trim()).not.toBe('');
      }
  });
});
