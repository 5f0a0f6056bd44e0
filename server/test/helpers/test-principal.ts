import type { FastifyRequest } from 'fastify';
import type { Principal } from '../../src/auth/principal.js';
import { ROLES, type Role } from '../../src/domain/vocabulary.js';

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The test harness's caller: the role from headers. Only the test helper and the benchmarks hand it to
 * the app (deps.testPrincipal), so route tests can act as any role without a sign-in round trip.
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
