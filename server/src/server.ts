import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, LOG_REDACT, LOG_SERIALIZERS } from './app.js';
import { logEmailAdapter } from './auth/email.js';
import { DEFAULT_LIMITS, type Limits } from './auth/limits.js';
import { keepRateLimitsPruned, postgresRateLimitStore } from './auth/rate-limit-store.js';
import { localSecrets } from './auth/secrets.js';
import { smtpEmailAdapter } from './auth/smtp-email.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { DatabaseInUseError, openDatabase } from './db/client.js';
import { assertSameKeys, InconsistentDeploymentError } from './db/schema-version.js';
import { keepStatisticsCurrent } from './db/statistics.js';
import { eventLoopDelay } from './lib/event-loop.js';
import { CHANGE_LOG_CHANNEL, formatPosition, keepChangeLogPruned } from './indexing/change-log.js';
import { createOutboxRelay, SHARED_SEARCH_READER } from './indexing/outbox-relay.js';
import { checkProcessIndexes } from './indexing/process-check.js';
import { rebuildAllIndexes } from './indexing/reindex.js';
import { createSearchLeader } from './indexing/search-leader.js';
import { logSafeError } from './lib/log-safe.js';
import { expireAuctionsOnce, keepAuctionsExpired } from './modules/assets/auction-expiry.js';
import { createSearchAdapter } from './search/search.factory.js';
import { createMatchFeed } from './modules/matching/index/match-index.feed.js';
import { createAlertsRuntime } from './modules/alerts/alerts-runtime.js';
import { createKnowledgeCache } from './modules/matching/knowledge.cache.js';
import { conceptIndexFor } from './modules/reference/index.js';
import { demoEnabled, prepareDatabase, prepareMatching, prepareSearch } from './startup.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Opens the adapters, builds the app, prepares the database, search and matching, and listens. Used by
 * `main` below and by the fuzz run (fuzz/run.ts), which needs the database handle to check that refused
 * writes wrote nothing. `logStream`: where the JSON log goes (default stdout).
 */
