import { readFileSync } from 'node:fs';
import { localSecrets } from '../auth/secrets.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { replayErasures, runRetention } from '../modules/privacy/erasure.service.js';

/**
 * `npm run retention` applies the retention policy now; `npm run retention -- --replay-erasures ledger.json`
 * purges again, from a restored backup, everyone in an erasure ledger exported from the live system
 * (GET /api/v1/admin/erasure-ledger).
 */
const config = loadConfig();
const ledgerKey =
  config.secrets.ledger ??
  localSecrets(config.database.kind === 'pglite' ? (config.database.dataDir ?? './data') : './data').ledger;
const database = await openDatabase(config.database);
try {
  await database.migrate();
  const at = process.argv.indexOf('--replay-erasures');
  if (at >= 0) {
    const file = process.argv[at + 1];
    if (!file) throw new Error('--replay-erasures needs the ledger file (JSON array of { subjectHmac })');
    console.log(
      JSON.stringify(await replayErasures(database.db, JSON.parse(readFileSync(file, 'utf8')), ledgerKey)),
    );
  } else {
    // One run at a time across the deployment: a server process (admin screen) or another CLI may be at it.
    const run = await database.tryWithLock('retention', () =>
      runRetention(database.db, { now: new Date(), ledgerKey }),
    );
    if (!run.acquired) {
      console.error('A retention run is in progress in another process; nothing done. Try again later.');
      process.exitCode = 75; // EX_TEMPFAIL
    } else console.log(JSON.stringify(run.value));
  }
} finally {
  await database.close();
}
