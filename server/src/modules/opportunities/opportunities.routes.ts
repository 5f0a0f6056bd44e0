import type { FastifyInstance } from 'fastify';
import { crudRoutes } from '../shared/crud.routes.js';
import { OpportunityRouteSchemas } from './opportunities.schema.js';
import type { OpportunitiesService } from './opportunities.service.js';

export function opportunitiesRoutes(app: FastifyInstance, service: OpportunitiesService) {
  crudRoutes(app, {
    path: '/opportunities',
    tag: 'opportunities',
    read: ['admin', 'operator', 'marketing'],
    write: ['admin', 'operator'],
    schemas: OpportunityRouteSchemas,
    service,
  });
}
