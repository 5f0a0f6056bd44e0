/** The assets module's public surface for other modules. */
export { ASSET_SPEC, insertAssets } from './assets.repository.js';
export { CreateAssetSchema } from './assets.schema.js';
export type { AssetsService } from './assets.service.js';
export { assetValueLabel, fill } from './offer-pack.labels.js';
export { DEFAULT_ASSET_FRESHNESS, oldestShown, verificationOf, type AssetFreshness } from './freshness.js';
