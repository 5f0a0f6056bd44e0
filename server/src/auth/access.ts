import type { FastifyInstance } from 'fastify';
import type { Role } from '../domain/vocabulary.js';
import { ForbiddenError } from '../errors.js';
import { UnauthenticatedError, principalFromDemoHeaders, type Principal } from './principal.js';

/** Which roles may call a route; 'public' needs no principal. Every API route must declare one. */
export type Access = 'public' | readonly Role[];

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
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

/**
 * Enforces the per-route access declaration in one place, and records the route table that the
 * authorisation matrix test walks, so a new route is covered without anyone remembering.
 */
export function registerAccessControl(
  app: FastifyInstance,
  options: { trustDemoHeaders: boolean },
): RouteAccess[] {
  const table: RouteAccess[] = [];
  app.decorateRequest('principal', null);
  app.addHook('onRoute', (route) => {
    const access = route.config?.access;
    if (route.schema?.hide && access === undefined) return;
    if (access === undefined) throw new Error(`Route ${route.method} ${route.url} declares no access rule`);
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') table.push({ method, url: route.url, access });
    }
  });
  app.addHook('onRequest', async (request) => {
    const access = request.routeOptions.config?.access;
    if (access === undefined || access === 'public') return;
    request.principal = options.trustDemoHeaders ? principalFromDemoHeaders(request) : null;
    if (!request.principal) throw new UnauthenticatedError();
    if (!access.includes(request.principal.role)) throw new ForbiddenError();
  });
  return table;
}

/** The principal of a route that declared roles (onRequest guarantees it is set). */
export function principalOf(request: { principal: Principal | null }): Principal {
  if (!request.principal) throw new UnauthenticatedError();
  return request.principal;
}
