import { asc, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { outbox, profileOccupations, profiles } from '../../src/db/schema.js';
import { createImportService, importSettingsFor } from '../../src/modules/imports/imports.service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { ESCO, makeDesk } from '../helpers/factories.js';

/**
 * The pipelined import (PostgreSQL): batch N+1 is prepared on another connection while batch N is written.
 * It stores what the sequential run stores, and reports the same, except that a likely duplicate of a row of
 * the batch just before is reported as a row of the file (as a dry run reports it), not as a stored record.
 * PGlite has one connection, where the two transactions would wait for each other: it never pipelines.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);

const HEADER = 'External reference,First name,Last name,Municipality,Occupations (ESCO),Employment status';
const csv = (rows: string[]) => Buffer.from([HEADER, ...rows].join('\r\n') + '\r\n');

// Three rows a batch: the comments name the row number each line gets in the report.
const FILE = csv([
  `P-1,Mario,Bianchi,La Spezia,${ESCO.welder},Unemployed`, // 2
  `P-2,Luca,Verdi,Genova,${ESCO.cook},Unemployed`, // 3
  `P-3,Anna,Neri,La Spezia,${ESCO.welder},Jobless`, // 4: not a status
  `P-4,Mario,Bianchi,La Spezia,${ESCO.cook},Unemployed`, // 5: row 2, one batch before
  `S-1,Anna,Rossi,La Spezia,${ESCO.cook},Unemployed`, // 6: updates the stored S-1
  `P-1,Carlo,Blu,La Spezia,${ESCO.welder},Unemployed`, // 7: key of row 2
  `P-5,Luca,Verdi,Genova,${ESCO.welder},Unemployed`, // 8: row 3, two batches before (stored by then)
  // 9: row 6, one batch before, which updates the stored S-1: compared with row 6 only, not with the
  // stored state that row 6 is replacing meanwhile
  `P-6,Anna,Rossi,La Spezia,${ESCO.welder},Unemployed`,
  `P-7,Gina,Gialli,Genova,${ESCO.cook},Unemployed`, // 10
  `P-8,BOOM,Test,Genova,${ESCO.cook},Unemployed`, // 11: refused by the database, not by the checks
  `P-9,Elsa,Viola,Genova,${ESCO.cook},Unemployed`, // 12
  `P-10,Ugo,Rosa,Genova,${ESCO.cook},Unemployed`, // 13
  `P-11,Ivo,Nero,Genova,${ESCO.cook},Unemployed`, // 14
  `P-9,Zed,Zed,Genova,${ESCO.cook},Unemployed`, // 15: key of row 12, in the batch that was run again
  `P-12,Elsa,Viola,Genova,${ESCO.cook},Unemployed`, // 16: row 12, in the batch after the one run again
]);

interface Outcome {
  counts: Record<string, number>;
  report: [number, string][];
  stored: string[];
  outboxRows: number;
  /** Batches read in a read-only transaction of their own (the pipelined path). */
  readAhead: number;
}

async function importOnce(pipelined: boolean): Promise<Outcome> {
  const queries: string[] = [];
  const database: TestDatabase = await createTestDatabase({ onQuery: ({ sql: text }) => queries.push(text) });
  try {
    const db = database.handle.db;
    // A refusal no check before the write knows of: the batch's fast path fails and it runs again.
    await db.execute(
      sql.raw(`create function refuse_boom() returns trigger language plpgsql as $$
        begin if new.first_name = 'BOOM' then raise exception 'boom refused'; end if; return new; end $$`),
    );
    await db.execute(
      sql.raw(
        'create trigger refuse_boom before insert on profiles for each row execute function refuse_boom()',
      ),
    );
    const desk = await makeDesk(db);
    const service = createImportService(db, {
      ...importSettingsFor(database.handle),
      batchSize: 3,
      pipelined,
    });
    const run = async (bytes: Buffer, fileName: string) => {
      const job = await service.open({
        source: bytes,
        fileName,
        entity: 'profiles',
        dryRun: false,
        deskId: desk.id,
        createdBy: null,
        options: {},
      });
      return service.run(job.id, bytes);
    };
    await run(csv([`S-1,Anna,Rossi,La Spezia,${ESCO.welder},Unemployed`]), 'stored.csv');
    const before = queries.length;
    const done = await run(FILE, 'people.csv');
    const report = await service.reportPage(done.id, { offset: 0, limit: 100 });
    const stored = await db
      .select({ ref: profiles.externalRef, first: profiles.firstName, uri: profileOccupations.occupationUri })
      .from(profiles)
      .innerJoin(profileOccupations, eq(profileOccupations.profileId, profiles.id))
      .orderBy(asc(profiles.externalRef));
    const [{ n }] = (await db.select({ n: sql<number>`count(*)::int` }).from(outbox)) as [{ n: number }];
    await service.close();
    return {
      counts: done.counts as Record<string, number>,
      report: report.map((e) => [e.row, e.code]),
      stored: stored.map((s) => `${s.ref} ${s.first} ${s.uri === ESCO.cook ? 'cook' : 'welder'}`),
      outboxRows: n,
      readAhead: queries.slice(before).filter((q) => /repeatable read/i.test(q)).length,
    };
  } finally {
    await database.destroy();
  }
}

describe.skipIf(!onPostgres)('a pipelined import (PostgreSQL)', () => {
  let pipelined: Outcome;
  let sequential: Outcome;
  beforeAll(async () => {
    [pipelined, sequential] = [await importOnce(true), await importOnce(false)];
  });

  it('reads every batch in a read-only transaction of its own, apart from its writes', () => {
    // Five batches; the fifth, read while the fourth failed, is read again with its writes.
    expect(pipelined.readAhead).toBe(5);
    expect(sequential.readAhead).toBe(0);
  });

  it('stores what the sequential run stores, with the same counts and outbox rows', () => {
    expect(pipelined.stored).toEqual(sequential.stored);
    expect(pipelined.stored).toContain(`S-1 Anna cook`);
    expect(pipelined.stored).not.toContain(`P-8 BOOM cook`);
    expect(pipelined.counts).toMatchObject({ create: 10, update: 1, error: 4 });
    expect(pipelined.outboxRows).toBe(sequential.outboxRows);
  });

  it('reports the same errors, and a likely duplicate of the batch just before as a row of the file', () => {
    expect(pipelined.report).toEqual([
      [4, 'ENUM_INVALID'],
      [5, 'LIKELY_DUPLICATE_IN_FILE'],
      [7, 'DUPLICATE_IN_FILE'],
      [8, 'LIKELY_DUPLICATE'],
      [9, 'LIKELY_DUPLICATE_IN_FILE'],
      [11, 'WRITE_FAILED'],
      [15, 'DUPLICATE_IN_FILE'],
      [16, 'LIKELY_DUPLICATE'],
    ]);
    expect(sequential.report).toEqual([
      [4, 'ENUM_INVALID'],
      [5, 'LIKELY_DUPLICATE'],
      [7, 'DUPLICATE_IN_FILE'],
      [8, 'LIKELY_DUPLICATE'],
      [9, 'LIKELY_DUPLICATE'],
      [11, 'WRITE_FAILED'],
      [15, 'DUPLICATE_IN_FILE'],
      [16, 'LIKELY_DUPLICATE'],
    ]);
    expect(pipelined.counts).toEqual(sequential.counts);
  });
});
