import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { principalOf } from '../../auth/access.js';
import { errorResponses, IdParamsSchema } from '../shared/schemas.js';
import {
  ContactRequestedSchema,
  LockTeamSchema,
  TeamContactRequestSchema,
  TeamLockStateSchema,
  UnlockTeamSchema,
} from './team-lock.schema.js';
import type { TeamLockService } from './team-lock.service.js';

const tags = ['matching'];
const staff = ['admin', 'operator'] as const;

export function teamLockRoutes(app: FastifyInstance, service: TeamLockService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/opportunities/:id/team/lock',
    {
      config: { access: staff },
      schema: {
        tags,
        description:
          'The accepted (locked) team of an opportunity, its earlier versions and the contact requests.',
        params: IdParamsSchema,
        response: { 200: TeamLockStateSchema, ...errorResponses },
      },
    },
    (req) => service.state(req.params.id, principalOf(req)),
  );
  r.post(
    '/opportunities/:id/team/lock',
    {
      config: { access: staff },
      schema: {
        tags,
        description:
          'Lock the team: store who sits in which role as a new version. Only the opportunity’s desk (or an admin); 409 when already locked; 400 names the member that does not fit.',
        params: IdParamsSchema,
        body: LockTeamSchema,
        response: { 201: TeamLockStateSchema, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await service.lock(req.params.id, req.body, principalOf(req))),
  );
  r.post(
    '/opportunities/:id/team/unlock',
    {
      config: { access: staff },
      schema: {
        tags,
        description: 'Unlock the locked version, with a reason. Only the opportunity’s desk (or an admin).',
        params: IdParamsSchema,
        body: UnlockTeamSchema,
        response: { 200: TeamLockStateSchema, ...errorResponses },
      },
    },
    (req) => service.unlock(req.params.id, req.body, principalOf(req)),
  );
  r.post(
    '/opportunities/:id/team/contact-requests',
    {
      config: { access: staff },
      schema: {
        tags,
        description:
          'Record that the desk asks to contact a proposed person about a role (audited; the desk follows up). Only the opportunity’s desk.',
        params: IdParamsSchema,
        body: TeamContactRequestSchema,
        response: { 201: ContactRequestedSchema, ...errorResponses },
      },
    },
    async (req, reply) =>
      reply.code(201).send(await service.requestContact(req.params.id, req.body, principalOf(req))),
  );
}
