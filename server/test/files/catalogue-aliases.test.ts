// Issue 13: the screens show the UI catalogue's words for a value ("Da riparare" on the facets), but the
// importer knew only its own ("Da revisionare") and refused what the desk had just read on screen. Every
// label of the one catalogue (@rilancio/vocabulary, the UI's `value.*`) must import as its code, in IT, FR and EN.
import { VALUE_LABELS } from '@rilancio/vocabulary';
import { describe, expect, it } from 'vitest';
import {
  ACQUISITION,
  ASSET_CONDITIONS,
  ASSET_STATUS,
  FIRM_STATES,
  NEED_STATUS,
  NEED_TYPES,
  OPPORTUNITY_STATUS,
  SIZE_BANDS,
  enumLabel,
  ASSET_KINDS,
  AVAILABILITY,
  CONTRACT_TYPES,
  DESIRED_PATHS,
  EMPLOYMENT_STATUS,
  OPPORTUNITY_TYPES,
  SUPPLY_CHAINS,
  allowedLabels,
  fieldsOf,
  parseEnum,
  type EnumDefinition,
} from '../../src/files/index.js';

const catalogue = (lang: 'it' | 'fr' | 'en') =>
  VALUE_LABELS[lang] as unknown as Record<string, Record<string, string>>;

/** catalogue vocabulary → the importer's definition. */
const VOCABULARIES: [string, EnumDefinition][] = [
  ['condition', ASSET_CONDITIONS],
  ['availability', AVAILABILITY],
  ['kind', ASSET_KINDS],
  ['supplyChain', SUPPLY_CHAINS],
  ['employmentStatus', EMPLOYMENT_STATUS],
  ['desiredPaths', DESIRED_PATHS],
  ['contractType', CONTRACT_TYPES],
  ['opportunityKind', OPPORTUNITY_TYPES],
  ['assetStatus', ASSET_STATUS],
  ['needStatus', NEED_STATUS],
  ['opportunityStatus', OPPORTUNITY_STATUS],
  ['firmState', FIRM_STATES],
  ['sizeBand', SIZE_BANDS],
  ['needType', NEED_TYPES],
  ['acquisitionMode', ACQUISITION],
];

describe('the labels the screens show import as their codes', () => {
  for (const lang of ['it', 'fr', 'en'] as const)
    for (const [vocabulary, def] of VOCABULARIES)
      it(`${lang} ${vocabulary}`, () => {
        const labels = catalogue(lang)[vocabulary];
        expect(labels, vocabulary).toBeDefined();
        // The files layer names values with the domain's codes: every code on screen is one it knows.
        expect(Object.keys(def).sort()).toEqual(Object.keys(labels!).sort());
        for (const [code, label] of Object.entries(labels!)) {
          const parsed = parseEnum(label, def);
          expect(parsed.ok ? parsed.value : parsed, `"${label}"`).toBe(code);
        }
      });

  it('a file, a template and an export say what the screen says, in each language', () => {
    for (const lang of ['it', 'fr', 'en'] as const)
      for (const [vocabulary, def] of VOCABULARIES)
        for (const code of Object.keys(def))
          expect(enumLabel(def, code, lang), `${lang} ${vocabulary}.${code}`).toBe(
            catalogue(lang)[vocabulary]![code],
          );
  });

  it('the words the files layer printed before the catalogue was shared still import', () => {
    const before: [string, EnumDefinition, string][] = [
      ['Da revisionare', ASSET_CONDITIONS, 'needs_repair'],
      ['État moyen', ASSET_CONDITIONS, 'fair'],
      ['Poor', ASSET_CONDITIONS, 'needs_repair'],
      ['Capannone', ASSET_KINDS, 'building'],
      ['Somministrazione', CONTRACT_TYPES, 'other'],
      ['Internship', CONTRACT_TYPES, 'other'],
      ["Avvio d'impresa", DESIRED_PATHS, 'start_up'],
      ['Workers buy-out (WBO)', DESIRED_PATHS, 'workers_buy_out'],
      ['Rachat par les dirigeants', OPPORTUNITY_TYPES, 'mbo'],
      ['Lavoro', NEED_TYPES, 'job'],
      ['Bien', NEED_TYPES, 'asset'],
    ];
    for (const [word, def, code] of before) {
      const parsed = parseEnum(word, def);
      expect(parsed.ok && parsed.value, word).toBe(code);
    }
  });

  it('"Da riparare" is a condition an asset file may use', () => {
    const parsed = parseEnum('Da riparare', ASSET_CONDITIONS);
    expect(parsed.ok && parsed.value).toBe('needs_repair');
  });
});

describe('an enum error names the values the field takes, in words', () => {
  it('lists the condition labels in each language', () => {
    const condition = fieldsOf('assets').find((f) => f.name === 'condition')!;
    expect(allowedLabels(condition, 'it')).toEqual([
      'Nuovo',
      'Buono',
      'Discreto',
      'Da riparare',
      'Per ricambi',
    ]);
    expect(allowedLabels(condition, 'fr')).toContain('Neuf');
  });
});
