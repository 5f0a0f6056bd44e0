import type { FastifyRequest } from 'fastify';
import { ROLES, type Role } from '../domain/vocabulary.js';
import { AppError } from '../errors.js';

/** A partner system calling with an API key: bulk ingestion within one desk and some entity types. */
export type PrincipalRole = Role | 'partner';

/** Who is calling, as every service sees it. */
export interface Principal {
  userId: string | null;
  role: PrincipalRole;
  deskId: string | null;
  firmId: string | null;
  /** How the caller proved who they are; cookie sessions need a CSRF token on writes. */
  via: 'session' | 'api_key' | 'test';
  /** API keys only: the entity types the key may write. */
  scopes?: readonly string[];
  sessionTokenHash?: string;
  apiKeyId?: string;
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first') {
    super('UNAUTHENTICATED', message, 401);
  }
}

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Test harness only: the caller's role from headers. The composition root never enables it; the test
 * helper does, so route tests can act as any role without a sign-in round trip.
 */
export function principalFromTestHeaders(request: FastifyRequest): Principal | null {
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
    via: 'test',
  };
}
