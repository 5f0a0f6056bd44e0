/* eslint-disable @typescript-eslint/ban-ts-comment -- a plain Node test, not type-checked: */
// @ts-nocheck -- a plain Node test over the UI's creation rule (run with tsx).
// The "new" forms follow the API: a company posts needs for its firm but registers no firm; marketing
// manages assets and firms, never people; a form the user could never save is not offered.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mayCreate } from '../../src/lib/may-create.ts';

const table = {
  admin: ['profiles', 'needs', 'assets', 'firms', 'opportunities', 'crisis-cases'],
  operator: ['profiles', 'needs', 'assets', 'firms', 'opportunities', 'crisis-cases'],
  marketing: ['assets', 'firms'],
  company: ['needs'],
};
const ALL = ['profiles', 'needs', 'assets', 'firms', 'opportunities', 'crisis-cases'];

test('who may open each "new" form, role by role', () => {
  for (const [role, allowed] of Object.entries(table))
    for (const what of ALL) assert.equal(mayCreate(role, what), allowed.includes(what), `${role} → ${what}`);
});

test('nobody signed in may create anything', () => {
  for (const what of ALL) assert.equal(mayCreate(null, what), false);
});
