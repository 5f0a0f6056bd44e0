import { codesOf } from '@rilancio/vocabulary';
import { describe, expect, it } from 'vitest';
import {
  combine,
  DUPLICATE_THRESHOLD,
  REASON_CODES,
  scoreAsset,
  scoreFirm,
  scorePerson,
  similarArea,
} from '../../src/modules/duplicates/scoring.js';

const person = { sameName: false, sameEmail: false, samePhone: false, sameMunicipality: false };
const shed = {
  kind: 'building',
  municipality: 'IT:011015',
  coveredAreaM2: 2400,
  landAreaM2: null,
  brandModel: null,
  year: null,
  ownerFirmId: null,
};

describe('duplicate scoring', () => {
  it('every reason has its words in the three catalogues', () => {
    expect(codesOf('duplicateReason').sort()).toEqual([...REASON_CODES].sort());
  });

  it('combines independent signals and never reaches 1', () => {
    expect(combine([])).toBe(0);
    expect(combine(['SAME_EMAIL'])).toBe(0.6);
    expect(combine(['SAME_EMAIL', 'SAME_PHONE', 'SAME_NAME', 'SAME_MUNICIPALITY'])).toBe(0.9);
    expect(combine(['SAME_VAT', 'SAME_SIRET', 'SAME_FIRM_NAME'])).toBeLessThan(1);
  });

  it('a name alone, or a town alone, is not a duplicate; a name in the same town is', () => {
    expect(scorePerson({ ...person, sameName: true })).toBeNull();
    expect(scorePerson({ ...person, sameMunicipality: true })).toBeNull();
    expect(scorePerson({ ...person, sameName: true, sameMunicipality: true })).toEqual({
      score: 0.52,
      reasons: ['SAME_NAME', 'SAME_MUNICIPALITY'],
    });
    expect(scorePerson({ ...person, sameEmail: true })!.score).toBeGreaterThanOrEqual(DUPLICATE_THRESHOLD);
  });

  it('assets: same kind and place needs a similar area; the same model needs the same place', () => {
    expect(similarArea(2400, 2600)).toBe(true);
    expect(similarArea(2400, 2700)).toBe(false);
    expect(scoreAsset(shed, { ...shed, coveredAreaM2: 2450 })!.reasons).toEqual([
      'SAME_KIND_AND_PLACE',
      'SIMILAR_AREA',
    ]);
    expect(scoreAsset(shed, { ...shed, coveredAreaM2: 5000 })).toBeNull();
    const lathe = { ...shed, kind: 'machine', coveredAreaM2: null, brandModel: 'mazak|qt250', year: 2015 };
    expect(scoreAsset(lathe, { ...lathe, municipality: 'FR:13055' })).toBeNull();
    expect(scoreAsset(lathe, lathe)!.reasons).toEqual([
      'SAME_KIND_AND_PLACE',
      'SAME_BRAND_MODEL',
      'SAME_YEAR',
    ]);
  });

  it('firms: a tax id is decisive; a SIREN counts only for another establishment', () => {
    const none = {
      sameVat: false,
      sameSiret: false,
      sameSiren: false,
      sameName: false,
      sameMunicipality: false,
    };
    expect(scoreFirm({ ...none, sameVat: true })!.score).toBe(0.95);
    expect(scoreFirm({ ...none, sameSiret: true, sameSiren: true })!.reasons).toEqual(['SAME_SIRET']);
    expect(scoreFirm({ ...none, sameName: true })).toBeNull();
    expect(scoreFirm({ ...none, sameName: true, sameMunicipality: true })!.reasons).toEqual([
      'SAME_FIRM_NAME',
      'SAME_MUNICIPALITY',
    ]);
  });
});
