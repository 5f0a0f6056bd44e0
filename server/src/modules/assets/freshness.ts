/**
 * How fresh a listing is (issue 16): an asset nobody has verified for `verifyAfterDays` is flagged "to
 * verify"; after `hideAfterDays` it leaves the default asset search (an explicit `verifiedAt` filter
 * still finds it). The age runs from the last verification, or from the listing's creation when it was
 * never verified. Both periods are configuration (ASSET_VERIFY_AFTER_DAYS, ASSET_HIDE_AFTER_DAYS).
 */
export interface AssetFreshness {
  verifyAfterDays: number;
  hideAfterDays: number;
}

export const DEFAULT_ASSET_FRESHNESS: AssetFreshness = { verifyAfterDays: 180, hideAfterDays: 365 };

export const VERIFICATION_STATES = ['current', 'to_verify', 'out_of_search'] as const;
export type Verification = (typeof VERIFICATION_STATES)[number];

const DAY_MS = 86_400_000;

/** The moment the listing was last known true. */
export const verifiedAtOf = (a: { lastVerifiedAt: Date | null; createdAt: Date }) =>
  a.lastVerifiedAt ?? a.createdAt;

export function verificationOf(verifiedAt: Date | string, now: Date, f: AssetFreshness): Verification {
  const ageDays = (now.getTime() - new Date(verifiedAt).getTime()) / DAY_MS;
  if (ageDays >= f.hideAfterDays) return 'out_of_search';
  if (ageDays >= f.verifyAfterDays) return 'to_verify';
  return 'current';
}

/** The oldest verification the default search still shows, as an ISO instant. */
export function oldestShown(now: Date, f: AssetFreshness): string {
  return new Date(now.getTime() - f.hideAfterDays * DAY_MS).toISOString();
}
