import type { FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../domain/vocabulary.js';
import { AppError } from '../errors.js';

/** Who is calling, as every service sees it. */
export interface Principal {
  userId: string | null;
  role: Role;
  deskId: string | null;
  firmId: string | null;
}

export class UnauthenticatedError extends AppError {
  constructor() {
    super('UNAUTHENTICATED', 'Sign in first', 401);
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Until accounts land (issue 7), the caller's role comes from demo headers, and only where the deployment
 * trusts them (development, test, and the embedded demo). In production without accounts every protected
 * route answers 401: failing closed.
 */
export function principalFromDemoHeaders(request: FastifyRequest): Principal | null {
  const role = request.headers['x-rilancio-role'];
  if (typeof role !== 'string' || !(ROLES as readonly string[]).includes(role)) return null;
  const header = (name: string) => {
    const value = request.headers[name];
    return typeof value === 'string' && uuid.test(value) ? value : null;
  };
  return {
    userId: header('x-rilancio-user'),
    role: role as Role,
    deskId: header('x-rilancio-desk'),
    firmId: header('x-rilancio-firm'),
  };
}
