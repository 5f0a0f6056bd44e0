import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, LOG_REDACT, LOG_SERIALIZERS } from './app.js';
import { logEmailAdapter } from './auth/email.js';
import { DEFAULT_LIMITS, type Limits } from './auth/limits.js';
import { localSecrets } from './auth/secrets.js';
import { smtpEmailAdapter } from './auth/smtp-email.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { keepStatisticsCurrent } from './db/statistics.js';
import { eventLoopDelay } from './lib/event-loop.js';
import { createOutboxRelay } from './indexing/outbox-relay.js';
import { logSafeError } from './lib/log-safe.js';
import { createSearchAdapter } from './search/search.factory.js';
import { createMatchFeed } from './modules/matching/index/match-index.feed.js';
import { createKnowledgeCache } from './modules/matching/knowledge.cache.js';
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
      ? { meiliUrl: config.search.url, meiliApiKey: config.search.apiKey }
      : {},
  );
  const matchFeed = createMatchFeed(database.db, createKnowledgeCache(database.db));
  const relay = createOutboxRelay(database.db, search, {
    alsoNotify: matchFeed.apply,
    // A failed outbox query's message holds its parameters: log the reduced error only (finding 8).
    onError: (error) => console.warn('search relay:', JSON.stringify(logSafeError(error))),
  });
  const app = await buildApp(
    {
      database,
      search,
      relay,
      matchFeed,
      uiDir: config.uiDir ?? path.join(REPO_ROOT, 'ui/build'),
      mapTilesUrl: config.mapTilesUrl,
      demo,
      limits: { ...scaledLimits(config.rateLimitFactor), ...config.limits },
      auth: {
        secret: secrets.session,
        ledgerKey: secrets.ledger,
        email: config.mail.smtpUrl
          ? smtpEmailAdapter(config.mail.smtpUrl, config.mail.from)
          : logEmailAdapter(console),
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
  // Side by side: each spends much of its time waiting for the database while the other computes.
  await Promise.all([
    prepareSearch(database, search, { rebuild: config.search.kind === 'embedded', log: app.log }),
    prepareMatching(matchFeed, { log: app.log }),
  ]);
  relay.start();
  app.log.info({ eventLoopDelayMs: loopDelay.snapshot() }, 'event-loop delay during start-up');
  loopDelay.reset();
  const stopStatistics = keepStatisticsCurrent(database, (error) =>
    app.log.error({ err: error }, 'analyze failed'),
  );
  await app.listen({ host: config.http.host, port: config.http.port });

  let closing = false;
  /** Stop accepting, finish in-flight requests, then release the database. */
  const close = async () => {
    if (closing) return;
    closing = true;
    app.log.info({ eventLoopDelayMs: loopDelay.snapshot() }, 'event-loop delay while serving');
    stopStatistics();
    await app.close();
    await relay.stop();
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
  const { app, close } = await startServer(config);
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
