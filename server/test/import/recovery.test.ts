import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/raw.js';
import { importJobs } from '../../src/db/schema.js';
import { createImportService, type ImportService } from '../../src/modules/imports/imports.service.js';
import { keptUploads } from '../../src/modules/imports/kept-uploads.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk } from '../helpers/factories.js';
import { importFile, upload, waitForJob } from './helpers.js';

/** Security review findings 18 (a refused file keeps its report) and 19 (interrupted jobs). */
let t: TestApp;
let deskId: string;
let operator: Caller;

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(t.database.handle.db)).id;
  operator = { role: 'operator', deskId };
});
afterAll(() => t?.close());

const HEADER =
  'External reference,First name,Last name,Municipality,Occupations (ESCO),Employment status\r\n';
const csv = (rows: string[]) => ({
  name: 'people.csv',
  bytes: Buffer.from(HEADER + rows.join('\r\n') + '\r\n'),
});

describe('an import refused by the error-rate check (finding 18)', () => {
  it('keeps the row-level report and says why nothing was imported', async () => {
    const file = csv([
      `Q-1,Anna,Bad"Quote,La Spezia,${ESCO.welder},Unemployed`,
      `Q-2,Anna,Ok,La Spezia,${ESCO.welder},Jobless`,
      `Q-3,Anna,Fine,La Spezia,${ESCO.welder},Unemployed`,
    ]);
    const job = await importFile(t, operator, { entity: 'profiles' }, file);
    expect(job.status).toBe('failed');
    expect(job.error).toContain('2 of 3 rows have errors');
    expect(job.error).toContain('report');
    expect(job.counts.error).toBe(2);
    expect(job.report.total).toBeGreaterThanOrEqual(2);
    const rows = new Set(job.report.items.map((i) => i.row));
    expect(rows.size).toBe(2);
    expect(job.report.items.every((i) => i.severity === 'error' && i.code)).toBe(true);
  });
});

