import type { SessionCache } from './auth/session-cache.js';
import type { FastifyInstance } from 'fastify';
import { redactText } from './lib/redact.js';
import { registerAccessControl, type RouteAccess } from './auth/access.js';
import { createAuthService, DEFAULT_AUTH_POLICY } from './auth/auth.service.js';
import type { Limits } from './auth/limits.js';
import { recordRateLimited } from './auth/quota.js';
import { alertsRoutes } from './modules/alerts/alerts.routes.js';
import { createAlertsService } from './modules/alerts/alerts.service.js';
import { adminRoutes } from './modules/admin/admin.routes.js';
import { createDesksService } from './modules/admin/desks.service.js';
import { reindexRoutes } from './modules/admin/reindex.routes.js';
import { createReindexJobs } from './indexing/reindex-jobs.js';
import { authRoutes } from './modules/auth/auth.routes.js';
import { analyzeStaleTables } from './db/statistics.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { assetsRoutes } from './modules/assets/assets.routes.js';
import { createAssetsService } from './modules/assets/assets.service.js';
import { offerPackRoutes } from './modules/assets/offer-pack.routes.js';
import { createOfferPackService } from './modules/assets/offer-pack.service.js';
import { createDuplicatesService, duplicatesRoutes } from './modules/duplicates/index.js';
import { crisisCasesRoutes } from './modules/crisis-cases/crisis-cases.routes.js';
import { createCrisisCasesService } from './modules/crisis-cases/crisis-cases.service.js';
import { firmsRoutes } from './modules/firms/firms.routes.js';
import { createFirmsService } from './modules/firms/firms.service.js';
import { needsRoutes } from './modules/needs/needs.routes.js';
import { createNeedsService } from './modules/needs/needs.service.js';
import { opportunitiesRoutes } from './modules/opportunities/opportunities.routes.js';
import { createOpportunitiesService } from './modules/opportunities/opportunities.service.js';
import { readinessRoutes } from './modules/opportunities/readiness/readiness.routes.js';
import { createReadinessService } from './modules/opportunities/readiness/readiness.service.js';
import { exportsRoutes } from './modules/exports/exports.routes.js';
import { createExportService } from './modules/exports/exports.service.js';
import { createJobPostingService } from './modules/exports/jobposting.js';
import { importsRoutes } from './modules/imports/imports.routes.js';
import { importFieldsRoutes } from './modules/imports/import-fields.routes.js';
import { createImportService, importSettingsFor } from './modules/imports/imports.service.js';
import { createProfileMergesService, profileMergesRoutes } from './modules/profile-merges/index.js';
import { assetAndFirmMergeRoutes, createAssetAndFirmMerges } from './modules/record-merges/index.js';
import { profilesRoutes } from './modules/profiles/profiles.routes.js';
import { createProfilesService } from './modules/profiles/profiles.service.js';
import { matchingRoutes } from './modules/matching/matching.routes.js';
import { createTeamLockService, teamLockRoutes } from './modules/teams/index.js';
import { createMatchingService } from './modules/matching/matching.service.js';
import { createPeopleNearby, peopleNearbyRoutes } from './modules/nearby/index.js';
import { ferryRoutes } from './modules/reference/ferry.routes.js';
import { createConsentsService } from './modules/privacy/consents.service.js';
import { createDataExportService } from './modules/privacy/data-export.service.js';
import { createErasureService, runRetention } from './modules/privacy/erasure.service.js';
import { privacyRoutes } from './modules/privacy/privacy.routes.js';
import { statsRoutes } from './modules/stats/stats.routes.js';
import { createStatsService } from './modules/stats/stats.service.js';
import { searchRoutes } from './modules/search/search.routes.js';
import { createSearchService } from './modules/search/search.service.js';
import { createInterpretService } from './modules/reference/interpret/interpret.service.js';
import { interpretRoutes } from './modules/reference/interpret/interpret.routes.js';
import { referenceRoutes } from './modules/reference/reference.routes.js';
import { createReferenceService } from './modules/reference/reference.service.js';
import { systemRoutes } from './modules/system/system.routes.js';

