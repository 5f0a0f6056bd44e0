import type { FastifyInstance } from 'fastify';
import { crudRoutes } from '../shared/crud.routes.js';
import { NeedRouteSchemas } from './needs.schema.js';
import type { NeedsService } from './needs.service.js';

export function needsRoutes(app: FastifyInstance, service: NeedsService) {
  crudRoutes(app, {
    path: '/needs',
    tag: 'needs',
    read: ['admin', 'operator', 'marketing', 'company', 'partner'],
    write: ['admin', 'operator', 'company', 'partner'],
    schemas: NeedRouteSchemas,
    service,
  });
}
