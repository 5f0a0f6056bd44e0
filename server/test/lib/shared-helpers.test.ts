import { describe, expect, it } from 'vitest';
import { isValidPartitaIva, isValidSiren, isValidSiret, luhnCheckDigit } from '../../src/lib/identifiers.js';
import { isUniqueViolation, retryOnUniqueClash } from '../../src/lib/pg-errors.js';
import { newPseudonym, pseudonymOf } from '../../src/lib/pseudonym.js';
import { fold, foldLabel } from '../../src/lib/text.js';
import { normalizeKey } from '../../src/files/index.js';
import { fold as searchFold } from '../../src/search/text.js';

describe('fold (one rule for search, labels and file keys)', () => {
  it('folds case, accents, compatibility forms and ligatures', () => {
    expect(fold('Soudeur ÉLECTRIQUE')).toBe('soudeur electrique');
    expect(fold('m² ﬁnitura')).toBe('m2 finitura');
    expect(fold('Cœur Æther Straße')).toBe('coeur aether strasse');
    expect(searchFold).toBe(fold);
  });

  it('labels collapse white space; file keys drop punctuation too', () => {
    expect(foldLabel('  Saldatore   a  TIG ')).toBe('saldatore a tig');
    expect(normalizeKey('Superficie (m²) coperta')).toBe('superficie m2 coperta');
  });
});

describe('business identifiers (one validator for API, importer and demo data)', () => {
  it('checks the partita IVA check digit', () => {
    expect(isValidPartitaIva('06363391001')).toBe(true);
    expect(isValidPartitaIva('06363391002')).toBe(false);
    expect(isValidPartitaIva('0636339100')).toBe(false);
  });

  it('checks SIREN and SIRET with Luhn', () => {
    expect(isValidSiren('732829320')).toBe(true);
    expect(isValidSiren('732829321')).toBe(false);
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    expect(luhnCheckDigit('7328293200007')).toBe(4);
  });
});

describe('pseudonyms (one format for production and demo data)', () => {
  const FORMAT = /^P-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/;

  it('draws random codes and encodes numbers in the same format', () => {
    expect(newPseudonym()).toMatch(FORMAT);
    expect(pseudonymOf(0)).toBe('P-22222222');
    expect(pseudonymOf(31)).toBe('P-22222232');
    expect(pseudonymOf(2 ** 25 - 1)).toMatch(FORMAT);
  });
});

describe('retry on a unique clash (decided by SQLSTATE and constraint, not message text)', () => {
  const clash = (constraint: string) =>
    Object.assign(new Error('query failed'), {
      cause: Object.assign(new Error('no constraint name in this text'), { code: '23505', constraint }),
    });

  it('recognises a 23505 on the named constraint down the cause chain', () => {
    expect(isUniqueViolation(clash('profiles_code_key'), 'profiles_code_key')).toBe(true);
    expect(isUniqueViolation(clash('profiles_desk_id_external_ref_key'), 'profiles_code_key')).toBe(false);
    expect(isUniqueViolation(new Error('duplicate key value violates "profiles_code_key"'))).toBe(false);
  });

  it('draws again on a clash, up to three times, and rethrows anything else at once', async () => {
    let calls = 0;
    await expect(
      retryOnUniqueClash(async () => {
        if (++calls < 3) throw clash('profiles_code_key');
        return 'ok';
      }, 'profiles_code_key'),
    ).resolves.toBe('ok');
    calls = 0;
    await expect(
      retryOnUniqueClash(async () => {
        calls++;
        throw clash('other_key');
      }, 'profiles_code_key'),
    ).rejects.toThrow('query failed');
    expect(calls).toBe(1);
  });
});
