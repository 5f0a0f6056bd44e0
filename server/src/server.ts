import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, LOG_REDACT, LOG_SERIALIZERS } from './app.js';
import { logEmailAdapter } from './auth/email.js';
import { localSecrets } from './auth/secrets.js';
import { smtpEmailAdapter } from './auth/smtp-email.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { openDatabase } from './db/client.js';
import { keepStatisticsCurrent } from './db/statistics.js';
import { eventLoopDelay } from './lib/event-loop.js';
import { createOutboxRelay } from './indexing/outbox-relay.js';
import { createSearchAdapter } from './search/search.factory.js';
import { createMatchFeed } from './modules/matching/index/match-index.feed.js';
import { createKnowledgeCache } from './modules/matching/knowledge.cache.js';
import { demoEnabled, prepareDatabase, prepareMatching, prepareSearch } from './startup.js';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Composition root: read config, open adapters, build the app, listen, and close gracefully. */
async function main() {
  const loopDelay = eventLoopDelay();
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
    onError: (error) => console.warn('search relay:', error instanceof Error ? error.message : error),
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
      limits: config.limits,
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
    { logger: { level: config.logLevel, redact: LOG_REDACT, serializers: LOG_SERIALIZERS } },
  );
  await prepareDatabase(database, { demo, log: app.log });
  await prepareSearch(database, search, { rebuild: config.search.kind === 'embedded', log: app.log });
  await prepareMatching(matchFeed, { log: app.log });
  relay.start();
  app.log.info({ eventLoopDelayMs: loopDelay.snapshot() }, 'event-loop delay during start-up');
  loopDelay.reset();
  keepStatisticsCurrent(database, (error) => app.log.error({ err: error }, 'analyze failed'));

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(
      { signal, eventLoopDelayMs: loopDelay.snapshot() },
      'shutting down; event-loop delay while serving',
    );
    // Stop accepting, finish in-flight requests, then release the database.
    await app.close();
    await relay.stop();
    await search.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  await app.listen({ host: config.http.host, port: config.http.port });
  const shown = config.http.host === '0.0.0.0' ? 'localhost' : config.http.host;
  console.log(`Rilancio is running at http://${shown}:${config.http.port}/  (API docs: /docs)`);
}

const dataDirOf = (config: Config) =>
  (config.database.kind === 'pglite' && config.database.dataDir) || './data';

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
