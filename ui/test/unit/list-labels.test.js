/* eslint-disable @typescript-eslint/ban-ts-comment -- a plain Node test, not type-checked: */
// @ts-nocheck -- a plain Node test over the JSON catalogues and the desk lists' declarations (run with tsx).
// The desk lists name their filters and sorts by key (`list.filter.<key>`, `list.sort.<key>`), built at run
// time, so the catalogue test's literal-key scan cannot see them: a filter without its words would show
// its key ("list.filter.state") on screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as lists from '../../src/lib/list-filters.ts';

const dir = new URL('../../src/lib/i18n/', import.meta.url);
const load = (l) => JSON.parse(readFileSync(new URL(`${l}.json`, dir), 'utf8'));

test('every desk list filter and sort has its words in Italian, French and English', () => {
  const declared = Object.entries(lists).filter(([name]) => name.endsWith('_LIST'));
  assert.ok(declared.length >= 4, 'the lists are found');
  for (const lang of ['it', 'fr', 'en']) {
    const words = load(lang).list;
    for (const [name, list] of declared) {
      for (const f of list.filters) assert.ok(words.filter[f.key], `${lang} ${name}: list.filter.${f.key}`);
      for (const s of list.sorts) assert.ok(words.sort[s], `${lang} ${name}: list.sort.${s}`);
    }
    for (const k of lists.PLACE_KEYS) assert.ok(words.filter[k], `${lang}: list.filter.${k}`);
  }
});
