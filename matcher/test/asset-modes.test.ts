import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  assetsForNeed,
  explainAll,
  scoreAssetForNeed,
  TEMPLATES,
  type AssetInput,
  type AssetNeedInput,
} from '../src/index.js';
import { VOCABULARY } from '../src/templates.js';
import { byName, makeAsset, makeAssetNeed, PLACES } from './helpers.js';

const NOW = '2026-02-01';
const codes = (a: AssetInput, n: AssetNeedInput) =>
  scoreAssetForNeed(a, n, NOW).exclusions.map((e) => e.code);

const sale = makeAsset({ id: 'sale', availability: 'sale', priceEur: 2_520_000, rentEurMonth: null });
const auction = makeAsset({ id: 'auction', availability: 'auction', priceEur: 250_000, rentEurMonth: null });
const lease = makeAsset({ id: 'lease', availability: 'lease', rentEurMonth: 9_100 });
const loan = makeAsset({ id: 'loan', availability: 'free_loan', rentEurMonth: null });

describe('asset modes and budgets (issue 17 A, audit M15)', () => {
  const either = makeAssetNeed({ mode: 'either', budgetEur: 3_000_000 });

  it('mode either admits sale and auction assets (regression: they were all excluded)', () => {
    expect(codes(sale, either)).toEqual([]);
    expect(codes(auction, either)).toEqual([]);
    const found = assetsForNeed(either, [sale, auction, lease, loan], NOW, 10);
    expect(found.results.map((r) => r.id).sort()).toEqual(['auction', 'lease', 'loan', 'sale']);
  });

  it('never compares a monthly rent with a purchase budget (regression: "9100 EUR within 3000000")', () => {
    const price = byName(scoreAssetForNeed(lease, either, NOW), 'price');
    expect(price.reason.code).toBe('rent_no_budget');
    expect(price.reason.params).toEqual({ cost: 9_100 });
    const withMonthly = { ...either, monthlyBudgetEur: 8_000 };
    expect(codes(lease, withMonthly)).toEqual(['rent_budget']);
    expect(byName(scoreAssetForNeed(sale, withMonthly, NOW), 'price').reason).toEqual({
      code: 'within_budget',
      params: { cost: 2_520_000, budget: 3_000_000 },
    });
  });

  it('an auction is measured by its base price, a free loan costs nothing', () => {
    expect(codes(auction, makeAssetNeed({ mode: 'buy', budgetEur: 200_000 }))).toEqual(['budget']);
    const p = byName(scoreAssetForNeed(loan, makeAssetNeed({ mode: 'lease', budgetEur: 1 }), NOW), 'price');
    expect(p.value).toBe(1);
    expect(p.reason.code).toBe('free_loan');
  });

  const byAvailability = { sale, auction, lease, loan };
  it.each<[AssetNeedInput['mode'], keyof typeof byAvailability, boolean]>([
    ['buy', 'sale', true],
    ['buy', 'auction', true],
    ['buy', 'lease', false],
    ['buy', 'loan', false],
    ['lease', 'sale', false],
    ['lease', 'auction', false],
    ['lease', 'lease', true],
    ['lease', 'loan', true],
    ['either', 'sale', true],
    ['either', 'auction', true],
    ['either', 'lease', true],
    ['either', 'loan', true],
  ])('need mode %s × asset offered for %s → admissible: %s', (mode, offered, ok) => {
    const asset = byAvailability[offered];
    expect(codes(asset, makeAssetNeed({ mode, budgetEur: null })).includes('mode')).toBe(!ok);
  });
});

