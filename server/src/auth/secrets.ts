import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Development convenience: without SESSION_SECRET / LEDGER_KEY (required in production), generate them once
 * and keep them under DATA_DIR, so sessions and the erasure ledger survive restarts.
 */
export function localSecrets(dataDir: string): { session: string; ledger: string } {
  const file = path.resolve(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { session: string; ledger: string };
  mkdirSync(path.dirname(file), { recursive: true });
  const secrets = { session: randomBytes(32).toString('hex'), ledger: randomBytes(32).toString('hex') };
  writeFileSync(file, JSON.stringify(secrets), { mode: 0o600 });
  return secrets;
}