/** The API under /api/v1. Every route declares its access rule; the returned table drives the access tests. */
export function registerRoutes(
  api: FastifyInstance,
  deps: Deps,
  limits: Limits,
  sessionCache?: SessionCache,
): RouteAccess[] {
  const db = deps.database.db;
  const auth = createAuthService({
    db,
    sessionCache,
    secret: deps.auth.secret,
    email: deps.auth.email,
    publicUrl: deps.auth.publicUrl,
    policy: { ...DEFAULT_AUTH_POLICY, accountCeiling: limits.signInAccountCeiling },
    // Reset mails leave after the answer, from a table; a relay error is logged without the address in it.
    resetMails: {
      log: api.log,
      describe: (error) => redactText(error instanceof Error ? error.message : String(error)),
    },
  });
  api.addHook('onReady', async () => auth.resetMails.start());
  // The pass under way finishes before the database closes; what is left waits in the table.
  api.addHook('onClose', () => auth.resetMails.stop());
  const table = registerAccessControl(api, { auth, testPrincipal: deps.testPrincipal });
  authRoutes(api, auth, { secureCookies: deps.auth.secureCookies, limits });
  adminRoutes(api, auth, createDesksService(db));
  reindexRoutes(
    api,
    createReindexJobs(db, deps.search, {
      afterRebuild: async () => {
        await deps.matchFeed.reconcile();
        await analyzeStaleTables(deps.database);
      },
      ...(deps.searchRelay?.kind === 'shared'
        ? {
            exclusive: async (work) => (await deps.database.tryWithLock('reindex', work)).acquired,
          }
        : {}),
      ...(deps.searchRelay ? { replayAfter: deps.searchRelay.rebuilding } : {}),
    }),
  );
  systemRoutes(api, deps);
  referenceRoutes(api, createReferenceService(db));
  ferryRoutes(api);
  interpretRoutes(api, createInterpretService(db));
  profilesRoutes(api, createProfilesService(db));
  profileMergesRoutes(api, createProfileMergesService(db));
  const assetsService = createAssetsService(db, deps.assetFreshness);
  assetsRoutes(api, assetsService);
  // One count of people within a travel time, for the asset page and the offer pack.
  const peopleNearby = createPeopleNearby(assetsService, deps.matchFeed);
  offerPackRoutes(api, createOfferPackService(db, peopleNearby, assetsService));
  const firmsService = createFirmsService(db);
  firmsRoutes(api, firmsService);
  assetAndFirmMergeRoutes(api, createAssetAndFirmMerges(db, { assets: assetsService, firms: firmsService }));
  duplicatesRoutes(api, createDuplicatesService(db));
  crisisCasesRoutes(api, createCrisisCasesService(db));
  needsRoutes(api, createNeedsService(db));
  opportunitiesRoutes(api, createOpportunitiesService(db));
  searchRoutes(api, createSearchService(deps.search, deps.assetFreshness));
  alertsRoutes(
    api,
    createAlertsService(db, { secret: deps.auth.secret, assetFreshness: deps.assetFreshness }),
  );
  statsRoutes(api, createStatsService(db));
  const matching = createMatchingService(db, deps.matchFeed, limits);
  matchingRoutes(api, matching, limits);
  teamLockRoutes(api, createTeamLockService(db));
  readinessRoutes(
    api,
    createReadinessService(db, (id, principal, lang) => matching.team(id, {}, principal, lang)),
    limits,
  );
  peopleNearbyRoutes(api, peopleNearby);
  privacyRoutes(api, {
    consents: createConsentsService(db),
    dataExport: createDataExportService(db),
    erasure: createErasureService(db, deps.auth.ledgerKey),
    // One retention run at a time across the processes (and the CLI): the `retention` lock.
    retention: async () => {
      const run = await deps.database.tryWithLock('retention', () =>
        runRetention(db, { now: new Date(), ledgerKey: deps.auth.ledgerKey }),
      );
      if (!run.acquired)
        throw new AppError('RETENTION_RUNNING', 'A retention run is in progress in another process', 409);
      return run.value;
    },
  });
  importsRoutes(api, createImportService(db, { ...importSettingsFor(deps.database), log: api.log }));
  importFieldsRoutes(api);
  exportsRoutes(
    api,
    createExportService(db, createSearchService(deps.search, deps.assetFreshness), limits),
    createJobPostingService(db),
    { limits, onLimited: (principal) => recordRateLimited(db, principal, 'exports', limits.exportPerMinute) },
  );
  return table;
}
