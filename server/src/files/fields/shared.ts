import type { Localized } from '../issues.js';
import type { FieldDef } from '../field-def.js';
import { SUPPLY_CHAINS } from '../enum-values.js';

/** Three words, Italian, French and English: a header. */
export const L = (it: string, fr: string, en: string): Localized => ({ it, fr, en });

// Fields several entities share (place, crisis case, supply chains, references, money, areas), and the
// ESCO concepts the template examples name.

/** Real ESCO concepts for the examples: a template's example row must import as it is (issue 17). */
export const WELDER = { it: 'saldatore', fr: 'soudeur', en: 'welder' } as const;
export const SHIPWRIGHT_URI = 'http://data.europa.eu/esco/occupation/8afab6c4-6145-4ea1-a0ae-d2c3438bda7e';
export const TIG_WELDING = {
  it: 'saldare con tecnica TIG',
  fr: 'réaliser des tâches de soudage TIG',
  en: 'perform tungsten inert gas welding',
} as const;
export const READ_BLUEPRINTS = {
  it: 'leggere disegni tecnici standard',
  fr: 'lire des plans standard',
  en: 'read standard blueprints',
} as const;

export const municipality: FieldDef = {
  name: 'municipality',
  type: 'text',
  required: true,
  label: L('Comune', 'Commune', 'Municipality'),
  aliases: [
    'comune di residenza',
    'citta',
    'localita',
    'ville',
    'localite',
    'city',
    'town',
    'cap',
    'codice postale',
    'code postal',
    'postal code',
    'codice istat',
    'istat',
    'code insee',
    'insee',
  ],
  maxLength: 200,
  example: 'La Spezia',
};

export const crisisCaseRef: FieldDef = {
  name: 'crisisCaseRef',
  type: 'text',
  label: L('Dossier di crisi', 'Dossier de crise', 'Crisis case'),
  aliases: [
    'crisi',
    'vertenza',
    'tavolo di crisi',
    'riferimento crisi',
    'crise',
    'reference dossier de crise',
    'crisis case reference',
    'crisis',
  ],
  maxLength: 100,
  example: 'CR-2026-014',
};

export const supplyChains: FieldDef = {
  name: 'supplyChains',
  type: 'enumList',
  label: L('Filiere', 'Filières', 'Supply chains'),
  aliases: ['filiera', 'filiere produttive', 'filiere', 'secteur', 'supply chain', 'sector'],
  enumValues: SUPPLY_CHAINS,
  example: ['nautical_shipbuilding', 'mechanics_metalworking'],
};

export const externalRef = (example: string): FieldDef => ({
  name: 'externalRef',
  type: 'text',
  required: true,
  label: L('Codice esterno', 'Référence externe', 'External reference'),
  aliases: [
    'codice',
    'riferimento',
    'rif',
    'id',
    'identificativo',
    'reference',
    'ref',
    'identifiant',
    'external id',
    'external ref',
  ],
  maxLength: 100,
  example,
});

export const languages: FieldDef = {
  name: 'languages',
  type: 'languages',
  label: L('Lingue (QCER)', 'Langues (CECRL)', 'Languages (CEFR)'),
  aliases: [
    'lingue',
    'lingue straniere',
    'conoscenze linguistiche',
    'langues',
    'langues parlees',
    'languages',
    'language skills',
  ],
  example: ['Italiano C2', 'Francese B1'],
};

export const money = (name: string, label: Localized, aliases: string[], example: number): FieldDef => ({
  name,
  type: 'number',
  label,
  aliases,
  min: 0,
  max: 1e10,
  example,
});

export const area = (name: string, label: Localized, aliases: string[], example: number): FieldDef => ({
  name,
  type: 'number',
  label,
  aliases,
  min: 0,
  max: 1e8,
  example,
});
