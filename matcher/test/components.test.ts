import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreAvailability } from '../src/components/availability.js';
import { distanceValue, scoreDistance } from '../src/components/distance.js';
import { scoreLanguages } from '../src/components/languages.js';
import { iscoLevel, scoreOccupation } from '../src/components/occupation.js';
import { scoreQualification } from '../src/components/qualification.js';
import { scoreSupplyChain } from '../src/components/supply-chain.js';
import { DEFAULT_CONFIG } from '../src/config.js';
import { cosLatitude, haversineKm, haversineRaw, haversineWithCosines, latitudeGapKm } from '../src/geo.js';
import type { CefrLevel } from '../src/types.js';
import { makeProfile, OCC, PLACES } from './helpers.js';

const C = DEFAULT_CONFIG;

describe('haversine', () => {
  it.each([
    ['La Spezia → Genova', PLACES.laSpezia, PLACES.genova, 78, 82],
    ['La Spezia → Sarzana', PLACES.laSpezia, PLACES.sarzana, 10, 12],
    ['La Spezia → Cagliari', PLACES.laSpezia, PLACES.cagliari, 540, 560],
  ])('%s is about right', (_, a, b, lo, hi) => {
    const d = haversineKm(a, b);
    expect(d).toBeGreaterThan(lo);
    expect(d).toBeLessThan(hi);
    expect(haversineKm(b, a)).toBeCloseTo(d, 9);
  });

  const lat = fc.double({ min: 35, max: 48, noNaN: true });
  const lon = fc.double({ min: 3, max: 16, noNaN: true });

  it('with the cosines given, is the same number to the last bit', () => {
    fc.assert(
      fc.property(lat, lon, lat, lon, (a, b, c, d) => {
        expect(haversineWithCosines(a, b, cosLatitude(a), c, d, cosLatitude(c))).toBe(
          haversineRaw(a, b, c, d),
        );
      }),
    );
  });

  it('is never shorter than the latitude gap (the search rejects far points by it)', () => {
    fc.assert(
      fc.property(lat, lon, lat, lon, (a, b, c, d) => {
        expect(latitudeGapKm(a, c)).toBeLessThanOrEqual(haversineRaw(a, b, c, d) * (1 + 1e-12) + 1e-9);
      }),
    );
    // Due north, the two are the same distance.
    expect(latitudeGapKm(44, 45)).toBeCloseTo(haversineRaw(44, 9, 45, 9), 6);
  });
});

describe('distance component', () => {
  it.each([
    // home, need radius, mobility, reason, excluded
    ['next door', PLACES.laSpezia, 40, 30, 'within_both', false],
    ['Genova, radius 100 km, mobility 30 km', PLACES.genova, 100, 30, 'within_need_radius', false],
    ['Genova, radius 40 km, mobility 100 km', PLACES.genova, 40, 100, 'within_mobility', false],
    ['Genova, radius 40 km, mobility 30 km', PLACES.genova, 40, 30, 'beyond_both', true],
    ['Cagliari, radius 40 km, mobility 600 km', PLACES.cagliari, 40, 600, 'within_mobility', false],
  ] as const)('%s → %s', (_, home, radius, mobility, code, excluded) => {
    const d = scoreDistance(home, PLACES.laSpezia, radius, { mobilityKm: mobility });
    expect(d.reason.code).toBe(code);
    expect(d.exclusion !== null).toBe(excluded);
    expect(d.value).toBeGreaterThanOrEqual(0);
    expect(d.value).toBeLessThanOrEqual(1);
  });

  it('falls linearly to 0 at the farther radius', () => {
    expect(distanceValue(0, 40, 30)).toBe(1);
    expect(distanceValue(20, 40, 30)).toBeCloseTo(0.5, 12);
    expect(distanceValue(40, 40, 30)).toBe(0);
    expect(distanceValue(50, 40, 100)).toBeCloseTo(0.5, 12);
  });
});

