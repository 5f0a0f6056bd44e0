import { eq, sql } from 'drizzle-orm';
import { describe, expect, it, onTestFinished } from 'vitest';
import { firms, importJobs, outbox, profiles } from '../../src/db/schema.js';
import { POSTGRES_POOL_SIZE, type Database } from '../../src/db/client.js';
import { isValidSiret, partitaIvaCheckDigit } from '../../src/lib/identifiers.js';
import type { EntityName } from '../../src/files/index.js';
import {
  createImportService,
  importSettingsFor,
  type ImportService,
} from '../../src/modules/imports/imports.service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { ESCO, makeDesk, makeFirm } from '../helpers/factories.js';

/**
 * The edges of the pipelined import (`pipelined-run.ts`, PostgreSQL) that `pipelined.test.ts` does not
 * reach: a pool taken up by requests waiting on the job's row, a progress callback that throws, and a
 * batch that read a record the batch before it updates under another key. The progress callback is
 * checked on both schedules, so it runs on PGlite too.
 */
const onPostgres = Boolean(process.env.DATABASE_URL);

const HEADER = 'External reference,First name,Last name,Municipality,Occupations (ESCO),Employment status';
const people = (n: number) =>
  Buffer.from(
    [
      HEADER,
      ...Array.from({ length: n }, (_, i) => `R-${i},Nome${i},Cognome${i},Genova,${ESCO.cook},Unemployed`),
    ].join('\r\n') + '\r\n',
  );

async function withDatabase<T>(
  use: (db: Database, database: TestDatabase, queries: string[]) => Promise<T>,
): Promise<T> {
  const queries: string[] = [];
  const database = await createTestDatabase({ onQuery: ({ sql: text }) => queries.push(text) });
  try {
    return await use(database.handle.db, database, queries);
  } finally {
    await database.destroy();
  }
}

/** A real run's job for one file of one desk. */
const openJob = (
  service: ImportService,
  deskId: string,
  file: Buffer,
  fileName: string,
  entity: EntityName,
) => service.open({ source: file, fileName, entity, dryRun: false, deskId, createdBy: null, options: {} });

const count = async (db: Database, table: typeof profiles | typeof outbox) =>
  ((await db.select({ n: sql<number>`count(*)::int` }).from(table)) as [{ n: number }])[0].n;

describe.skipIf(!onPostgres)('a pipelined import and a busy connection pool (PostgreSQL)', () => {
  it('finishes while requests waiting on the job’s row hold every other connection', async () => {
    await withDatabase(async (db, database) => {
      const desk = await makeDesk(db);
      const service = createImportService(db, { ...importSettingsFor(database.handle), batchSize: 5 });
      const file = people(60);
      const job = await openJob(service, desk.id, file, 'busy.csv', 'profiles');
      // Twice as many callers as the pool has connections touch the job's row over and over, as heartbeats
      // and progress pages do: each waits on the row while a batch holds it, holding a connection meanwhile.
      let running = true;
      const touch = async () => {
        while (running)
          await db.update(importJobs).set({ updatedAt: new Date() }).where(eq(importJobs.id, job.id));
      };
      // After a hung run, the database's end cuts the callers off: only a failure while running counts.
      const callers = Array.from({ length: 2 * POSTGRES_POOL_SIZE }, () =>
        touch().catch((error: unknown) => {
          if (running) throw error;
        }),
      );
      let timer: NodeJS.Timeout | undefined;
      let outcome: string;
      try {
        outcome = await Promise.race([
          service.run(job.id, file).then(
            (done) => done.status,
            (error: unknown) => `failed: ${String(error)}`,
          ),
          // About 15 times what the run takes on a loaded machine.
          new Promise<string>((resolve) => (timer = setTimeout(() => resolve('hung'), 90_000))),
        ]);
      } finally {
        clearTimeout(timer);
        running = false;
      }
      if (outcome !== 'hung') await service.close();
      expect(outcome).toBe('done'); // before waiting for the callers, which a hung run keeps waiting
      await Promise.all(callers);
      expect(await count(db, profiles)).toBe(60);
    });
  });
});

