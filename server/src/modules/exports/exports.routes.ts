import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import type { Limits } from '../../auth/limits.js';
import type { Principal } from '../../auth/principal.js';
import { AppError } from '../../errors.js';
import {
  csvChunks,
  downloadHeaders,
  exportFilename,
  LANGS,
  xlsxChunks,
  type Lang,
} from '../../files/index.js';
import { INDEX_NAMES } from '../../search/documents.js';
import { searchQuerySchema } from '../search/index.js';
import { SEARCH_ACCESS } from '../search/index.js';
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
  options: {
    limits: Pick<Limits, 'exportPerMinute'>;
    /** Records the security event when a principal goes over the per-minute limit. */
    onLimited: (principal: Principal) => Promise<void>;
  },
) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Exports pull data out in bulk: a stricter per-minute limit than the global one, shared by every
  // export route, per verified principal, with Retry-After and a security event (C5, C6).
  const limiter = app.createRateLimit({
    max: options.limits.exportPerMinute,
    timeWindow: 60_000,
    keyGenerator: (req) => {
      const p = req.principal;
      return `export:${p?.apiKeyId ? `key:${p.apiKeyId}` : p?.userId ? `user:${p.userId}` : `ip:${req.ip}`}`;
    },
  });
  async function exportLimit(request: FastifyRequest) {
    const result = await limiter(request);
    if (result.isAllowed || !result.isExceeded) return;
    await options.onLimited(principalOf(request));
    throw new AppError('RATE_LIMITED', 'Too many exports; try again in a minute', 429, [], {
      'retry-after': String(result.ttlInSeconds),
    });
  }
  for (const index of INDEX_NAMES) {
    // The same parameters as the search, so "export" downloads exactly the list on screen.
    const querystring = searchQuerySchema(index)
      .omit({ limit: true, offset: true, facets: true })
      .extend({ format: z.enum(['csv', 'xlsx']).default('xlsx'), lang: LangSchema });
    r.get(
      `/export/${index}`,
      {
        config: { access: EXPORT_ACCESS[index] },
        preHandler: exportLimit,
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
