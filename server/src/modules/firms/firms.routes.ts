import type { FastifyInstance } from 'fastify';
import { crudRoutes } from '../shared/crud.routes.js';
import { FirmRouteSchemas } from './firms.schema.js';
import type { FirmsService } from './firms.service.js';

export function firmsRoutes(app: FastifyInstance, service: FirmsService) {
  crudRoutes(app, {
    path: '/firms',
    tag: 'firms',
    read: ['admin', 'operator', 'marketing', 'company', 'partner'],
    write: ['admin', 'operator', 'marketing', 'company', 'partner'],
    schemas: FirmRouteSchemas,
    service,
  });
}
