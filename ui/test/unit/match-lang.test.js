// Every match run the UI starts asks for the UI's language (issue 10: `lang` was dropped): the client
// methods take it as a required argument, and each call site passes matchLang().
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');
const METHODS = ['needMatches', 'profileMatches', 'assetMatches', 'opportunityTeam'];

/** @param {string} dir @returns {Generator<string>} */
function* files(dir) {
  for (const name of readdirSync(dir)) {
    const p = path.join(dir, name);
    if (statSync(p).isDirectory()) yield* files(p);
    else if (/\.(ts|svelte)$/.test(name) && !name.endsWith('.d.ts')) yield p;
  }
}

test('every match call passes the UI language', () => {
  let calls = 0;
  for (const file of files(path.join(SRC, 'routes'))) {
    const text = readFileSync(file, 'utf8');
    for (const m of METHODS)
      for (const line of text.split('\n').filter((l) => l.includes(`api.${m}(`))) {
        calls++;
        assert.match(line, /matchLang\(\)/, `${path.relative(SRC, file)}: ${line.trim()}`);
      }
  }
  assert.equal(calls, METHODS.length, 'one call site per match endpoint');
});

test('the client sends lang on every match endpoint', () => {
  const client = readFileSync(path.join(SRC, 'lib/api/client.ts'), 'utf8');
  for (const m of METHODS) {
    const body = client.slice(client.indexOf(`${m}:`), client.indexOf('),', client.indexOf(`${m}:`)));
    assert.match(body, /lang: (string|Lang)/, m);
    assert.match(body, /lang/, m);
  }
});
