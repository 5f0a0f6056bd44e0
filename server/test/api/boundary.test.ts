import { Writable } from 'node:stream';
import { count, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOG_REDACT, LOG_SERIALIZERS } from '../../src/app.js';
import { profiles, users } from '../../src/db/schema.js';
import { INDEX_NAMES } from '../../src/search/documents.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { makeDesk, profilePayload } from '../helpers/factories.js';

/** Security review findings 8 and 16: bad input at the boundary is a 400 naming the field, never a 500. */
let t: TestApp;
let operator: Caller;
const admin: Caller = { role: 'admin' };
let deskId: string;
const lines: string[] = [];

beforeAll(async () => {
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  t = await createTestApp({
    logger: { level: 'info', stream, redact: LOG_REDACT, serializers: LOG_SERIALIZERS },
  });
  deskId = (await makeDesk(t.database.handle.db)).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

const countOf = async (table: typeof profiles | typeof users) =>
  (await t.database.handle.db.select({ n: count() }).from(table))[0]!.n;

describe('control characters (finding 8)', () => {
  it('refuses a NUL in a profile name with a 400 naming the field, and writes nothing', async () => {
    const before = await countOf(profiles);
    const res = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/profiles',
      payload: profilePayload(deskId, { lastName: 'Loglekka\u0000' }),
    });
    expect(res.statusCode, res.body).toBe(400);
    expect(res.json().error.details).toEqual([
      { path: 'body.lastName', reason: expect.stringContaining('U+0000') },
    ]);
    expect(await countOf(profiles)).toBe(before);
  });

  it('refuses a NUL in a new user e-mail, and other C0 characters, but keeps tabs and new lines', async () => {
    const user = (fields: Record<string, string>) =>
      t.call(admin, {
        method: 'POST',
        url: '/api/v1/admin/users',
        payload: {
          email: 'nul@test.local',
          displayName: 'N',
          role: 'marketing',
          password: 'Sup3rSecret-pass',
          ...fields,
        },
      });
    const before = await countOf(users);
    const nul = await user({ email: 'nul\u0000@test.local' });
    expect(nul.statusCode, nul.body).toBe(400);
    expect(nul.json().error.details[0].path).toBe('body.email');
    const bell = await user({ displayName: 'N\u0007' });
    expect(bell.statusCode).toBe(400);
    expect(bell.json().error.details[0].path).toBe('body.displayName');
    expect(await countOf(users)).toBe(before);
    const note = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/profiles',
      payload: profilePayload(deskId, { lastName: 'Tab\tName' }),
    });
    expect(note.statusCode, note.body).toBe(201);
  });

  it('refuses a control character in the query string and in nested fields', async () => {
    const q = await t.call(operator, { method: 'GET', url: '/api/v1/reference/occupations?q=sal%00' });
    expect(q.statusCode).toBe(400);
    expect(q.json().error.details[0].path).toBe('querystring.q');
    const nested = await t.call(operator, {
      method: 'POST',
      url: '/api/v1/profiles',
      payload: profilePayload(deskId, { municipality: { country: 'IT', code: '0110\u001b15' } }),
    });
    expect(nested.statusCode).toBe(400);
    expect(nested.json().error.details[0].path).toBe('body.municipality.code');
  });

  it('logs a database error as its code only: no SQL, no parameter values', async () => {
    const db = t.database.handle.db;
    // A trigger that fails every insert: the error the handler cannot translate, with the row in its parameters.
    await db.execute(
      sql.raw(
        `create function fail_insert() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`,
      ),
    );
    await db.execute(
      sql.raw(
        'create trigger fail_profiles before insert on profiles for each row execute function fail_insert()',
      ),
    );
    try {
      lines.length = 0;
      const res = await t.call(operator, {
        method: 'POST',
        url: '/api/v1/profiles',
        payload: profilePayload(deskId, {
          firstName: 'Giovanna',
          lastName: 'Loglekka',
          email: 'giovanna.loglekka@example.org',
          phone: '+39 333 123 4567',
        }),
      });
      expect(res.statusCode).toBe(500);
      expect(JSON.stringify(res.json())).not.toContain('Loglekka');
      const log = lines.join('');
      const entry = lines
        .map((l) => JSON.parse(l) as { level: number; err?: unknown })
        .find((l) => l.level >= 50);
      expect(entry?.err).toEqual({
        type: 'DatabaseError',
        message: 'database error',
        stack: '',
        code: 'P0001',
      });
      for (const secret of ['Loglekka', 'giovanna.loglekka', '333 123 4567', 'insert into', 'params'])
        expect(log).not.toContain(secret);
    } finally {
      await db.execute(sql.raw('drop trigger fail_profiles on profiles'));
      await db.execute(sql.raw('drop function fail_insert()'));
    }
  });
});

describe('sort (finding 16)', () => {
  it('refuses a sort by location, or by any field that is not sortable, on every index, for search and export', async () => {
    for (const index of INDEX_NAMES) {
      for (const sort of ['location:asc', 'location:desc', 'nosuchfield:asc', 'title:asc']) {
        for (const url of [
          `/api/v1/search/${index}?sort=${sort}`,
          `/api/v1/export/${index}?sort=${sort}&format=csv`,
        ]) {
          const res = await t.call(admin, { method: 'GET', url });
          expect(res.statusCode, `${url}: ${res.body}`).toBe(400);
          const detail = res.json().error.details[0];
          expect(detail.path).toMatch(/^query(string)?\.sort$/);
          expect(detail.reason).toContain('relevance');
        }
      }
    }
  });
});

describe('exports (fuzz run)', () => {
  it('answers a refused search with a clean 400 before the download starts', async () => {
    for (const index of INDEX_NAMES) {
      // The service refuses this (the schema cannot): before, the CSV header went out first and the
      // connection was cut, or the error body met a CSV content type (500).
      const res = await t.call(admin, {
        method: 'GET',
        url: `/api/v1/export/${index}?format=csv&sort=distance`,
      });
      expect(res.statusCode, `${index}: ${res.body}`).toBe(400);
      expect(res.headers['content-type']).toContain('application/json');
      expect(res.json().error.details[0].reason).toContain('lat and lon');
    }
  });
});
