import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';

/** `npm run db:migrate`: applies the SQL migrations in migrations/ that are not applied yet. */
const config = loadConfig();
const database = await openDatabase(config.database);
try {
  await database.migrate();
  console.log('migrations applied');
} finally {
  await database.close();
}
