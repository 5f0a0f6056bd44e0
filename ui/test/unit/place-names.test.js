/* eslint-disable @typescript-eslint/ban-ts-comment -- a plain Node test, not type-checked: */
// @ts-nocheck -- a plain Node test over the shared place names and the reference data (run with tsx).
// Regions and provinces are shown in the UI's language: Toscana is Toscane on a French screen.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { IntlMessageFormat } from 'intl-messageformat';
import { PLACE_NAMES, placeName } from '@rilancio/vocabulary';
import { placeLabel } from '../../src/lib/format.ts';

const rows = gunzipSync(
  readFileSync(new URL('../../../seed/reference/municipalities.csv.gz', import.meta.url)),
)
  .toString('utf8')
  .trim()
  .split('\n');
const header = rows[0].split(',');
const col = (name) => header.indexOf(name);
// Only the two name columns are read; they never hold commas in the reference data.
const areaNames = new Set(
  rows.slice(1).flatMap((r) => {
    const cells = r.split(',');
    return [cells[col('province_name')], cells[col('region_name')]];
  }),
);

test('the regions are said in each language', () => {
  assert.equal(placeName('Toscana', 'fr'), 'Toscane');
  assert.equal(placeName('Toscana', 'en'), 'Tuscany');
  assert.equal(placeName('Toscana', 'it'), 'Toscana');
  assert.equal(placeName('Corse', 'it'), 'Corsica');
  assert.equal(placeName("Provence-Alpes-Côte d'Azur", 'it'), 'Provenza-Alpi-Costa Azzurra');
  assert.equal(placeName('Imperia', 'fr'), 'Imperia', 'a name said the same way stays official');
  assert.equal(placeName('Nowhere', 'fr'), 'Nowhere');
});

test('every listed name is a region or province of the reference data (no typo hides a translation)', () => {
  assert.ok(areaNames.size > 20, `read ${areaNames.size} names`);
  for (const name of Object.keys(PLACE_NAMES.it))
    assert.ok(areaNames.has(name), `${name} is not in the data`);
  for (const name of ['Liguria', 'Toscana', 'Sardegna', 'Corse', "Provence-Alpes-Côte d'Azur"])
    assert.ok(name in PLACE_NAMES.fr, `${name} has its French name`);
});

test('the names survive the message formatter the UI runs them through (apostrophes included)', () => {
  for (const lang of ['it', 'fr', 'en'])
    for (const said of Object.values(PLACE_NAMES[lang]))
      assert.equal(new IntlMessageFormat(said, lang).format(), said);
});

test('placeLabel asks the catalogue for the place and falls back to the official name', () => {
  const asked = [];
  const t = (id, options) => (asked.push(id), id === 'place.Toscana' ? 'Toscane' : options.default);
  assert.equal(placeLabel(t, 'Toscana'), 'Toscane');
  assert.equal(placeLabel(t, 'Grosseto'), 'Grosseto');
  assert.equal(placeLabel(t, undefined), '');
  assert.deepEqual(asked, ['place.Toscana', 'place.Grosseto']);
});
