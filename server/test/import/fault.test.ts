import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import {
  importJobs,
  outbox,
  profileLanguages,
  profileOccupations,
  profileSkills,
  profiles,
} from '../../src/db/schema.js';
import { profilesCsv } from '../fixtures/import/profiles-csv.js';
import { pgliteTemplatePath, templateKey } from '../helpers/template.js';

const SERVER_DIR = path.resolve(import.meta.dirname, '../..');
const ROWS = 3000;
const DESK = 'DESK-FAULT';
let work: string;
let file: string;

/** A persistent PGlite data directory holding the full reference data and one desk. */
async function dataDir(name: string): Promise<string> {
  const dir = path.join(work, name);
  mkdirSync(path.join(dir, 'pglite'), { recursive: true });
  const template = new Blob([readFileSync(pgliteTemplatePath(templateKey()))]);
  const pg = await PGlite.create(path.join(dir, 'pglite'), { loadDataDir: template });
  await pg.query(
    `insert into desks (code, name, country, region_name) values ('${DESK}', 'Sportello prova', 'IT', 'Liguria')`,
  );
  await pg.close();
  return dir;
}

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  out: string;
  killedAt?: number;
}

/** Runs the import CLI as a separate process; with `killAfter`, SIGKILLs it once that many rows are committed. */
function cli(dir: string, killAfter?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, LOG_LEVEL: 'silent' };
    delete env.DATABASE_URL;
    const child = spawn(
      'npx',
      [
        'tsx',
        'src/cli/import.ts',
        '--type',
        'profiles',
        '--desk',
        DESK,
        '--commit',
        '--batch-size',
        '50',
        '--defaults',
        '{}',
        file,
      ],
      // Its own process group: npx runs tsx runs node, and the kill must reach the one doing the work.
      { cwd: SERVER_DIR, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
    );
    let out = '';
    let killedAt: number | undefined;
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = [...out.matchAll(/progress (\d+)\//g)].pop();
      if (killAfter !== undefined && killedAt === undefined && m && Number(m[1]) >= killAfter) {
        killedAt = Number(m[1]);
        process.kill(-child.pid!, 'SIGKILL');
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out, killedAt }));
  });
}

/** Everything an import decides, by natural key: field values, children, versions and outbox rows. */
async function snapshot(dir: string) {
  const handle = await openDatabase({ kind: 'pglite', dataDir: dir });
  try {
    const db = handle.db;
    const rows = await db.select().from(profiles).orderBy(asc(profiles.externalRef));
    const occ = await db.select().from(profileOccupations);
    const skills = await db.select().from(profileSkills);
    const langs = await db.select().from(profileLanguages);
    const queued = await db.select().from(outbox).where(eq(outbox.aggregateType, 'profile'));
    const [job] = await db.select().from(importJobs);
    const idToRef = new Map(rows.map((r) => [r.id, r.externalRef]));
    const of = <T extends { profileId: string }>(xs: T[], id: string, key: (x: T) => string) =>
      xs
        .filter((x) => x.profileId === id)
        .map(key)
        .sort();
    return {
      job: job && { status: job.status, cursor: job.cursor, totalRows: job.totalRows, counts: job.counts },
      profiles: rows.map(
        ({ id, code: _code, createdAt: _c, updatedAt: _u, crisisCaseId: _k, deskId: _d, ...r }) => ({
          ...r,
          occupations: of(occ, id, (o) => `${o.occupationUri}:${o.years}`),
          skills: of(skills, id, (s) => `${s.skillUri}:${s.source}`),
          languages: of(langs, id, (l) => `${l.language}:${l.level}`),
        }),
      ),
      outbox: queued.map((o) => `${idToRef.get(o.aggregateId)}:${o.version}`).sort(),
    };
  } finally {
    await handle.close();
  }
}

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'rilancio-fault-'));
  file = path.join(work, 'lavoratori.csv');
  writeFileSync(file, Buffer.from(profilesCsv(ROWS, { badEvery: 10 }).text, 'latin1'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('an import killed mid-file', () => {
  it('resumes to exactly the database a clean run gives', async () => {
    const killed = await dataDir('killed');
    const first = await cli(killed, 300);
    expect(first.signal, first.out).toBe('SIGKILL');
    expect(first.killedAt).toBeLessThan(ROWS);

    const cut = await snapshot(killed);
    expect(cut.job!.status).toBe('running');
    expect(cut.job!.cursor).toBeGreaterThanOrEqual(300);
    expect(cut.job!.cursor).toBeLessThan(ROWS);
    // Only whole batches committed, each with its outbox rows.
    expect(cut.profiles.length).toBe(cut.outbox.length);

    const resumed = await cli(killed);
    expect(resumed.out).toMatch(/resuming at row \d+ of 3000/);
    expect(resumed.code, resumed.out).toBe(1); // the file has rows with errors

    const clean = await dataDir('clean');
    const once = await cli(clean);
    expect(once.out).toContain('done: create 2700, update 0, unchanged 0, errors 300');

    const a = await snapshot(killed);
    const b = await snapshot(clean);
    expect(a.profiles.length).toBe(2700);
    expect(a.profiles).toEqual(b.profiles);
    expect(a.outbox).toEqual(b.outbox);
    expect(a.job).toEqual(b.job);

    // And once more: nothing changes.
    const again = await cli(killed);
    expect(again.out).toContain('already processed');
    expect((await snapshot(killed)).profiles).toEqual(a.profiles);
  }, 600_000);
});
