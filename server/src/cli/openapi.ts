import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createKnowledgeCache } from '../modules/matching/knowledge.cache.js';
import { createMatchFeed } from '../modules/matching/index/match-index.feed.js';
import { buildApp } from '../app.js';
import { openDatabase } from '../db/client.js';
import { EmbeddedSearchAdapter } from '../search/embedded.adapter.js';

export const OPENAPI_FILE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../openapi.json');

/** The OpenAPI document as the app generates it (no database access is needed to describe the routes). */
export async function generateOpenApi(): Promise<string> {
  const database = await openDatabase({ kind: 'pglite', dataDir: null });
  const app = await buildApp({
    database,
    matchFeed: createMatchFeed(database.db, createKnowledgeCache(database.db)),
    search: new EmbeddedSearchAdapter(),
    uiDir: undefined,
    mapTilesUrl: undefined,
    demo: false,
    auth: {
      secret: 'openapi',
      ledgerKey: 'openapi',
      email: { send: async () => {} },
      publicUrl: 'http://localhost',
      secureCookies: false,
    },
  });
  await app.ready();
  const doc = `${JSON.stringify(app.swagger(), null, 2)}\n`;
  await app.close();
  await database.close();
  return doc;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(OPENAPI_FILE, await generateOpenApi());
  console.log(`wrote ${OPENAPI_FILE}`);
}
