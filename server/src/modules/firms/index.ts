/** The firms module's public surface for other modules. */
export { FIRM_SPEC, insertFirms } from './firms.repository.js';
export { CreateFirmSchema } from './firms.schema.js';
