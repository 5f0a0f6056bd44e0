import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** An upload on disk, named by the server, never by the user's file name (D6). */
export interface StoredUpload {
  path: string;
  size: number;
}

/** What an import reads: an upload on disk (the API), or bytes in memory (the CLI, tests). */
export type ImportSource = Uint8Array | StoredUpload;

export const isStoredUpload = (source: ImportSource): source is StoredUpload =>
  !(source instanceof Uint8Array);
export const sourceSize = (source: ImportSource) =>
  source instanceof Uint8Array ? source.length : source.size;

/**
 * Where uploads wait for, and go through, their import. The request streams the file here piece by piece
 * (finding 17: a 34 MB upload is never one buffer on the server thread); the parsing thread reads it
 * from here. Each upload is removed once its import has no more use for it.
 */
export function createUploadStore(dir: string) {
  return {
    async save(stream: Readable): Promise<StoredUpload> {
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${randomUUID()}.upload`);
      try {
        await pipeline(stream, createWriteStream(file, { flags: 'wx' }));
        return { path: file, size: (await stat(file)).size };
      } catch (error) {
        await rm(file, { force: true });
        throw error;
      }
    },
    /** Removes an upload (in-memory sources have nothing to remove). Never throws. */
    async discard(source: ImportSource): Promise<void> {
      if (isStoredUpload(source)) await rm(source.path, { force: true }).catch(() => undefined);
    },
  };
}
export type UploadStore = ReturnType<typeof createUploadStore>;