describe.each([
  { pipelined: false, name: 'sequential' },
  { pipelined: true, name: 'pipelined' },
])('a $name import whose progress callback throws', ({ pipelined }) => {
  it.skipIf(pipelined && !onPostgres)(
    'fails the run at the batch it reported, without writing a committed batch again',
    async () => {
      await withDatabase(async (db, database) => {
        const desk = await makeDesk(db);
        const service = createImportService(db, {
          ...importSettingsFor(database.handle),
          batchSize: 4,
          pipelined,
        });
        onTestFinished(() => service.close());
        const file = people(12);
        const job = await openJob(service, desk.id, file, 'progress.csv', 'profiles');
        const reported: number[] = [];
        const run = service.run(job.id, file, ({ cursor }) => {
          reported.push(cursor);
          if (cursor === 8) throw new Error('the listener broke');
        });
        await expect(run).rejects.toThrow('the listener broke');
        // Reported once each: a committed batch is never written (nor reported) again.
        expect(reported).toEqual([4, 8]);
        const failed = (await service.get(job.id))!;
        expect(failed.status).toBe('failed');
        expect(failed.cursor).toBe(8);
        expect(failed.counts).toMatchObject({ create: 8, error: 0 });
        // The third batch may have been read ahead, never written.
        expect(await count(db, profiles)).toBe(8);
        expect(await count(db, outbox)).toBe(8);
      });
    },
  );
});

describe.skipIf(!onPostgres)('a pipelined import of one firm under two keys (PostgreSQL)', () => {
  const vat = `0123456789${partitaIvaCheckDigit('0123456789')}`;
  const siret = (() => {
    for (let d = 0; d <= 9; d++) if (isValidSiret(`7328293200007${d}`)) return `7328293200007${d}`;
    throw new Error('no SIRET');
  })();

  it('reads a batch again when the batch before it updates a record it read under another key', async () => {
    const outcome = async (pipelined: boolean) =>
      withDatabase(async (db, database, queries) => {
        const desk = await makeDesk(db);
        await makeFirm(db, { deskId: desk.id, name: 'Cantiere Uno', vatNumber: vat, siret });
        const service = createImportService(db, {
          ...importSettingsFor(database.handle),
          batchSize: 1,
          pipelined,
        });
        onTestFinished(() => service.close());
        const file = Buffer.from(
          [
            'Partita IVA / SIRET;Ragione sociale;Codice ATECO / NACE;Comune',
            `IT ${vat};Cantiere Due;30.11;La Spezia`, // one batch: updates the firm by its VAT number
            `${siret};Cantiere Tre;30.11;La Spezia`, // the next: the same firm by its SIRET
          ].join('\r\n') + '\r\n',
        );
        const job = await openJob(service, desk.id, file, 'firms.csv', 'firms');
        const done = await service.run(job.id, file);
        const [firm] = await db.select().from(firms).where(eq(firms.vatNumber, vat));
        return {
          counts: done.counts,
          report: (await service.reportPage(job.id, { offset: 0, limit: 10 })).map((e) => e.code),
          firm: { name: firm!.name, country: firm!.country, version: firm!.version },
          // A batch prepared against the firm's state before the update would fail its write (the
          // version it read is gone) and run again.
          rollbacks: queries.filter((q) => /^rollback/i.test(q.trim())).length,
        };
      });
    const sequential = await outcome(false);
    const pipelined = await outcome(true);
    expect(sequential).toMatchObject({ counts: { update: 2, error: 0 }, report: [], rollbacks: 0 });
    expect(sequential.firm).toMatchObject({ name: 'Cantiere Tre', version: 3 });
    expect(pipelined).toEqual(sequential);
  });
});
