/** The duplicates module's public surface for other modules (the importer's warnings). */
export { duplicatesRoutes } from './duplicates.routes.js';
export {
  createDuplicatesService,
  findAssets,
  findFirms,
  findPeople,
  findWithinBatch,
  visibleTo,
  type DuplicatesService,
  type Found,
} from './duplicates.service.js';
export { REASON_CODES, type ReasonCode } from './scoring.js';
export { EarlierRows, type FileRow } from './within-batch.js';
export type { LookupOptions } from './duplicates.repository.js';
