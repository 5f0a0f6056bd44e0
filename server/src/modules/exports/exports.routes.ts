import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import {
  csvChunks,
  downloadHeaders,
  exportFilename,
  LANGS,
  xlsxChunks,
  type Lang,
} from '../../files/index.js';
import { INDEX_NAMES } from '../../search/documents.js';
import { searchQuerySchema } from '../search/search.schema.js';
import { SEARCH_ACCESS } from '../search/search.service.js';
import { errorResponses, ErrorResponseSchema, IdParamsSchema } from '../shared/schemas.js';
import type { ExportService } from './exports.service.js';
import type { createJobPostingService } from './jobposting.js';

const LangSchema = z.enum(LANGS as [Lang, ...Lang[]]).default('it');

/**
 * Who may export what: whoever may search it, except people. A profiles export lists individual
 * (pseudonymised) records, so it is for staff who work with people; marketing sees aggregates only.
 */
const EXPORT_ACCESS = {
  ...SEARCH_ACCESS,
  profiles: SEARCH_ACCESS.profiles.filter((role) => role === 'admin' || role === 'operator'),
};

export function exportsRoutes(
  app: FastifyInstance,
  service: ExportService,
  jobPosting: ReturnType<typeof createJobPostingService>,
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const index of INDEX_NAMES) {
    // The same parameters as the search, so "export" downloads exactly the list on screen.
    const querystring = searchQuerySchema(index)
      .omit({ limit: true, offset: true, facets: true })
      .extend({ format: z.enum(['csv', 'xlsx']).default('xlsx'), lang: LangSchema });
    r.get(
      `/export/${index}`,
      {
        config: { access: EXPORT_ACCESS[index] },
        schema: {
          tags: ['export'],
          description: `Download the results of a ${index} search (up to 10,000 rows) as CSV or XLSX with headers in the chosen language.`,
          querystring,
          response: { 200: z.unknown(), ...errorResponses, 503: ErrorResponseSchema },
        },
      },
      async (request, reply) => {
        const { format, lang, ...query } = request.query as Record<string, string | number> & {
          format: 'csv' | 'xlsx';
          lang: Lang;
        };
        const rows = service.rows(index, query, principalOf(request), lang);
        // The first page is read before any byte is sent, so a search outage is still a clean 503.
        const first = await rows.next();
        async function* all() {
          if (!first.done) yield first.value;
          yield* rows;
        }
        const body =
          format === 'csv'
            ? csvChunks(all(), { lang, delimiter: lang === 'en' ? ',' : ';' })
            : xlsxChunks([{ name: index, rows: all() }], { lang });
        return reply
          .headers(downloadHeaders(exportFilename(index, format), format))
          .send(Readable.from(body));
      },
    );
  }

  r.get(
    '/needs/:id/jobposting',
    {
      config: { access: ['admin', 'operator', 'marketing', 'company'] },
      schema: {
        tags: ['export'],
        description:
          'A job need as schema.org JobPosting JSON-LD (ESCO URI and ISCO-08 code in occupationalCategory).',
        params: IdParamsSchema,
        querystring: z.strictObject({ lang: LangSchema }),
        response: { 200: z.record(z.string(), z.unknown()), ...errorResponses },
      },
    },
    async (request, reply) => {
      const doc = await jobPosting(request.params.id, principalOf(request), request.query.lang);
      return reply.type('application/ld+json; charset=utf-8').send(doc);
    },
  );
}
