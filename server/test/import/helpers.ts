import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import type { Caller, TestApp } from '../helpers/app.js';

export const FILES = path.resolve(import.meta.dirname, '../fixtures/files');
export const fixture = (name: string) => readFileSync(path.join(FILES, name));

/** A multipart/form-data body as a browser sends it: text fields, then the file. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; bytes: Uint8Array; type?: string },
): { payload: Buffer; headers: Record<string, string> } {
  const boundary = `----rilancio${randomBytes(8).toString('hex')}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? 'application/octet-stream'}\r\n\r\n`,
      ),
      Buffer.from(file.bytes),
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}

export async function upload(
  t: TestApp,
  caller: Caller,
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array },
) {
  const body = multipart(fields, file);
  return t.call(caller, { method: 'POST', url: '/api/v1/imports', ...body });
}

export interface JobView {
  id: string;
  status: string;
  cursor: number;
  totalRows: number | null;
  progress: number;
  dryRun: boolean;
  counts: { create: number; update: number; unchanged: number; error: number; warnings: number };
  error: string | null;
  report: { total: number; items: Record<string, unknown>[] };
}

/** Polls the job until it stops, as the UI's progress bar does. */
export async function waitForJob(t: TestApp, caller: Caller, id: string, limit = 500): Promise<JobView> {
  for (let i = 0; i < 600; i++) {
    const res = await t.call(caller, { method: 'GET', url: `/api/v1/imports/${id}?limit=${limit}` });
    expect(res.statusCode, res.body).toBe(200);
    const job = res.json() as JobView;
    if (job.status === 'done' || job.status === 'failed') return job;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`import ${id} did not finish`);
}

/** Uploads and waits for the job to finish. */
export async function importFile(
  t: TestApp,
  caller: Caller,
  fields: Record<string, string>,
  file: { name: string; bytes: Uint8Array },
): Promise<JobView> {
  const res = await upload(t, caller, fields, file);
  expect([200, 202], res.body).toContain(res.statusCode);
  return waitForJob(t, caller, (res.json() as JobView).id);
}
