import type { AssetInput, AssetNeedInput } from './types.js';

/**
 * What an asset costs a buyer, in the terms of the need's mode (docs/scoring-spec.md, "Asset
 * modes and budgets"). Kept apart from the scoring so that every rule about money lives in one place:
 * a monthly rent is never compared with a purchase budget, or the other way round.
 */

/** The two ways of taking an asset; `either` in a need means "whichever the asset offers". */
export type TakeMode = 'buy' | 'lease';

export type Offer =
  | {
      readonly admissible: true;
      /** How the asset would be taken. */
      readonly mode: TakeMode;
      /** Price (buy, auction base price) or monthly rent (lease, 0 for a free loan); null = not stated. */
      readonly cost: number | null;
      /** The budget of that mode; null = no limit given for it. */
      readonly budget: number | null;
    }
  | { readonly admissible: false; readonly required: AssetNeedInput['mode'] };

/** The mode an availability belongs to: sale and auction are bought, lease and free loan are used. */
export function takeModeOf(availability: AssetInput['availability']): TakeMode {
  return availability === 'sale' || availability === 'auction' ? 'buy' : 'lease';
}

/** Cost in the asset's own mode: auctions by their base price, free loans cost nothing. */
export function costOf(a: AssetInput): number | null {
  if (a.availability === 'free_loan') return 0;
  return takeModeOf(a.availability) === 'buy' ? a.priceEur : a.rentEurMonth;
}

/**
 * Budget for a mode. `budgetEur` is the budget of the need's own mode; in mode `either` it is the
 * purchase budget (the form's single budget field holds a capital sum) and the monthly budget comes
 * only from `monthlyBudgetEur`, so a rent is never held against a capital sum.
 */
export function budgetFor(need: AssetNeedInput, mode: TakeMode): number | null {
  const monthly = need.monthlyBudgetEur ?? null;
  if (need.mode === 'buy') return mode === 'buy' ? need.budgetEur : null;
  if (need.mode === 'lease') return mode === 'lease' ? (monthly ?? need.budgetEur) : null;
  return mode === 'buy' ? need.budgetEur : monthly;
}

/**
 * The asset's offer read against the need. An asset has one availability, so of the two modes of
 * `either` only one can be admissible: the one the asset offers, with that mode's budget.
 */
export function offerFor(a: AssetInput, need: AssetNeedInput): Offer {
  const mode = takeModeOf(a.availability);
  if (need.mode !== 'either' && need.mode !== mode) return { admissible: false, required: need.mode };
  return { admissible: true, mode, cost: costOf(a), budget: budgetFor(need, mode) };
}
