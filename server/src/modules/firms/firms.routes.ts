import type { FastifyInstance } from 'fastify';
import { crudRoutes } from '../shared/crud.routes.js';
import { CreateFirmSchema, FirmListQuerySchema, FirmViewSchema, UpdateFirmSchema } from './firms.schema.js';
import type { FirmsService } from './firms.service.js';

export function firmsRoutes(app: FastifyInstance, service: FirmsService) {
  crudRoutes(app, {
    path: '/firms',
    tag: 'firms',
    read: ['admin', 'operator', 'marketing', 'company', 'partner'],
    write: ['admin', 'operator', 'marketing', 'company', 'partner'],
    schemas: {
      create: CreateFirmSchema,
      update: UpdateFirmSchema,
      view: FirmViewSchema,
      list: FirmListQuerySchema,
    },
    service,
  });
}
