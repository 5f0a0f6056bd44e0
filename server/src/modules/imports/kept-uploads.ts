import { createHash, randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rm } from 'node:fs/promises';
import path from 'node:path';
import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { importUploads } from '../../db/schema.js';
import { yieldToLoop } from '../../lib/event-loop.js';
import { isStoredUpload, type ImportSource, type StoredUpload } from './upload-store.js';

/**
 * One row per part, the event loop served between parts: on PGlite a part's statement runs on this
 * thread, so parts stay small (finding 17: no request waits on an import).
 */
export const KEPT_PART_BYTES = 256 * 1024;

async function* parts(source: ImportSource): AsyncGenerator<Buffer> {
  if (!isStoredUpload(source)) {
    for (let at = 0; at < source.length; at += KEPT_PART_BYTES)
      yield Buffer.from(source.subarray(at, at + KEPT_PART_BYTES));
    return;
  }
  for await (const chunk of createReadStream(source.path, { highWaterMark: KEPT_PART_BYTES }))
    yield chunk as Buffer;
}

/** Files written back by `restore`: already kept, so their run does not keep them again. */
const restored = new WeakSet<StoredUpload>();

/**
 * The upload of a running job, kept in PostgreSQL so that another process can resume the job if this one
 * dies (issue 15: no re-upload after a crash). Files live in the database rather than on a disk the
 * processes would have to share; they are removed as soon as the job ends.
 */
export const keptUploads = {
  /**
   * Keeps the file of `jobId` (again, if it was kept before: a new upload of the same file), unless it
   * is the kept file itself, written back for a resumed run. Part by part, not in one transaction: on
   * PGlite a transaction would hold the one connection, and every other request with it, for the whole
   * file. A file cut short by a crash is caught by `restore`'s checksum.
   */
  async keep(db: DbOrTx, jobId: string, source: ImportSource): Promise<void> {
    if (isStoredUpload(source) && restored.has(source)) return;
    await db.delete(importUploads).where(eq(importUploads.jobId, jobId));
    let part = 0;
    for await (const bytes of parts(source)) {
      // As base64 text decoded by the database: the drivers encode a byte array to hex one byte at a
      // time in JavaScript (about 90 ms per part on PGlite), base64 is encoded natively.
      await db
        .insert(importUploads)
        .values({ jobId, part: part++, bytes: sql`decode(${bytes.toString('base64')}, 'base64')` });
      await yieldToLoop();
    }
  },

  async has(db: DbOrTx, jobId: string): Promise<boolean> {
    const [row] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(importUploads)
      .where(eq(importUploads.jobId, jobId));
    return (row?.n ?? 0) > 0;
  },

  /**
   * Writes the kept file of `jobId` back to a file under `dir`; undefined when none was kept whole
   * (its SHA-256 is not the job's: the process died while keeping it).
   */
  async restore(db: DbOrTx, jobId: string, dir: string, sha256: string): Promise<StoredUpload | undefined> {
    await mkdir(dir, { recursive: true });
    const file = path.join(dir, `${randomUUID()}.upload`);
    const handle = await open(file, 'wx');
    const hash = createHash('sha256');
    let size = 0;
    let part = 0;
    try {
      // Part by part, so the whole file is never one value in this process's memory.
      for (;;) {
        const [row] = await db
          .select({ bytes: importUploads.bytes })
          .from(importUploads)
          .where(and(eq(importUploads.jobId, jobId), eq(importUploads.part, part)));
        if (!row) break;
        await handle.write(row.bytes);
        hash.update(row.bytes);
        size += row.bytes.length;
        part++;
      }
    } catch (error) {
      await handle.close();
      await rm(file, { force: true });
      throw error;
    }
    await handle.close();
    if (part === 0 || hash.digest('hex') !== sha256) {
      await rm(file, { force: true });
      return undefined;
    }
    const upload = { path: file, size };
    restored.add(upload);
    return upload;
  },

  async drop(db: DbOrTx, jobId: string): Promise<void> {
    await db.delete(importUploads).where(eq(importUploads.jobId, jobId));
  },
};