export async function startServer(config: Config, options: { logStream?: NodeJS.WritableStream } = {}) {
  const loopDelay = eventLoopDelay();
  const database = await openDatabase(config.database);
  const demo = demoEnabled(config.demoData, database.kind);
  const fallback =
    !config.secrets.session || !config.secrets.ledger ? localSecrets(dataDirOf(config)) : undefined;
  const secrets = {
    session: config.secrets.session ?? fallback!.session,
    ledger: config.secrets.ledger ?? fallback!.ledger,
  };
  const search = await createSearchAdapter(
    config.search.kind === 'meilisearch'
      ? {
          meiliUrl: config.search.url,
          meiliApiKey: config.search.apiKey,
          indexPrefix: config.search.indexPrefix,
        }
      : {},
  );
  const matchFeed = createMatchFeed(database.db, createKnowledgeCache(database.db));
  const shared = config.search.kind === 'meilisearch';
  // A failed query's message holds its parameters: log the reduced error only (finding 8).
  const warn = (label: string) => (error: unknown) =>
    console.warn(`${label}:`, JSON.stringify(logSafeError(error)));
  // This process's reader of the change log: its match index, and the embedded search index when that is
  // the search (each process holds a whole one). ADR 0005.
  const relay = createOutboxRelay(database.db, shared ? null : search, {
    alsoNotify: matchFeed.apply,
    onError: warn('change log'),
    onBehind: async () => {
      console.warn('change log: pruned past this process; rebuilding its indexes from the tables');
      if (!shared) await rebuildAllIndexes(database.db, search);
      await matchFeed.reconcile();
    },
    onCheck: () => checkProcessIndexes(database.db, shared ? null : search, matchFeed),
  });
  // Meilisearch is one index for every process: fed once, by the leader, from one shared position.
  const searchRelay = shared
    ? createOutboxRelay(database.db, search, {
        reader: { name: SHARED_SEARCH_READER, kind: 'shared' },
        onError: warn('search relay'),
        onBehind: () =>
          database.withLock('reindex', () => rebuildAllIndexes(database.db, search)).then(() => {}),
      })
    : relay;
  const leader = shared
    ? createSearchLeader(database, searchRelay, {
        onChange: (leading) =>
          console.log(leading ? 'search relay: this process feeds Meilisearch' : 'search relay: lead lost'),
        onError: warn('search leader'),
      })
    : undefined;
  const smtp = config.mail.smtpUrl ? smtpEmailAdapter(config.mail.smtpUrl, config.mail.from) : undefined;
  // Saved-search alerts: one reader of the change log for the deployment, led by one process (issue 16).
  const alerts = createAlertsRuntime(database, {
    ...(smtp ? { email: smtp } : {}),
    publicUrl: config.publicUrl,
    secret: secrets.session,
    deadlineDays: config.alerts.deadlineDays,
    assetFreshness: config.assetFreshness,
    onError: warn('alerts'),
    onLeading: (leading) =>
      console.log(leading ? 'alerts: this process evaluates saved searches' : 'alerts: lead lost'),
  });
  const app = await buildApp(
    {
      database,
      search,
      relay,
      searchRelay,
      matchFeed,
      uiDir: config.uiDir ?? path.join(REPO_ROOT, 'ui/build'),
      mapTilesUrl: config.mapTilesUrl,
      demo,
      assetFreshness: config.assetFreshness,
      limits: { ...scaledLimits(config.rateLimitFactor), ...config.limits },
      ...(database.kind === 'postgres' ? { rateLimitStore: postgresRateLimitStore(database.db) } : {}),
      auth: {
        secret: secrets.session,
        ledgerKey: secrets.ledger,
        email: smtp ?? logEmailAdapter(console),
        publicUrl: config.publicUrl,
        secureCookies: config.secureCookies,
      },
    },
    {
      logger: {
        level: config.logLevel,
        redact: LOG_REDACT,
        serializers: LOG_SERIALIZERS,
        ...(options.logStream ? { stream: options.logStream } : {}),
      },
      trustProxyHops: config.trustProxyHops,
    },
  );
  await prepareDatabase(database, { demo, log: app.log });
  // Before the indexes are built: an auction whose date passed while the app was down starts expired.
  const expiry = await expireAuctionsOnce(database);
  if (expiry.acquired && expiry.value.expired > 0)
    app.log.info(expiry.value, 'auctions past their date expired');
  await assertSameKeys(database.db, secrets);
  // Placed at the horizon BEFORE the indexes are built from the tables: what commits meanwhile is replayed.
  await relay.register();
  // Side by side: each spends much of its time waiting for the database while the other computes.
  await Promise.all([
    prepareSearch(database, search, { rebuild: !shared, log: app.log }),
    prepareMatching(matchFeed, { log: app.log }),
  ]);
  relay.start();
  await leader?.start();
  await alerts.start();
  // Writes in any process (or a CLI import) wake every reader; on PGlite the one process kicks itself.
  const unlisten = await database.listen?.(CHANGE_LOG_CHANNEL, () => {
    relay.kick();
    searchRelay.kick();
    alerts.kick();
  });
  const stopPruning = keepChangeLogPruned(database, {
    onPruned: (report) =>
      app.log.info(
        { ...report, through: report.through && formatPosition(report.through) },
        'change log pruned',
      ),
    onError: warn('change log pruning'),
  });
  app.log.info({ eventLoopDelayMs: loopDelay.snapshot() }, 'event-loop delay during start-up');
  loopDelay.reset();
  const stopRateLimits =
    database.kind === 'postgres' ? keepRateLimitsPruned(database.db, warn('rate limits')) : () => {};
  const stopExpiry = keepAuctionsExpired(database, {
    onExpired: (report) => app.log.info(report, 'auctions past their date expired'),
    onError: warn('auction expiry'),
  });
  const stopStatistics = keepStatisticsCurrent(database, (error) =>
    app.log.error({ err: error }, 'analyze failed'),
  );
  await app.listen({ host: config.http.host, port: config.http.port });
  // The free-text interpreter's index takes seconds to build (tens on PGlite): built now, in the
  // background and in small pieces, so the first form or import that needs it does not wait for it.
  const interpreterStarted = performance.now();
  conceptIndexFor(database.db).then(
    () =>
      app.log.info({ ms: Math.round(performance.now() - interpreterStarted) }, 'free-text interpreter ready'),
    warn('free-text interpreter'),
  );

  let closing = false;
  /** Stop accepting, finish in-flight requests, then release the database. */
  const close = async () => {
    if (closing) return;
    closing = true;
    app.log.info({ eventLoopDelayMs: loopDelay.snapshot() }, 'event-loop delay while serving');
    stopStatistics();
    stopExpiry();
    stopPruning();
    stopRateLimits();
    await unlisten?.();
    await app.close();
    await leader?.stop();
    await alerts.stop();
    await relay.stop({ forget: true });
    await search.close();
    await database.close();
  };
  return { app, database, close };
}

/** Composition root: read config, start, and close gracefully on a signal. */
async function main() {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  let started;
  try {
    started = await startServer(config);
  } catch (error) {
    // A configuration that cannot be consistent: say why, plainly, and do not start.
    if (error instanceof DatabaseInUseError || error instanceof InconsistentDeploymentError) {
      console.error(`Rilancio cannot start: ${error.message}`);
      process.exit(2);
    }
    throw error;
  }
  const { app, close } = started;
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    await close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  const shown = config.http.host === '0.0.0.0' ? 'localhost' : config.http.host;
  console.log(`Rilancio is running at http://${shown}:${config.http.port}/  (API docs: /docs)`);
}

const scaledLimits = (factor: number): Limits =>
  Object.fromEntries(Object.entries(DEFAULT_LIMITS).map(([k, v]) => [k, v * factor])) as unknown as Limits;

const dataDirOf = (config: Config) =>
  (config.database.kind === 'pglite' && config.database.dataDir) || './data';

// Run only as the entry point (npm start), not when the fuzz run imports startServer.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
