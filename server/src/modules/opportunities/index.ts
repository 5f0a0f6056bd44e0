/** The opportunities module's public surface for other modules. */
export {
  OPPORTUNITY_SPEC,
  insertOpportunities,
  replaceOpportunityChildren,
} from './opportunities.repository.js';
export { CreateOpportunitySchema } from './opportunities.schema.js';
