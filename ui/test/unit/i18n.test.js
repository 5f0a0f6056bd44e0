/* eslint-disable @typescript-eslint/ban-ts-comment -- a plain Node test, not type-checked: */
// @ts-nocheck -- a plain Node test over the JSON files and the shared catalogue (run with tsx).
// The three catalogues hold the same keys, and every literal key the source uses exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VALUE_LABELS } from '@rilancio/vocabulary';

const dir = new URL('../../src/lib/i18n/', import.meta.url);
const load = (l) => JSON.parse(readFileSync(new URL(`${l}.json`, dir), 'utf8'));
const flatten = (o, prefix = '') =>
  Object.entries(o).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? flatten(v, `${prefix}${k}.`) : [`${prefix}${k}`],
  );

// The words of closed lists (`value.*`) are the shared catalogue's, added to each language as the app does.
const withValues = (l) => ({ ...load(l), value: VALUE_LABELS[l] });
const catalogues = { it: withValues('it'), fr: withValues('fr'), en: withValues('en') };
const keys = Object.fromEntries(Object.entries(catalogues).map(([l, c]) => [l, new Set(flatten(c))]));

test('French and English have exactly the Italian keys', () => {
  for (const l of ['fr', 'en']) {
    assert.deepEqual(
      [...keys[l]].filter((k) => !keys.it.has(k)),
      [],
      `${l} has extra keys`,
    );
    assert.deepEqual(
      [...keys.it].filter((k) => !keys[l].has(k)),
      [],
      `${l} lacks keys`,
    );
  }
});

test('every literal message key used in the source exists in Italian', () => {
  const src = new URL('../../src/', import.meta.url).pathname;
  const files = [];
  const walk = (d) => {
    for (const f of readdirSync(d)) {
      const p = join(d, f);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(svelte|ts)$/.test(f)) files.push(p);
    }
  };
  walk(src);
  const missing = [];
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    for (const m of text.matchAll(/\$_\(\s*'([a-zA-Z0-9_.:-]+)'/g))
      if (!keys.it.has(m[1])) missing.push(`${m[1]} (${f})`);
    for (const m of text.matchAll(/'((?:errors|nav|assets|needs|match)\.[a-zA-Z]+)'/g))
      if (!keys.it.has(m[1]) && !m[1].endsWith('.')) missing.push(`${m[1]} (${f})`);
  }
  assert.deepEqual(missing, []);
});

test('no message is left empty', () => {
  for (const [l, c] of Object.entries(catalogues)) {
    const empty = flatten(c).filter((k) => k.split('.').reduce((o, p) => o[p], c) === '');
    assert.deepEqual(empty, [], l);
  }
});

test('every menu entry has its name and its home-page description in the three languages', async () => {
  const { NAV, describeKey } = await import('../../src/lib/nav.ts');
  for (const item of NAV) {
    for (const l of ['it', 'fr', 'en']) {
      assert.ok(keys[l].has(item.key), `${l} lacks ${item.key}`);
      if (item.href !== '/') assert.ok(keys[l].has(describeKey(item)), `${l} lacks ${describeKey(item)}`);
    }
  }
});
