/** The profiles module's public surface for other modules. */
export {
  PROFILE_SPEC,
  insertProfiles,
  loadProfileAggregates,
  profileOwners,
  replaceProfileChildren,
  type ProfileAggregate,
  type ProfileChildren,
} from './profiles.repository.js';
export { CreateProfileSchema } from './profiles.schema.js';
export { maySeePersonalData } from './profiles.service.js';
