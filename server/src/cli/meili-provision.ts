import { chownSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { provisionAppKey } from '../setup/meili-key.js';

/**
 * `npm run meili:provision -- --out /run/rilancio/meili-api-key` (the compose file's one-shot service):
 * reads MEILI_URL and MEILI_MASTER_KEY, makes or finds the app's scoped key and writes it to the file the
 * app reads through MEILI_API_KEY_FILE. The master key never reaches the app.
 */
const at = process.argv.indexOf('--out');
const out = at >= 0 ? process.argv[at + 1] : undefined;
const url = process.env.MEILI_URL;
const masterKey = process.env.MEILI_MASTER_KEY;
if (!out || !url || !masterKey) {
  console.error('Usage: MEILI_URL=… MEILI_MASTER_KEY=… npm run meili:provision -- --out <file>');
  process.exit(2);
}
const key = await provisionAppKey({ url, masterKey });
mkdirSync(path.dirname(out), { recursive: true });
writeFileSync(out, `${key}\n`, { mode: 0o600 });
// The app runs as another user (node, 1000:1000 in the image): hand it the file, to it alone.
const owner = process.argv.indexOf('--owner');
if (owner >= 0) {
  const [uid, gid] = (process.argv[owner + 1] ?? '').split(':').map(Number);
  chownSync(out, uid!, gid ?? uid!);
}
console.log(`Scoped Meilisearch key written to ${out}`);