describe('why-not for every hard criterion (regression: only one numeric miss was explained)', () => {
  const need = makeAssetNeed({ minPowerKw: 200, minCraneTonnage: 10, maxAreaM2: 3000 });
  const cases: [string, Partial<AssetInput>][] = [
    ['mode', { availability: 'sale', priceEur: 1 }],
    ['kind', { kind: 'machine' }],
    ['category', { category: 'office' }],
    ['quay', { quayAccess: false }],
    ['min_area', { coveredAreaM2: 100 }],
    ['max_area', { coveredAreaM2: 9000 }],
    ['min_power', { powerKva: 10 }],
    ['min_crane', { craneTonnage: 1 }],
    ['radius', { location: PLACES.genova }],
    ['rent_budget', { rentEurMonth: 50_000 }],
    ['available_too_late', { availableFrom: '2027-01-01' }],
    ['expired', { availableUntil: '2026-01-02' }],
    ['asset_not_available', { status: 'withdrawn' }],
  ];

  it.each(cases)('%s is listed in `excluded` with a plain reason in it/fr/en', (code, overrides) => {
    const asset = makeAsset({ id: code, ...overrides });
    const found = assetsForNeed(need, [asset], NOW, 10);
    expect(found.results).toEqual([]);
    expect(found.excluded.map((m) => m.result.exclusions.map((e) => e.code))).toEqual([[code]]);
    const text = explainAll(found.excluded[0]!.result);
    for (const lang of ['it', 'fr', 'en'] as const) {
      const last = text[lang].lines.at(-1)!;
      expect(last).not.toMatch(/\{|free_loan|_/);
      expect(TEMPLATES[`exclusion.${code}`]![lang]).toBeTruthy();
    }
  });

  it('names the mode in words, not codes', () => {
    const r = scoreAssetForNeed(
      makeAsset({ availability: 'free_loan' }),
      makeAssetNeed({ mode: 'buy' }),
      NOW,
    );
    expect(explainAll(r).it.lines.at(-1)).toBe(
      "Offerto come comodato d'uso, che non corrisponde alla modalità richiesta (acquisto).",
    );
    expect(VOCABULARY.free_loan!.fr).toContain('commodat');
  });

  it('orders the why-not list by number of failures, then gap, then id', () => {
    const found = assetsForNeed(
      need,
      [
        makeAsset({ id: 'two', quayAccess: false, category: 'office' }),
        makeAsset({ id: 'one-big', coveredAreaM2: 100 }),
        makeAsset({ id: 'one-small', coveredAreaM2: 1400 }),
      ],
      NOW,
      10,
    );
    expect(found.excluded.map((m) => m.result.id)).toEqual(['one-small', 'one-big', 'two']);
  });
});

describe('asset mode properties', () => {
  const availability = fc.constantFrom<AssetInput['availability']>('sale', 'lease', 'free_loan', 'auction');
  const mode = fc.constantFrom<AssetNeedInput['mode']>('buy', 'lease', 'either');
  const money = fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null });
  const assetArb = fc
    .record({ availability, priceEur: money, rentEurMonth: money })
    .map((o) => makeAsset({ ...o }));
  const satisfies = (m: AssetNeedInput['mode'], a: AssetInput['availability']) =>
    m === 'either' || (m === 'buy') === (a === 'sale' || a === 'auction');

  it('an asset is never excluded by a mode it satisfies, and always by one it does not', () => {
    fc.assert(
      fc.property(assetArb, mode, money, money, (a, m, budget, monthly) => {
        const c = codes(a, makeAssetNeed({ mode: m, budgetEur: budget, monthlyBudgetEur: monthly }));
        expect(c.includes('mode')).toBe(!satisfies(m, a.availability));
      }),
    );
  });

  it('is monotonic in budget: a larger budget never adds an exclusion or lowers the score', () => {
    fc.assert(
      fc.property(
        assetArb,
        mode,
        fc.integer({ min: 0, max: 5_000_000 }),
        fc.integer({ min: 0, max: 5_000_000 }),
        (a, m, b1, extra) => {
          const small = scoreAssetForNeed(
            a,
            makeAssetNeed({ mode: m, budgetEur: b1, monthlyBudgetEur: b1 }),
            NOW,
          );
          const big = scoreAssetForNeed(
            a,
            makeAssetNeed({ mode: m, budgetEur: b1 + extra, monthlyBudgetEur: b1 + extra }),
            NOW,
          );
          expect(big.exclusions.length).toBeLessThanOrEqual(small.exclusions.length);
          expect(big.score).toBeGreaterThanOrEqual(small.score - 1e-12);
        },
      ),
    );
  });

  it('counts a budget of 0 as a budget, not as none (the counterexample fast-check found)', () => {
    const cheap = makeAsset({ id: 'a1', availability: 'sale', priceEur: 2, rentEurMonth: null });
    const zero = scoreAssetForNeed(cheap, makeAssetNeed({ mode: 'buy', budgetEur: 0 }), NOW);
    const one = scoreAssetForNeed(cheap, makeAssetNeed({ mode: 'buy', budgetEur: 1 }), NOW);
    expect(one.score).toBeGreaterThanOrEqual(zero.score);
  });

  it('either admits exactly what buy or lease admits, with that mode’s budget', () => {
    fc.assert(
      fc.property(assetArb, money, money, (a, budget, monthly) => {
        const e = codes(a, makeAssetNeed({ mode: 'either', budgetEur: budget, monthlyBudgetEur: monthly }));
        const b = codes(a, makeAssetNeed({ mode: 'buy', budgetEur: budget }));
        const l = codes(a, makeAssetNeed({ mode: 'lease', budgetEur: monthly }));
        expect(e.length === 0).toBe(b.length === 0 || l.length === 0);
      }),
    );
  });

  it('contributions still sum to the score', () => {
    fc.assert(
      fc.property(assetArb, mode, money, (a, m, budget) => {
        const r = scoreAssetForNeed(a, makeAssetNeed({ mode: m, budgetEur: budget }), NOW);
        expect(Math.abs(r.components.reduce((s, c) => s + c.contribution, 0) - r.score)).toBeLessThan(1e-9);
      }),
    );
  });
});
