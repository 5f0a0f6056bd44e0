/** The assets module's public surface for other modules. */
export { ASSET_SPEC, insertAssets, type AssetRow } from './assets.repository.js';
export { AssetViewSchema, CreateAssetSchema, type AssetView } from './assets.schema.js';
export type { AssetsService } from './assets.service.js';
export { assetValueLabel, fill } from './offer-pack.labels.js';
export { DEFAULT_ASSET_FRESHNESS, oldestShown, verificationOf, type AssetFreshness } from './freshness.js';
