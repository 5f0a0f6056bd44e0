import { describe, expect, it } from 'vitest';
import {
  ENTITIES,
  fieldSpellings,
  fieldsOf,
  matchHeaders,
  normalizeKey,
  NATURAL_KEYS,
  templateRows,
  LANGS,
} from '../../src/files/index.js';

describe('matchHeaders', () => {
  it('maps IT, FR and EN spellings of the same column to one field', () => {
    for (const header of [
      'Superficie coperta (m²)',
      'Surface couverte',
      'Covered area m2',
      'SUPERFICIE COPERTA MQ',
      'coveredAreaM2',
      'covered_area_m2',
    ]) {
      const m = matchHeaders('assets', [header]);
      expect(m.columns[0]?.field, header).toBe('coveredAreaM2');
    }
  });

  it('matches the same words in another order, but nothing fuzzier', () => {
    expect(matchHeaders('assets', ['(m²) Superficie coperta']).columns[0]).toMatchObject({
      field: 'coveredAreaM2',
      via: 'words',
    });
    expect(matchHeaders('assets', ['Superficie copertaa']).columns[0]?.field).toBeNull();
  });

  it('reports unknown headers and missing required fields, with localized messages', () => {
    const m = matchHeaders('profiles', ['Codice esterno', 'Nome', 'Colore preferito']);
    expect(m.unknown).toEqual([{ index: 2, letter: 'C', header: 'Colore preferito' }]);
    expect(m.missingRequired).toEqual(['lastName', 'municipality']);
    const missing = m.issues.filter((i) => i.code === 'HEADER_MISSING_REQUIRED');
    expect(missing.map((i) => i.field)).toEqual(['lastName', 'municipality']);
    expect(missing[0]?.message).toEqual({
      it: 'Manca una colonna obbligatoria.',
      fr: 'Une colonne obligatoire manque.',
      en: 'A required column is missing.',
    });
  });

  it('tells Italian "Nome" (first name) from French "Nom" (last name)', () => {
    const m = matchHeaders('profiles', ['Nome', 'Cognome', 'Prénom', 'Nom']);
    expect(m.columns.map((c) => c.field)).toEqual(['firstName', 'lastName', null, null]);
    expect(m.issues.filter((i) => i.code === 'HEADER_DUPLICATE')).toHaveLength(2);
  });

  it('applies the user override first: force a field, ignore a column, flag a bad target', () => {
    const m = matchHeaders('assets', ['Rif. interno', 'Titolo', 'Note varie', 'Comune'], {
      'rif. interno': 'inventoryNumber',
      Titolo: null,
      'Note varie': 'noSuchField',
    });
    expect(m.columns.map((c) => [c.field, c.via])).toEqual([
      ['inventoryNumber', 'override'],
      [null, 'override'],
      [null, null],
      ['municipality', 'exact'],
    ]);
    expect(m.issues.map((i) => i.code)).toContain('HEADER_OVERRIDE_INVALID');
    expect(m.missingRequired).toEqual(['title', 'kind']);
  });

  it.each(ENTITIES)('has no spelling that two %s fields share (no silent wrong column)', (entity) => {
    const owner = new Map<string, string>();
    for (const field of fieldsOf(entity)) {
      for (const spelling of fieldSpellings(field)) {
        const key = normalizeKey(spelling);
        const previous = owner.get(key);
        if (previous && previous !== field.name)
          throw new Error(`${entity}: "${spelling}" is both ${previous} and ${field.name}`);
        owner.set(key, field.name);
      }
    }
  });

  it.each(ENTITIES)('maps every %s template header back to its field in every language', (entity) => {
    for (const lang of LANGS) {
      const [headers] = templateRows(entity, lang);
      const m = matchHeaders(entity, headers);
      expect(m.columns.map((c) => c.field)).toEqual(fieldsOf(entity).map((f) => f.name));
      expect(m.issues).toEqual([]);
    }
  });

  it('declares natural keys that are required fields', () => {
    for (const entity of ENTITIES) {
      for (const key of NATURAL_KEYS[entity]) {
        expect(fieldsOf(entity).find((f) => f.name === key)?.required, `${entity}.${key}`).toBe(true);
      }
    }
  });
});
