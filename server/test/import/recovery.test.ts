import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importJobs } from '../../src/db/schema.js';
import { createImportService } from '../../src/modules/imports/imports.service.js';
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

  it('is marked interrupted once its heartbeat is older than the stale window; a live one is left alone', async () => {
    const stale = await insertJob('a'.repeat(64), new Date(Date.now() - 10 * 60_000));
    const live = await insertJob('b'.repeat(64), new Date());
    const service = createImportService(t.database.handle.db);
    expect(await service.recoverInterrupted()).toBe(1);
    const after = await statusOf(stale.id);
    expect(after.status).toBe('interrupted');
    expect(after.error).toContain('Interrupted after 1 of 3 rows');
    expect(after.error).toContain('Upload the same file again');
    expect((await statusOf(live.id)).status).toBe('running');
    // A second sweep (another process) finds nothing more to do.
    expect(await service.recoverInterrupted()).toBe(0);
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
});
