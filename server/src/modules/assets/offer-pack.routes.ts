import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../auth/access.js';
import { contentDisposition } from '../../files/index.js';
import { errorResponses, IdParamsSchema } from '../shared/schemas.js';
import { NearbyMinutesSchema } from '../shared/travel-budgets.js';
import { OFFER_LANGS } from './offer-pack.labels.js';
import { OFFER_PEOPLE_MINUTES, type OfferPackService } from './offer-pack.service.js';

export function offerPackRoutes(app: FastifyInstance, service: OfferPackService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/assets/:id/offer-pack',
    {
      // It carries counts of people: for those who may see people at least in aggregate.
      config: { access: ['admin', 'operator', 'marketing'] },
      schema: {
        tags: ['assets'],
        description:
          'The offer pack of an available or reserved asset as a PDF of one or two pages, in the chosen language: site sheet, skilled people living within `minutes` of door-to-door travel by road and all-year ferries (protected counts), issuing desk and contact, reference and date. 409 for an asset that is not on offer.',
        params: IdParamsSchema,
        querystring: z.strictObject({
          lang: z.enum(OFFER_LANGS).default('it'),
          minutes: NearbyMinutesSchema.default(OFFER_PEOPLE_MINUTES),
        }),
        response: { 200: z.unknown().describe('application/pdf'), ...errorResponses },
      },
    },
    async (req, reply) => {
      const { lang, minutes } = req.query;
      const { pdf, filename } = await service.render(req.params.id, lang, principalOf(req), minutes);
      return reply
        .header('content-type', 'application/pdf')
        .header('content-disposition', contentDisposition(filename))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'no-store')
        .send(pdf);
    },
  );
}
