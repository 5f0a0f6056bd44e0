import type { FastifyInstance } from 'fastify';
import { crudRoutes } from '../shared/crud.routes.js';
import { CreateFirmSchema, FirmViewSchema, UpdateFirmSchema } from './firms.schema.js';
import type { FirmsService } from './firms.service.js';

export function firmsRoutes(app: FastifyInstance, service: FirmsService) {
  crudRoutes(app, {
    path: '/firms',
    tag: 'firms',
    read: ['admin', 'operator', 'marketing', 'company'],
    write: ['admin', 'operator', 'marketing', 'company'],
    schemas: { create: CreateFirmSchema, update: UpdateFirmSchema, view: FirmViewSchema },
    service,
  });
}
