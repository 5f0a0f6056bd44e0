import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { eq, sql } from 'drizzle-orm';
import { drizzle } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../src/db/raw.js';
import { MIGRATIONS_DIR } from '../../src/db/migrations-dir.js';
import { importJobs, importReportEntries } from '../../src/db/schema.js';
import type { ReportEntry } from '../../src/modules/imports/import-codes.js';
import {
  insertJob,
  MAX_REPORT_ENTRIES,
  recordBatch,
  ZERO_COUNTS,
} from '../../src/modules/imports/imports.repository.js';
import { runRetention } from '../../src/modules/privacy/erasure.service.js';
import { createDeskOperatorApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO } from '../helpers/factories.js';
import { importFile } from './helpers.js';

/**
 * An import's report is rows of its own (issue 10): a batch appends its entries, a page is read by
 * position, the report is capped, and retention and a fresh start clear it.
 */
let t: TestApp;
let deskId: string;
let operator: Caller;

beforeAll(async () => ({ t, deskId, operator } = await createDeskOperatorApp()));
afterAll(() => t?.close());

const HEADER = 'External reference,First name,Last name,Municipality,Occupations (ESCO),Employment status';
/**
 * 600 rows, every 7th with an employment status nobody knows, so the report's entries fall in several
 * batches. Each file's people have a first name of their own: no row looks like another file's person.
 */
function fileWithBadRows(prefix: string, firstName: string) {
  const lines = [HEADER];
  const bad: number[] = [];
  for (let i = 1; i <= 600; i++) {
    const wrong = i % 7 === 0;
    if (wrong) bad.push(i + 1); // the header is row 1
    lines.push(
      `${prefix}-${i},${firstName},${surname(i)},La Spezia,${ESCO.welder},${wrong ? 'Jobless' : 'Unemployed'}`,
    );
  }
  return { file: { name: `${prefix}.csv`, bytes: Buffer.from(lines.join('\r\n') + '\r\n') }, bad };
}

/** A surname per row that no other row folds to (names fold without their digits). */
const surname = (i: number) =>
  'Riga' + i.toString(26).replace(/./g, (d) => 'abcdefghijklmnopqrstuvwxyz'[parseInt(d, 26)]!);

const rowsOf = (items: Record<string, unknown>[]) => items.map((e) => e.row as number);

