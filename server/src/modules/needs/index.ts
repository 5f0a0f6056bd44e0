/** The needs module's public surface for other modules. */
export { NEED_SPEC, insertNeeds, replaceNeedChildren } from './needs.repository.js';
export { CreateNeedSchema } from './needs.schema.js';
export { assertMayAccessNeed } from './needs.service.js';
