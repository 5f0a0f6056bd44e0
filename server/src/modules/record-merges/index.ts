/** The record-merges module's public surface: merging two listings of one asset, or two records of one firm. */
export { assetAndFirmMergeRoutes } from './record-merges.routes.js';
export { createAssetAndFirmMerges } from './record-merges.service.js';
