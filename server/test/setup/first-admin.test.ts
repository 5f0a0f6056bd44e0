import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAdmin } from '../../src/setup/first-admin.js';
import { createTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t?.close());

describe('the first administrator of a production install', () => {
  it('is created with a password that signs in, and only once per e-mail', async () => {
    const admin = await createAdmin(t.database.handle.db, {
      email: 'Coordinamento@Example.org',
      displayName: 'Coordinamento',
      password: 'una-password-lunga-2026',
    });
    expect(admin).toMatchObject({ email: 'coordinamento@example.org', firstAdmin: true });
    const signIn = await t.call(null, {
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: 'coordinamento@example.org', password: 'una-password-lunga-2026' },
    });
    expect(signIn.statusCode).toBe(200);
    expect(signIn.json().user.role).toBe('admin');
    await expect(
      createAdmin(t.database.handle.db, {
        email: 'coordinamento@example.org',
        displayName: 'x',
        password: 'altra-password-lunga',
      }),
    ).rejects.toMatchObject({ code: 'USER_EXISTS' });
  });

  it('names the field of a bad e-mail or a short password', async () => {
    await expect(
      createAdmin(t.database.handle.db, { email: 'not-an-email', displayName: 'x', password: 'short' }),
    ).rejects.toMatchObject({
      details: expect.arrayContaining([
        expect.objectContaining({ path: 'email' }),
        expect.objectContaining({ path: 'password' }),
      ]),
    });
  });

  it('works from the command line with the password on standard input', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'rilancio-admin-'));
    try {
      const run = spawnSync(
        'npx',
        ['tsx', 'src/cli/admin-create.ts', '--email', 'admin@desk.example', '--name', 'Admin'],
        {
          cwd: path.resolve(import.meta.dirname, '../..'),
          input: 'password-da-terminale-42\n',
          env: { ...withoutDatabaseUrl(), DATA_DIR: dataDir, NODE_ENV: 'development' },
          encoding: 'utf8',
          timeout: 170_000,
        },
      );
      expect(run.stderr + run.stdout).toContain('Administrator admin@desk.example created (the first one)');
      expect(run.status).toBe(0);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});

/** The CLI runs on its own embedded database, even when the suite runs against PostgreSQL. */
function withoutDatabaseUrl(): NodeJS.ProcessEnv {
  const { DATABASE_URL: _url, ...env } = process.env;
  return env;
}
