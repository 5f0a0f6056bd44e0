import type { FastifyInstance } from 'fastify';
import { registerAccessControl } from './auth/access.js';
import type { Deps } from './deps.js';
import { profilesRoutes } from './modules/profiles/profiles.routes.js';
import { createProfilesService } from './modules/profiles/profiles.service.js';
import { systemRoutes } from './modules/system/system.routes.js';

/** The API under /api/v1: every route declares its access rule (see auth/access.ts). */
export function registerRoutes(api: FastifyInstance, deps: Deps) {
  registerAccessControl(api, { trustDemoHeaders: deps.trustDemoHeaders });
  const db = deps.database.db;
  systemRoutes(api, deps);
  profilesRoutes(api, createProfilesService(db));
}
