// Issue 11: an export takes the UI's language like the API does (headers and values in words); the
// links the UI builds dropped it, so a French desk downloaded Italian files.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** @param {string} dir @returns {Generator<string>} */
function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

test('every export link passes the UI language', () => {
  let calls = 0;
  for (const file of files(path.join(SRC, 'routes'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/exportUrl\(([^)]*\)?[^)]*)\)/g)) {
      calls++;
      assert.match(m[1] ?? '', /\$locale/, `${path.relative(SRC, file)}: ${m[0]}`);
    }
  }
  assert.ok(calls > 0, 'the UI has export links');
});

test('the client puts lang in the export URL', () => {
  const client = readFileSync(path.join(SRC, 'lib/api/client.ts'), 'utf8');
  const body = client.slice(client.indexOf('export function exportUrl('));
  assert.match(body.slice(0, body.indexOf('\n}\n')), /p\.set\('lang'/);
});
