export { profileMergesRoutes } from './profile-merges.routes.js';
export { createProfileMergesService } from './profile-merges.service.js';
