import type { FastifyInstance } from 'fastify';
import { crudRoutes } from '../shared/crud.routes.js';
import { AssetRouteSchemas } from './assets.schema.js';
import type { AssetsService } from './assets.service.js';

export function assetsRoutes(app: FastifyInstance, service: AssetsService) {
  crudRoutes(app, {
    path: '/assets',
    tag: 'assets',
    read: ['admin', 'operator', 'marketing', 'company', 'partner'],
    write: ['admin', 'operator', 'marketing', 'partner'],
    schemas: AssetRouteSchemas,
    service,
  });
}