describe('languages component', () => {
  const held = [
    { code: 'it', cefr: 'C2' as CefrLevel },
    { code: 'en', cefr: 'A2' as CefrLevel },
    { code: 'fr', cefr: 'B2' as CefrLevel },
  ];
  it.each([
    ['nothing required', [], 1, 'not_required'],
    ['French B1, has B2', [{ code: 'fr', minCefr: 'B1' }], 1, 'all_met'],
    ['English B1, has A2', [{ code: 'en', minCefr: 'B1' }], 0.5, 'below_minimum'],
    ['English C1, has A2', [{ code: 'en', minCefr: 'C1' }], 0.125, 'below_minimum'],
    ['German A1, has none', [{ code: 'de', minCefr: 'A1' }], 0, 'below_minimum'],
    [
      'French B2 and English B1',
      [
        { code: 'FR', minCefr: 'B2' },
        { code: 'en', minCefr: 'B1' },
      ],
      0.75,
      'below_minimum',
    ],
  ] as const)('%s → %d', (_, required, value, code) => {
    const r = scoreLanguages(held, required, C);
    expect(r.value).toBeCloseTo(value, 12);
    expect(r.reason.code).toBe(code);
  });
});

describe('qualification component', () => {
  it.each([
    [null, null, 1, 'not_required'],
    [4, 4, 1, 'met'],
    [6, 4, 1, 'met'],
    [3, 4, 0.5, 'below'],
    [2, 4, 0.25, 'below'],
    [null, 4, 0.5, 'unknown'],
  ] as const)('EQF %s against minimum %s → %d', (eqf, min, value, code) => {
    const r = scoreQualification(eqf, min, C);
    expect(r.value).toBeCloseTo(value, 12);
    expect(r.reason.code).toBe(code);
  });
});

describe('availability component', () => {
  it.each([
    ['2026-03-01', null, 1, 'no_start_date'],
    ['2026-03-01', '2026-03-01', 1, 'available'],
    ['2026-01-15', '2026-03-01', 1, 'available'],
    ['2026-03-31', '2026-03-01', 1 - 30 / 90, 'late'],
    ['2026-12-01', '2026-03-01', 0, 'late'],
  ] as const)('available %s, start %s → %d', (from, start, value, code) => {
    const r = scoreAvailability(from, start, C);
    expect(r.value).toBeCloseTo(value, 12);
    expect(r.reason.code).toBe(code);
  });
});

describe('supply-chain component', () => {
  const p = makeProfile({ supplyChains: ['nautical'], naceDivisions: ['30', '25'] });
  it.each([
    [null, null, 1, 'not_required'],
    ['nautical', null, 1, 'same_chain'],
    ['nautical', '33.15', 1, 'same_chain'],
    ['tourism', '30.11', C.naceOnlyValue, 'same_nace'],
    ['tourism', '56', 0, 'none'],
  ] as const)('chain %s, NACE %s → %d', (chain, nace, value, code) => {
    const r = scoreSupplyChain(p, chain, nace, C);
    expect(r.value).toBeCloseTo(value, 12);
    expect(r.reason.code).toBe(code);
  });
});

describe('occupation component', () => {
  it.each([
    ['7212', '7212', 0],
    ['7212', '7213', 1],
    ['7212', '7233', 2],
    ['7412', '7233', 3],
    ['5120', '3434', -1],
  ])('ISCO %s vs %s is level %d', (a, b, lvl) => {
    expect(iscoLevel(a, b)).toBe(lvl);
  });

  it.each([
    ['same ESCO occupation, 8 years (capped at 5)', OCC.welder, '7212', 8, 1, 'same_occupation'],
    [
      'same ESCO occupation, no years (years are 10 % of the value since 1.2.0)',
      OCC.welder,
      '7212',
      0,
      0.9,
      'same_occupation',
    ],
    ['pipe welder for a welder need (same ISCO 7212)', OCC.pipeWelder, '7212', 5, 0.75, 'isco4'],
    ['marine electrician for a marine mechanic need', OCC.marineElectrician, '7412', 5, 0.1, 'isco1'],
    ['cook for a chef need', OCC.cook, '5120', 5, 0, 'unrelated'],
  ])('%s', (_, uri, isco, years, value, code) => {
    const need =
      uri === OCC.marineElectrician
        ? [OCC.marineMechanic, '7233']
        : uri === OCC.cook
          ? [OCC.chef, '3434']
          : [OCC.welder, '7212'];
    const r = scoreOccupation(
      makeProfile({ occupations: [{ uri, iscoGroup: isco, years }] }),
      need[0]!,
      need[1]!,
      C,
    );
    expect(r.value).toBeCloseTo(value, 12);
    expect(r.reason.code).toBe(code);
  });
});
