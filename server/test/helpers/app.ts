import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { Role } from '../../src/domain/vocabulary.js';
import { createTestDatabase, type TestDatabase } from './database.js';

export interface Caller {
  role: Role;
  deskId?: string;
  firmId?: string;
  userId?: string;
}

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** inject() as a given caller, JSON in and out. */
  call(caller: Caller | null, options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export function headersFor(caller: Caller | null): Record<string, string> {
  if (!caller) return {};
  const headers: Record<string, string> = { 'x-rilancio-role': caller.role };
  if (caller.deskId) headers['x-rilancio-desk'] = caller.deskId;
  if (caller.firmId) headers['x-rilancio-firm'] = caller.firmId;
  if (caller.userId) headers['x-rilancio-user'] = caller.userId;
  return headers;
}

/** The app exactly as production builds it, on a fresh test database. */
export async function createTestApp(): Promise<TestApp> {
  const database = await createTestDatabase();
  const app = await buildApp({
    database: database.handle,
    uiDir: undefined,
    mapTilesUrl: undefined,
    demo: false,
    trustDemoHeaders: true,
  });
  await app.ready();
  return {
    app,
    database,
    call: (caller, options) =>
      app.inject({ ...options, headers: { ...headersFor(caller), ...(options.headers ?? {}) } }),
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}
