import type {} from '@fastify/cookie';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors.js';
import type { AuthService } from './auth.service.js';
import { SESSION_COOKIE } from './auth.service.js';
import { UnauthenticatedError, type Principal, type PrincipalRole } from './principal.js';

/**
 * Who may call a route: 'public' needs no principal, 'signed_in' any principal, otherwise the listed roles.
 * Every API route must declare one; registration fails otherwise.
 */
export type Access = 'public' | 'signed_in' | readonly PrincipalRole[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
    /** For partner API keys: the entity type the route writes, checked against the key's scopes. */
    scope?: string;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

export interface RouteAccess {
  method: string;
  url: string;
  access: Access;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface AccessOptions {
  auth: AuthService;
  /** Tests only: who is calling when no API key or session says so (the test harness reads headers). */
  testPrincipal?: (request: FastifyRequest) => Principal | null;
}

async function resolvePrincipal(request: FastifyRequest, options: AccessOptions): Promise<Principal | null> {
  const apiKey = request.headers['x-api-key'];
  if (typeof apiKey === 'string' && apiKey) {
    const principal = await options.auth.principalFromApiKey(apiKey);
    if (!principal) throw new UnauthenticatedError('Unknown or revoked API key');
    return principal;
  }
  const cookie = request.cookies?.[SESSION_COOKIE];
  if (cookie) {
    const principal = await options.auth.principalFromSession(cookie);
    if (principal) return principal;
  }
  return options.testPrincipal?.(request) ?? null;
}

const authFailure = Symbol('authFailure');
type WithAuthFailure = FastifyRequest & { [authFailure]?: UnauthenticatedError };

/**
 * Enforces the per-route access declaration in one place (authentication, role, CSRF for cookie writes,
 * API-key scopes), and records the route table that the authorisation matrix test walks, so a new route
 * is covered without anyone remembering.
 *
 * Two steps, so the rate limit sits between them: an instance hook resolves who is calling (a valid
 * session or key, or nobody), then the route's rate-limit hook counts the request under that principal
 * or the IP, then the route's own hook refuses it. A refused request is counted, and a made-up cookie
 * does not get a bucket of its own.
 */
export function registerAccessControl(app: FastifyInstance, options: AccessOptions): RouteAccess[] {
  const table: RouteAccess[] = [];
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (route.schema?.hide && access === undefined) return;
    if (access === undefined) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
    // Route-level onRequest hooks run after instance ones, in order: the rate limiter (added by its
    // own onRoute hook, registered on the root before this one) comes first.
    route.onRequest = [route.onRequest ?? []].flat().concat(enforce);
  });
  app.addHook('onRequest', async (request) => {
    if (request.routeOptions.config?.access === undefined) return;
    try {
      request.principal = await resolvePrincipal(request, options);
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      (request as WithAuthFailure)[authFailure] = error;
    }
  });
  async function enforce(request: FastifyRequest) {
    const config = request.routeOptions.config;
    const access = config?.access;
    if (access === undefined) return;
    const failure = (request as WithAuthFailure)[authFailure];
    if (failure) throw failure;
    if (access === 'public') return;
    const principal = request.principal;
    if (!principal) throw new UnauthenticatedError();
    if (access !== 'signed_in' && !access.includes(principal.role))
      throw new AppError('ROLE_FORBIDDEN', `The ${principal.role} role may not do this`, 403);
    if (principal.role === 'partner' && (!config.scope || !principal.scopes?.includes(config.scope)))
      throw new AppError('ROLE_FORBIDDEN', 'This API key is not scoped for this kind of data', 403);
    if (
      !SAFE_METHODS.has(request.method) &&
      !options.auth.checkCsrf(principal, headerOf(request, 'x-csrf-token'))
    )
      throw new AppError('CSRF_REJECTED', 'Missing or wrong CSRF token', 403);
  }
  return table;
}

const headerOf = (request: FastifyRequest, name: string) => {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
};

/** The principal of a route that declared roles (onRequest guarantees it is set). */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new UnauthenticatedError();
  return request.principal;
}
