/** The teams module: the accepted team of an opportunity (lock, unlock, contact requests). */
export { createTeamLockService } from './team-lock.service.js';
export { teamLockRoutes } from './team-lock.routes.js';
