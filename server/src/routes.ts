import type { FastifyInstance } from 'fastify';
import { registerAccessControl, type RouteAccess } from './auth/access.js';
import type { Deps } from './deps.js';
import { assetsRoutes } from './modules/assets/assets.routes.js';
import { createAssetsService } from './modules/assets/assets.service.js';
import { crisisCasesRoutes } from './modules/crisis-cases/crisis-cases.routes.js';
import { createCrisisCasesService } from './modules/crisis-cases/crisis-cases.service.js';
import { firmsRoutes } from './modules/firms/firms.routes.js';
import { createFirmsService } from './modules/firms/firms.service.js';
import { needsRoutes } from './modules/needs/needs.routes.js';
import { createNeedsService } from './modules/needs/needs.service.js';
import { opportunitiesRoutes } from './modules/opportunities/opportunities.routes.js';
import { createOpportunitiesService } from './modules/opportunities/opportunities.service.js';
import { exportsRoutes } from './modules/exports/exports.routes.js';
import { createExportService } from './modules/exports/exports.service.js';
import { createJobPostingService } from './modules/exports/jobposting.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { createImportService } from './modules/imports/imports.service.js';
import { profilesRoutes } from './modules/profiles/profiles.routes.js';
import { createProfilesService } from './modules/profiles/profiles.service.js';
import { createKnowledgeCache } from './modules/matching/knowledge.cache.js';
import { matchingRoutes } from './modules/matching/matching.routes.js';
import { createMatchingService } from './modules/matching/matching.service.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { createSearchService } from './modules/search/search.service.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { createReferenceService } from './modules/reference/reference.service.js';
import { systemRoutes } from './modules/system/system.routes.js';

/** The API under /api/v1. Every route declares its access rule; the returned table drives the access tests. */
export function registerRoutes(api: FastifyInstance, deps: Deps): RouteAccess[] {
  const table = registerAccessControl(api, { trustDemoHeaders: deps.trustDemoHeaders });
  const db = deps.database.db;
  systemRoutes(api, deps);
  referenceRoutes(api, createReferenceService(db));
  profilesRoutes(api, createProfilesService(db));
  assetsRoutes(api, createAssetsService(db));
  firmsRoutes(api, createFirmsService(db));
  crisisCasesRoutes(api, createCrisisCasesService(db));
  needsRoutes(api, createNeedsService(db));
  opportunitiesRoutes(api, createOpportunitiesService(db));
  searchRoutes(api, createSearchService(deps.search));
  matchingRoutes(api, createMatchingService(db, createKnowledgeCache(db)));
  importsRoutes(api, createImportService(db));
  exportsRoutes(api, createExportService(db, createSearchService(deps.search)), createJobPostingService(db));
  return table;
}
