import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyMultipart from '@fastify/multipart';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { RouteAccess } from './auth/access.js';
import type { Deps } from './deps.js';
import { AppError } from './errors.js';
import { DEFAULT_FILE_LIMITS } from './files/limits.js';
import { translatePgError } from './lib/pg-errors.js';
import { registerRoutes } from './routes.js';

export const API_PREFIX = '/api/v1';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared access rule (drives the authorisation matrix test). */
    routeTable: RouteAccess[];
  }
}

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
}

/** Paths and headers that may carry personal data or secrets never reach the logs (C11). */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'res.headers["set-cookie"]',
];

/**
 * Builds the whole application as production runs it, without listening: tests drive it with inject().
 * Adapters come in through `deps`; nothing here reads the environment.
 */
export async function buildApp(deps: Deps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Unknown fields are an error (mass assignment), not something to strip silently.
    ajv: { customOptions: { removeAdditional: false } },
    genReqId: () => crypto.randomUUID(),
    requestTimeout: 30_000,
  });
  const uiDir =
    deps.uiDir && existsSync(path.join(deps.uiDir, '200.html')) ? path.resolve(deps.uiDir) : undefined;
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((error, request, reply) => {
    if (hasZodFastifySchemaValidationErrors(error)) {
      const details = error.validation.map((issue) => {
        const where = issue.instancePath.replace(/^\//, '').replaceAll('/', '.');
        const prefix = error.validationContext ?? 'body';
        const missingKey = (issue.params as { issue?: { keys?: string[] } }).issue?.keys;
        return {
          path: [prefix, where, missingKey?.join(',')].filter(Boolean).join('.'),
          reason: issue.message ?? 'invalid',
        };
      });
      return reply
        .code(400)
        .send({ error: { code: 'VALIDATION_FAILED', message: 'The request is not valid', details } });
    }
    const appError = error instanceof AppError ? error : translatePgError(error);
    if (appError) {
      if (appError.statusCode >= 500) request.log.warn({ err: error }, appError.message);
      return reply
        .code(appError.statusCode)
        .headers(appError.headers)
        .send({ error: { code: appError.code, message: appError.message, details: appError.details } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (!isResponseSerializationError(error) && status && status >= 400 && status < 500) {
      // Fastify's own 4xx (malformed JSON, unsupported media type, body too large).
      return reply.code(status).send({
        error: {
          code: (error as { code?: string }).code ?? 'BAD_REQUEST',
          message: (error as Error).message,
          details: [],
        },
      });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.code(500).send({
      error: { code: 'INTERNAL', message: `Something went wrong (request ${request.id})`, details: [] },
    });
  });

  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith(API_PREFIX) || !uiDir || request.method !== 'GET') {
      return reply.code(404).send({
        error: {
          code: 'ROUTE_NOT_FOUND',
          message: `No route ${request.method} ${request.url}`,
          details: [],
        },
      });
    }
    // The UI is a single-page app: unknown paths render its fallback page, which routes on the client.
    return reply.type('text/html').sendFile('200.html');
  });

  if (deps.relay) {
    const relay = deps.relay;
    // A successful write has committed its outbox row: wake the relay instead of waiting for its next poll.
    app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'GET' && reply.statusCode < 400) relay.kick();
    });
  }

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    reply.header('x-frame-options', 'DENY');
    if (request.url.startsWith(API_PREFIX) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Rilancio API',
        version: '1.0.0',
        description:
          'Databank of displaced workers’ skills and of industrial assets freed by crises, with explainable matching.',
      },
      servers: [],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  // Uploads (imports): one file within the upload contract (D1, D2); past a limit the plugin answers 413.
  await app.register(fastifyMultipart, {
    limits: {
      fileSize: DEFAULT_FILE_LIMITS.maxFileBytes,
      files: 1,
      fields: 10,
      parts: 12,
      fieldSize: 64 * 1024,
    },
  });

  const routeTable: RouteAccess[] = [];
  await app.register(
    async (api) => {
      routeTable.push(...registerRoutes(api, deps));
    },
    { prefix: API_PREFIX },
  );
  app.decorate('routeTable', routeTable);
  app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());

  if (uiDir) await app.register(fastifyStatic, { root: uiDir, wildcard: false, index: ['200.html'] });
  return app;
}