describe('the report of an import that runs in several batches', () => {
  it('lists every batch’s entries in file order, pages by position and downloads whole', async () => {
    const { file, bad } = fileWithBadRows('REP', 'Anna');
    const job = await importFile(t, operator, { entity: 'profiles', dryRun: 'false' }, file);
    expect(job.status).toBe('done');
    expect(job.counts.error).toBe(bad.length);
    expect(job.report.total).toBe(bad.length);
    expect(rowsOf(job.report.items)).toEqual(bad);

    const page = await t.call(operator, {
      method: 'GET',
      url: `/api/v1/imports/${job.id}?offset=30&limit=20`,
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json().report).toMatchObject({ total: bad.length, offset: 30 });
    expect(rowsOf(page.json().report.items)).toEqual(bad.slice(30, 50));

    const csv = await t.call(operator, {
      method: 'GET',
      url: `/api/v1/imports/${job.id}/report.csv?lang=it`,
    });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toMatch(/^Riga[;,]Colonna/);
    expect(lines.slice(1).map((l) => Number(l.split(/[;,]/)[0]))).toEqual(bad);
  });

  it('starts empty again when the same file is sent with other options', async () => {
    const { file, bad } = fileWithBadRows('AGAIN', 'Bice');
    const first = await importFile(t, operator, { entity: 'profiles', dryRun: 'true' }, file);
    expect(first.report.total).toBe(bad.length);
    // The same file read with other options: the job starts over, and its report with it.
    const second = await importFile(
      t,
      operator,
      { entity: 'profiles', dryRun: 'true', defaults: JSON.stringify({ municipality: 'Genova' }) },
      file,
    );
    expect(second.id).toBe(first.id);
    expect(second.report.total).toBe(bad.length);
    expect(rowsOf(second.report.items)).toEqual(bad);
    const [row] = await queryRows<{ n: number }>(
      t.database.handle.db,
      sql`select count(*)::int as n from import_report_entries where job_id = ${first.id}`,
    );
    expect(row!.n).toBe(bad.length);
  });
});

describe('recordBatch', () => {
  const entry = (row: number): ReportEntry =>
    ({
      row,
      code: 'RULE_VIOLATED',
      severity: 'warning',
      message: { it: 'x', fr: 'x', en: 'x' },
    }) as ReportEntry;

  it(`keeps the first ${MAX_REPORT_ENTRIES} entries and numbers them in order across batches`, async () => {
    const db = t.database.handle.db;
    const job = await insertJob(db, {
      deskId,
      entity: 'profiles',
      fileName: 'cap.csv',
      fileSha256: 'c'.repeat(64),
      fileSize: 1,
      dryRun: true,
    });
    const first = Array.from({ length: MAX_REPORT_ENTRIES - 2 }, (_, i) => entry(i + 2));
    await db.transaction((tx) => recordBatch(tx, job.id, { cursor: 1, counts: ZERO_COUNTS, report: first }));
    const second = [entry(900_001), entry(900_002), entry(900_003), entry(900_004)];
    await db.transaction((tx) => recordBatch(tx, job.id, { cursor: 2, counts: ZERO_COUNTS, report: second }));
    // A batch past the cap adds nothing and keeps the size.
    await db.transaction((tx) =>
      recordBatch(tx, job.id, { cursor: 3, counts: ZERO_COUNTS, report: [entry(900_005)] }),
    );
    const [stored] = await db.select().from(importJobs).where(eq(importJobs.id, job.id));
    expect(stored!.reportSize).toBe(MAX_REPORT_ENTRIES);
    expect(stored!.cursor).toBe(3);
    const [tally] = await queryRows<{ n: number; first: number; last: number; lastRow: number }>(
      db,
      sql`select count(*)::int as n, min(seq) as first, max(seq) as last,
                 (array_agg((entry->>'row')::int order by seq desc))[1] as "lastRow"
          from import_report_entries where job_id = ${job.id}`,
    );
    expect(tally).toEqual({
      n: MAX_REPORT_ENTRIES,
      first: 0,
      last: MAX_REPORT_ENTRIES - 1,
      lastRow: 900_002,
    });
  });
});

describe('retention', () => {
  it('removes the entries of reports finished longer ago than the policy, and only those', async () => {
    const db = t.database.handle.db;
    const { file: oldFile } = fileWithBadRows('OLD', 'Carla');
    const { file: newFile } = fileWithBadRows('NEW', 'Dora');
    const old = await importFile(t, operator, { entity: 'profiles', dryRun: 'true' }, oldFile);
    const recent = await importFile(t, operator, { entity: 'profiles', dryRun: 'true' }, newFile);
    const now = new Date();
    await db
      .update(importJobs)
      .set({ finishedAt: new Date(now.getTime() - 200 * 86_400_000) })
      .where(eq(importJobs.id, old.id));
    const report = await runRetention(db, { now, ledgerKey: 'k'.repeat(32) });
    expect(report.importReportsCleared).toBe(1);
    const left = async (id: string) =>
      (
        await db
          .select({ seq: importReportEntries.seq })
          .from(importReportEntries)
          .where(eq(importReportEntries.jobId, id))
      ).length;
    expect(await left(old.id)).toBe(0);
    expect(await left(recent.id)).toBe(recent.report.total);
    const view = await t.call(operator, { method: 'GET', url: `/api/v1/imports/${old.id}` });
    expect(view.json().report).toMatchObject({ total: 0, items: [] });
    // Run again: nothing more to clear.
    expect((await runRetention(db, { now, ledgerKey: 'k'.repeat(32) })).importReportsCleared).toBe(0);
  });
});

describe('migration 0027', () => {
  it('moves the reports kept as JSON arrays into rows, in their order, and drops the column', async () => {
    // The migrations up to 0026, then a job with a report in the old shape, then the rest.
    const folder = mkdtempSync(path.join(tmpdir(), 'rilancio-migrations-'));
    const client = await PGlite.create();
    try {
      cpSync(MIGRATIONS_DIR, folder, { recursive: true });
      const journalPath = path.join(folder, 'meta', '_journal.json');
      const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { tag: string }[] };
      const upTo = journal.entries.findIndex((e) => e.tag.startsWith('0027_'));
      expect(upTo).toBeGreaterThan(0);
      writeFileSync(journalPath, JSON.stringify({ ...journal, entries: journal.entries.slice(0, upTo) }));
      const db = drizzle(client);
      await migrate(db, { migrationsFolder: folder });
      await client.exec(`
        insert into desks (id, code, name, country, region_name) values ('00000000-0000-4000-8000-000000000001', 'D1', 'Desk', 'IT', 'Liguria');
        insert into import_jobs (id, desk_id, entity, file_name, file_sha256, file_size, report) values
          ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-000000000001', 'profiles', 'a.csv', 'a', 1,
           '[{"row":2,"code":"A"},{"row":5,"code":"B"},{"row":9,"code":"C"}]'),
          ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-000000000001', 'profiles', 'b.csv', 'b', 1, '[]');`);
      await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
      const entries = await client.query<{ job: string; seq: number; row: number; code: string }>(
        `select right(job_id::text, 2) as job, seq, (entry->>'row')::int as row, entry->>'code' as code
         from import_report_entries order by job_id, seq`,
      );
      expect(entries.rows).toEqual([
        { job: 'a1', seq: 0, row: 2, code: 'A' },
        { job: 'a1', seq: 1, row: 5, code: 'B' },
        { job: 'a1', seq: 2, row: 9, code: 'C' },
      ]);
      const sizes = await client.query<{ job: string; report_size: number }>(
        `select right(id::text, 2) as job, report_size from import_jobs order by id`,
      );
      expect(sizes.rows).toEqual([
        { job: 'a1', report_size: 3 },
        { job: 'a2', report_size: 0 },
      ]);
      const column = await client.query(
        `select 1 from information_schema.columns where table_name = 'import_jobs' and column_name = 'report'`,
      );
      expect(column.rows).toEqual([]);
    } finally {
      await client.close();
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
