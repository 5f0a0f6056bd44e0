// The built client bundle must carry no secret (C12): it is public by definition.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import assert from 'node:assert/strict';

const BUILD = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../build');

const FORBIDDEN: [string, RegExp][] = [
  ['a PostgreSQL URL', /postgres(ql)?:\/\/[^\s"']*@/i],
  [
    'a database, Meilisearch or session setting name',
    /\b(DATABASE_URL|MEILI_MASTER_KEY|MEILI_API_KEY|SESSION_SECRET|LEDGER_KEY)\b/,
  ],
  ['a Meilisearch host', /:7700\b/],
  ['an API key of ours', /\brk_[A-Za-z0-9_-]{8}_[A-Za-z0-9_-]{20,}/],
  ['an argon2 hash', /\$argon2(id|i|d)\$/],
  ['a private key', /-----BEGIN [A-Z ]*PRIVATE KEY-----/],
];

function* files(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else if (/\.(js|html|json|css|map)$/.test(name)) yield full;
  }
}

test('the built UI contains no secret', () => {
  const all = [...files(BUILD)];
  assert.ok(all.length > 5, 'the UI is built');
  for (const file of all) {
    const text = readFileSync(file, 'utf8');
    for (const [what, pattern] of FORBIDDEN)
      assert.doesNotMatch(text, pattern, `${what} in ${path.relative(BUILD, file)}`);
  }
});
