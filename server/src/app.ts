import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyMultipart from '@fastify/multipart';
import fastifyRateLimit from '@fastify/rate-limit';
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
import { DEFAULT_LIMITS } from './auth/limits.js';
import type { Deps } from './deps.js';
import { AppError, ValidationError } from './errors.js';
import { DEFAULT_FILE_LIMITS } from './files/limits.js';
import { findControlCharacters } from './lib/control-chars.js';
import { logSafeError } from './lib/log-safe.js';
import { translatePgError } from './lib/pg-errors.js';
import { redactText } from './lib/redact.js';
import { registerRoutes } from './routes.js';
import { sessionCacheFor } from './auth/session-cache.js';

export const API_PREFIX = '/api/v1';

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with its declared access rule (drives the authorisation matrix test). */
    routeTable: RouteAccess[];
  }
}

export interface BuildAppOptions {
  logger?: FastifyServerOptions['logger'];
  /** Reverse proxies whose X-Forwarded-For sets `request.ip` (default 0: none). */
  trustProxyHops?: number;
}

/** Paths and headers that may carry personal data or secrets never reach the logs (C11). */
export const LOG_REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export { redactText };

/**
 * pino serializers: no query string values that could hold personal data or tokens, and errors
 * reduced by logSafeError (a database error's SQL parameters never reach the log).
 */
export const LOG_SERIALIZERS = {
  req(request: { method: string; url: string; ip?: string; id?: string }) {
    return { id: request.id, method: request.method, url: redactText(request.url), ip: request.ip };
  },
  err: logSafeError,
};

/**
 * Builds the whole application as production runs it, without listening: tests drive it with inject().
 * Adapters come in through `deps`; nothing here reads the environment.
 */
export async function buildApp(deps: Deps, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const limits = { ...DEFAULT_LIMITS, ...deps.limits };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: 1024 * 1024,
    // Unknown fields are an error (mass assignment), not something to strip silently.
    ajv: { customOptions: { removeAdditional: false } },
    genReqId: () => crypto.randomUUID(),
    requestTimeout: 30_000,
    // Believe the nearest N hops of X-Forwarded-For (proxy-addr's hop count; the typings want a function).
    trustProxy: options.trustProxyHops
      ? (_address: string, hop: number) => hop < options.trustProxyHops!
      : false,
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
      if (appError.statusCode >= 500) request.log.warn({ err: logSafeError(error) }, appError.message);
      return reply
        .code(appError.statusCode)
        .headers(appError.headers)
        .send({ error: { code: appError.code, message: appError.message, details: appError.details } });
    }
    const status = (error as { statusCode?: number }).statusCode;
    if (status === 429) {
      // @fastify/rate-limit throws its own body; keep our error model.
      return reply
        .code(429)
        .send(
          (error as { error?: unknown }).error
            ? { error: (error as unknown as { error: unknown }).error }
            : { error: { code: 'RATE_LIMITED', message: 'Too many requests', details: [] } },
        );
    }
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
    // Reduced here, not only by the serializer: whatever logger the app was given, no SQL values leak.
    request.log.error({ err: logSafeError(error) }, 'unhandled error');
    return reply.code(500).send({
      error: { code: 'INTERNAL', message: `Something went wrong (request ${request.id})`, details: [] },
    });
  });

  // Finding 8: one check at the boundary for every route, before schema validation: a control
  // character in any text of the body, query string or path is a 400 naming the field (as the schema
  // validation names it: body.x, querystring.x, params.x), not a 500
  // from PostgreSQL (which refuses U+0000) with the row's values in the log.
  app.addHook('preValidation', async (request) => {
    const details = [
      ...findControlCharacters(request.params, 'params'),
      ...findControlCharacters(request.query, 'querystring'),
      ...findControlCharacters(request.body, 'body'),
    ];
    if (details.length > 0) throw new ValidationError(details, 'Text must not contain control characters');
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

  const readers = [...new Set([deps.relay, deps.searchRelay].filter((r) => r !== undefined))];
  if (readers.length > 0) {
    // A successful write has committed its change-log row: wake this process's readers now rather than at
    // their next poll (the other processes hear it through NOTIFY).
    app.addHook('onResponse', async (request, reply) => {
      if (request.method !== 'GET' && reply.statusCode < 400) for (const r of readers) r.kick();
    });
  }

  // Security headers come from helmet below; answers of the API may carry personal data: never cached.
  app.addHook('onSend', async (request, reply) => {
    if (request.url.startsWith(API_PREFIX) && !reply.hasHeader('cache-control')) {
      reply.header('cache-control', 'no-store');
    }
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    // The UI is a static SvelteKit build with small inline bootstrap scripts; Swagger UI needs inline styles.
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: [
          "'self'",
          'data:',
          'blob:',
          ...(deps.mapTilesUrl ? [new URL(deps.mapTilesUrl.replace(/[{}]/g, '')).origin] : []),
        ],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: deps.auth.secureCookies ? [] : null,
      },
    },
    hsts: deps.auth.secureCookies ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(fastifyRateLimit, {
    max: limits.perMinute,
    timeWindow: '1 minute',
    // Shared counters in PostgreSQL when there are several processes; if the database cannot count, the
    // request is not refused for that (it fails on its own if it needs the database; readiness answers).
    ...(deps.rateLimitStore ? { store: deps.rateLimitStore, skipOnError: true } : {}),
    // Per verified principal (a valid session's user, a valid API key), else per IP: the access hook has
    // resolved the principal before this counts (auth/access.ts), so a made-up cookie or key counts
    // against its IP, and so do requests refused with 401.
    keyGenerator: (request) => {
      const principal = request.principal;
      if (principal?.via === 'api_key' && principal.apiKeyId) return `key:${principal.apiKeyId}`;
      if (principal?.via === 'session' && principal.userId) return `user:${principal.userId}`;
      return `ip:${request.ip}`;
    },
    errorResponseBuilder: (_request, context) => ({
      statusCode: 429,
      error: {
        code: 'RATE_LIMITED',
        message: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
        details: [],
      },
    }),
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

  const sessions = await sessionCacheFor(deps.database);
  if (sessions) app.addHook('onClose', sessions.close);
  const routeTable: RouteAccess[] = [];
  await app.register(
    async (api) => {
      routeTable.push(...registerRoutes(api, deps, limits, sessions?.cache));
    },
    { prefix: API_PREFIX },
  );
  app.decorate('routeTable', routeTable);
  app.get(`${API_PREFIX}/openapi.json`, { schema: { hide: true } }, async () => app.swagger());

  if (uiDir) await app.register(fastifyStatic, { root: uiDir, wildcard: false, index: ['200.html'] });
  return app;
}
