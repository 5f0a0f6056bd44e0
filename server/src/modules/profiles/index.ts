/** The profiles module's public surface for other modules. */
export {
  PROFILE_SPEC,
  insertProfiles,
  loadProfileAggregates,
  profileOwners,
  replaceProfileChildren,
  type ProfileAggregate,
  type ProfileChildren,
  type ProfileRow,
} from './profiles.repository.js';
export { CreateProfileSchema, ProfileViewSchema } from './profiles.schema.js';
export { maySeePersonalData, toProfileView } from './profiles.service.js';
