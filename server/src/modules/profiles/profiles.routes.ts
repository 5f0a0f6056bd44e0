import type { FastifyInstance } from 'fastify';
import { crudRoutes } from '../shared/crud.routes.js';
import { ProfileRouteSchemas } from './profiles.schema.js';
import type { ProfilesService } from './profiles.service.js';

export function profilesRoutes(app: FastifyInstance, service: ProfilesService) {
  // Companies and marketing officers never see individual people (DOMAIN.md roles).
  crudRoutes(app, {
    path: '/profiles',
    tag: 'profiles',
    read: ['admin', 'operator', 'partner'],
    write: ['admin', 'operator', 'partner'],
    schemas: ProfileRouteSchemas,
    service,
  });
}
