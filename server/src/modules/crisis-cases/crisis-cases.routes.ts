import type { FastifyInstance } from 'fastify';
import { crudRoutes } from '../shared/crud.routes.js';
import { CrisisCaseRouteSchemas } from './crisis-cases.schema.js';
import type { CrisisCasesService } from './crisis-cases.service.js';

export function crisisCasesRoutes(app: FastifyInstance, service: CrisisCasesService) {
  crudRoutes(app, {
    path: '/crisis-cases',
    tag: 'crisis-cases',
    read: ['admin', 'operator', 'marketing'],
    write: ['admin', 'operator'],
    schemas: CrisisCaseRouteSchemas,
    service,
  });
}
