/** The firms module's public surface for other modules. */
export { FIRM_SPEC, insertFirms, type FirmRow } from './firms.repository.js';
export { CreateFirmSchema, FirmViewSchema, type FirmView } from './firms.schema.js';
export type { FirmsService } from './firms.service.js';
