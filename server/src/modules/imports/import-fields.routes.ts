import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allowedLabels, ENTITIES, fieldsOf, LANGS, type EntityName, type Lang } from '../../files/index.js';
import { errorResponses } from '../shared/schemas.js';

const ImportFieldsSchema = z.object({
  entity: z.string(),
  fields: z.array(
    z.object({
      name: z.string().describe('the field, as a column mapping names it'),
      label: z.string().describe('the column header of the templates, in the asked language'),
      required: z.boolean(),
      allowed: z.array(z.string()).describe('for a closed list: the values in words of the asked language'),
    }),
  ),
});

/**
 * The columns an import of one kind reads, in the desk's language: what the column-mapping step offers,
 * and what the screens say when a column is missing or a value is not one of the list.
 */
export function importFieldsRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/imports/fields/:entity',
    {
      config: { access: ['admin', 'operator'] },
      schema: {
        tags: ['imports'],
        description:
          'The fields an import of this kind reads (name for the `mapping` of an upload, header, required, allowed values in words).',
        params: z.strictObject({ entity: z.enum(ENTITIES as [EntityName, ...EntityName[]]) }),
        querystring: z.strictObject({ lang: z.enum(LANGS as [Lang, ...Lang[]]).default('it') }),
        response: { 200: ImportFieldsSchema, ...errorResponses },
      },
    },
    (req) => ({
      entity: req.params.entity,
      fields: fieldsOf(req.params.entity).map((f) => ({
        name: f.name,
        label: f.label[req.query.lang],
        required: f.required === true,
        allowed: allowedLabels(f, req.query.lang),
      })),
    }),
  );
}