describe('a job left running by a dead process (finding 19)', () => {
  const insertJob = async (sha: string, updatedAt: Date) => {
    const [row] = await t.database.handle.db
      .insert(importJobs)
      .values({
        deskId,
        entity: 'profiles',
        fileName: 'people.csv',
        fileSha256: sha,
        fileSize: 100,
        status: 'running',
        cursor: 1,
        totalRows: 3,
        updatedAt,
      })
      .returning();
    return row!;
  };
  const statusOf = async (id: string) =>
    (await t.database.handle.db.select().from(importJobs).where(eq(importJobs.id, id)))[0]!;

  /** A file of `n` profile rows with references `${prefix}-i`, and its job opened by `service`. */
  const openRows = async (service: ImportService, prefix: string, n: number) => {
    const file = csv(
      Array.from(
        { length: n },
        (_, i) => `${prefix}-${i},Anna,${prefix}${i},La Spezia,${ESCO.welder},Unemployed`,
      ),
    );
    const job = await service.open({
      source: file.bytes,
      fileName: file.name,
      entity: 'profiles',
      dryRun: false,
      deskId,
      createdBy: null,
      options: {},
    });
    return { file, job };
  };
  const profilesWithRef = async (prefix: string) => {
    const [row] = await queryRows<{ n: number }>(
      t.database.handle.db,
      sql`select count(*)::int as n from profiles where external_ref like ${prefix + '-%'} and desk_id = ${deskId}`,
    );
    return row!.n;
  };

  it('is marked interrupted once its heartbeat is older than the stale window; a live one is left alone', async () => {
    const stale = await insertJob('a'.repeat(64), new Date(Date.now() - 10 * 60_000));
    const live = await insertJob('b'.repeat(64), new Date());
    const service = createImportService(t.database.handle.db);
    expect(await service.recoverInterrupted()).toEqual({ resumed: [], interrupted: [stale.id] });
    const after = await statusOf(stale.id);
    expect(after.status).toBe('interrupted');
    expect(after.error).toContain('Interrupted after 1 of 3 rows');
    expect(after.error).toContain('Upload the same file again');
    expect((await statusOf(live.id)).status).toBe('running');
    // A second sweep (another process) finds nothing more to do.
    expect(await service.recoverInterrupted()).toEqual({ resumed: [], interrupted: [] });
    const view = await t.call(operator, { method: 'GET', url: `/api/v1/imports/${stale.id}` });
    expect(view.statusCode, view.body).toBe(200);
    expect(view.json().status).toBe('interrupted');
  });

  it('resumes when the same file is uploaded again', async () => {
    const file = csv([
      `R-1,Anna,Uno,La Spezia,${ESCO.welder},Unemployed`,
      `R-2,Anna,Due,La Spezia,${ESCO.welder},Unemployed`,
    ]);
    const first = await importFile(t, operator, { entity: 'profiles' }, file);
    expect(first.status).toBe('done');
    // Pretend the run died half-way, long ago.
    await t.database.handle.db
      .update(importJobs)
      .set({ status: 'running', cursor: 1, updatedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(importJobs.id, first.id));
    await createImportService(t.database.handle.db).recoverInterrupted();
    expect((await statusOf(first.id)).status).toBe('interrupted');
    const again = await upload(t, operator, { entity: 'profiles' }, file);
    expect([200, 202]).toContain(again.statusCode);
    const resumed = await waitForJob(t, operator, first.id);
    expect(resumed.status).toBe('done');
    expect(resumed.cursor).toBe(2);
  });

  it('is resumed by another process from the file kept in the database, without a re-upload', async () => {
    const db = t.database.handle.db;
    // The process that died: it opened the job, kept the file, then stopped.
    const dead = createImportService(db, { batchSize: 3 });
    const { file, job } = await openRows(dead, 'K', 7);
    await keptUploads.keep(db, job.id, file.bytes);
    await dead.close();
    await db
      .update(importJobs)
      .set({ status: 'running', updatedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(importJobs.id, job.id));

    const other = createImportService(db, { batchSize: 3 });
    try {
      expect(await other.recoverInterrupted()).toEqual({ resumed: [job.id], interrupted: [] });
      // Taken once: a second sweep (a third process) finds it live.
      expect(await createImportService(db).recoverInterrupted()).toEqual({ resumed: [], interrupted: [] });
      await other.idle();
    } finally {
      await other.close();
    }
    const final = await statusOf(job.id);
    expect(final.status).toBe('done');
    expect(final.counts).toMatchObject({ create: 7, error: 0 });
    expect(await keptUploads.has(db, job.id)).toBe(false);
    expect(await profilesWithRef('K')).toBe(7);
  });

  it('is marked interrupted, not run on a truncated file, when its process died while keeping the file', async () => {
    const db = t.database.handle.db;
    const dead = createImportService(db, { batchSize: 3 });
    const { file, job } = await openRows(dead, 'C', 5);
    await keptUploads.keep(db, job.id, file.bytes);
    await dead.close();
    await queryRows(
      db,
      sql`update import_uploads set bytes = substring(bytes from 1 for 40) where job_id = ${job.id}`,
    );
    await db
      .update(importJobs)
      .set({ status: 'running', updatedAt: new Date(Date.now() - 10 * 60_000) })
      .where(eq(importJobs.id, job.id));
    const other = createImportService(db);
    try {
      expect(await other.recoverInterrupted()).toEqual({ resumed: [], interrupted: [job.id] });
    } finally {
      await other.close();
    }
    expect((await statusOf(job.id)).status).toBe('interrupted');
    expect(await profilesWithRef('C')).toBe(0);
  });

  // Pipelined too on PostgreSQL: there a batch is read while the one before it is written.
  it.each(process.env.DATABASE_URL ? [false, true] : [false])(
    'runs once when two processes start it together: one goes on, the other stops at its first batch (pipelined: %s)',
    async (pipelined) => {
      const db = t.database.handle.db;
      const prefix = pipelined ? 'U' : 'T';
      // Two processes: two services (each with its own in-memory list of what it runs) on one database.
      const one = createImportService(db, { batchSize: 3, pipelined });
      const two = createImportService(db, { batchSize: 3, pipelined });
      const { file, job } = await openRows(one, prefix, 12);
      const [a, b] = await Promise.all([one.run(job.id, file.bytes), two.run(job.id, file.bytes)]).finally(
        () => Promise.all([one.close(), two.close()]),
      );
      const final = await statusOf(job.id);
      expect(final.status).toBe('done');
      expect(final.cursor).toBe(12);
      // Counted once: the losing run's batch rolled back, counts and report are the winner's.
      expect(final.counts).toMatchObject({ create: 12, update: 0, error: 0 });
      expect([a.status, b.status].every((s) => s === 'done' || s === 'running')).toBe(true);
      expect(await profilesWithRef(prefix)).toBe(12);
    },
  );

  it('is not started again by an upload while its runner is alive elsewhere (fresh heartbeat)', async () => {
    const file = csv([`L-1,Anna,Viva,La Spezia,${ESCO.welder},Unemployed`]);
    const first = await importFile(t, operator, { entity: 'profiles' }, file);
    await t.database.handle.db
      .update(importJobs)
      .set({ status: 'running', cursor: 0, updatedAt: new Date() })
      .where(eq(importJobs.id, first.id));
    const again = await upload(t, operator, { entity: 'profiles' }, file);
    expect(again.statusCode).toBe(202);
    expect(again.json().status).toBe('running');
    // Nobody runs it here: the row stays as the live runner elsewhere left it.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await statusOf(first.id)).cursor).toBe(0);
  });
});

describe('a file sent again with corrections right after its run ended', () => {
  it('waits for the finished run to tidy up instead of refusing it as still running', async () => {
    const db = t.database.handle.db;
    const statusOf = async (id: string) =>
      (await db.select().from(importJobs).where(eq(importJobs.id, id)))[0]!;
    let releaseTidyUp!: () => void;
    const tidyUp = new Promise<void>((resolve) => (releaseTidyUp = resolve));
    const service = createImportService(db, { afterRun: () => tidyUp });
    const file = csv([`W-1,Anna,Uno,La Spezia,${ESCO.welder},Unemployed`]);
    const request = {
      source: file.bytes,
      fileName: file.name,
      entity: 'profiles' as const,
      dryRun: true,
      deskId,
      createdBy: null,
    };
    try {
      const { job } = await service.submit({ ...request, options: {} });
      // The run has written its report (the desk sees "done") but is still in its tidy-up.
      for (let i = 0; i < 200 && (await statusOf(job.id)).status !== 'done'; i++)
        await new Promise((r) => setTimeout(r, 25));
      expect((await statusOf(job.id)).status).toBe('done');
      const again = service.submit({
        ...request,
        options: { corrections: [{ field: 'occupations', value: 'saldatore', uri: ESCO.welder }] },
      });
      setTimeout(releaseTidyUp, 50);
      const { job: reopened, started } = await again;
      expect(reopened.id).toBe(job.id);
      expect(started).toBe(true);
      await service.idle();
      expect((await statusOf(job.id)).status).toBe('done');
    } finally {
      releaseTidyUp();
      await service.close();
    }
  });
});
