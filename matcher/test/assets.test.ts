import { describe, expect, it } from 'vitest';
import {
  assetExclusions,
  assetsForNeed,
  DEFAULT_CONFIG,
  explain,
  needsForAsset,
  operatorsForAsset,
  scoreAssetForNeed,
  type AssetInput,
} from '../src/index.js';
import { knowledge, makeAsset, makeAssetNeed, makeProfile, OCC, PLACES, SK } from './helpers.js';

const NOW = '2026-02-01';
const need = makeAssetNeed();

describe('asset need → assets: hard constraints exclude', () => {
  it.each<[string, Partial<AssetInput>, string[]]>([
    ['a shed that fits', {}, []],
    ['a machine, not a building', { kind: 'machine' }, ['kind']],
    ['another category', { category: 'office' }, ['category']],
    ['too small', { coveredAreaM2: 1400 }, ['min_area']],
    ['no quay', { quayAccess: false }, ['quay']],
    ['too far (Genova)', { location: PLACES.genova }, ['radius']],
    ['available too late', { availableFrom: '2026-09-01' }, ['available_too_late']],
    ['auction already past', { availableUntil: '2026-01-15' }, ['expired']],
    ['for sale only', { availability: 'sale', priceEur: 900_000 }, ['mode']],
    ['over the monthly budget', { rentEurMonth: 12_000 }, ['rent_budget']],
    ['reserved', { status: 'reserved' }, ['asset_not_available']],
    ['small and far', { coveredAreaM2: 1000, location: PLACES.genova }, ['min_area', 'radius']],
  ])('%s → %j', (_, overrides, codes) => {
    const r = scoreAssetForNeed(makeAsset(overrides), need, NOW);
    expect(r.exclusions.map((e) => e.code)).toEqual(codes);
    const sum = r.components.reduce((s, c) => s + c.contribution, 0);
    expect(Math.abs(sum - r.score)).toBeLessThan(1e-9);
  });

  it.each([
    ['power from kW', { powerKw: 150, powerKva: null }, 200, ['min_power']],
    ['power from kVA × 0.8', { powerKw: null, powerKva: 300 }, 200, []],
    ['unknown power', { powerKw: null, powerKva: null }, 200, ['min_power']],
  ])('%s', (_, overrides, minPowerKw, codes) => {
    const checks = assetExclusions(makeAsset(overrides), makeAssetNeed({ minPowerKw }), NOW, DEFAULT_CONFIG);
    expect(checks.map((c) => c.exclusion!.code)).toEqual(codes);
  });

  it('uses land area for an industrial area and covered area for a building', () => {
    const area = makeAsset({ kind: 'area', category: 'yard', coveredAreaM2: 0, landAreaM2: 8000 });
    const r = scoreAssetForNeed(
      area,
      makeAssetNeed({ kind: 'area', category: 'yard', minAreaM2: 5000 }),
      NOW,
    );
    expect(r.exclusions).toEqual([]);
  });
});

describe('asset need → assets: ranking and why-not', () => {
  const assets = [
    makeAsset({ id: 'fit-far', location: PLACES.sarzana }),
    makeAsset({ id: 'fit-near' }),
    makeAsset({ id: 'fit-cheap', rentEurMonth: 2000 }),
    makeAsset({ id: 'small-by-7pc', coveredAreaM2: 1400 }),
    makeAsset({ id: 'small-by-50pc', coveredAreaM2: 750 }),
    makeAsset({ id: 'no-quay', quayAccess: false }),
    makeAsset({ id: 'two-misses', coveredAreaM2: 1400, rentEurMonth: 10_500 }),
  ];
  const res = assetsForNeed(need, assets, NOW, 10);

  it('ranks the fitting assets by the soft criteria', () => {
    expect(res.results.map((r) => r.id)).toEqual(['fit-cheap', 'fit-near', 'fit-far']);
  });

  it('lists as near misses only assets failing one numeric constraint by at most 20 %', () => {
    expect(res.nearMisses.map((m) => [m.result.id, Math.round(m.gap * 1000) / 1000])).toEqual([
      ['small-by-7pc', 0.067],
    ]);
    const why = explain(res.nearMisses[0]!.result, 'it').lines.join(' ');
    expect(why).toContain('Superficie 1400 m², richiesti almeno 1500 m²');
  });

  it('finds, from the asset side, the needs it satisfies', () => {
    const needs = [
      need,
      makeAssetNeed({ id: 'an2', minAreaM2: 5000 }),
      makeAssetNeed({ id: 'an3', needsQuay: false }),
    ];
    expect(needsForAsset(makeAsset(), needs, NOW, 10).map((r) => r.id)).toEqual(['an1', 'an3']);
  });
});

describe('asset → people who can operate it', () => {
  const welding = makeAsset({
    id: 'tig-station',
    kind: 'machine',
    category: 'welding',
    requiredSkills: [SK.tigWelding, SK.operateWeldingEquipment],
  });
  const pool = [
    makeProfile({
      id: 'tig',
      skills: [
        { uri: SK.tigWelding, source: 'certified' },
        { uri: SK.operateWeldingEquipment, source: 'declared' },
      ],
    }),
    makeProfile({ id: 'welder-occ', occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 3 }] }),
    makeProfile({ id: 'cook', skills: [{ uri: SK.useCookingTechniques, source: 'declared' }] }),
    makeProfile({ id: 'far', skills: [{ uri: SK.tigWelding, source: 'declared' }], home: PLACES.cagliari }),
  ];

  it('ranks by the asset’s skills and operating occupation, drops people with neither or out of reach', () => {
    // A welder by occupation (the occupation that runs welding equipment) now ranks first (issue 17 B).
    expect(operatorsForAsset(welding, pool, knowledge, 10).map((r) => r.id)).toEqual(['welder-occ', 'tig']);
  });
});
