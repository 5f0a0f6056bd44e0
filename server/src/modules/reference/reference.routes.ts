import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AssetMapQuerySchema, parseBBox } from '../search/index.js';
import { REFERENCE_DIR } from '../../reference/reference.loader.js';
import { errorResponses } from '../shared/schemas.js';
import type { ReferenceService } from './reference.service.js';

const tags = ['reference'];
const everyone = ['admin', 'operator', 'marketing', 'company'] as const;
const LangSchema = z.enum(['it', 'fr', 'en']).default('it');
const SearchQuerySchema = z.strictObject({
  q: z.string().trim().min(2).max(100),
  lang: LangSchema,
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
/** `labelLang` is the language `label` is in (English when the requested one has none). */
const LabelledSchema = {
  uri: z.string(),
  label: z.string(),
  labelLang: z.string(),
  provisional: z.boolean().describe("the project's own provisional vocabulary, not an official ESCO label"),
};
const ConceptSchema = z.object({
  ...LabelledSchema,
  matchedLabel: z.string(),
  iscoGroup: z.string().nullable(),
});

export function referenceRoutes(app: FastifyInstance, service: ReferenceService) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/reference/occupations',
    {
      config: { access: everyone },
      schema: {
        tags,
        querystring: SearchQuerySchema,
        response: { 200: z.array(ConceptSchema), ...errorResponses },
      },
    },
    (req) => service.concepts('occupation', req.query.q, req.query.lang, req.query.limit),
  );
  r.get(
    '/reference/skills',
    {
      config: { access: everyone },
      schema: {
        tags,
        querystring: SearchQuerySchema,
        response: { 200: z.array(ConceptSchema), ...errorResponses },
      },
    },
    (req) => service.concepts('skill', req.query.q, req.query.lang, req.query.limit),
  );
  r.get(
    '/reference/occupation-skills',
    {
      config: { access: everyone },
      schema: {
        tags,
        description: "An ESCO occupation's essential and optional skills.",
        querystring: z.strictObject({ uri: z.string().url(), lang: LangSchema }),
        response: {
          200: z.object({
            essential: z.array(z.object(LabelledSchema)),
            optional: z.array(z.object(LabelledSchema)),
          }),
          ...errorResponses,
        },
      },
    },
    (req) => service.occupationSkills(req.query.uri, req.query.lang),
  );
  const csv = (max: number) =>
    z
      .string()
      .trim()
      .min(1)
      .transform((v) => [
        ...new Set(
          v
            .split(',')
            .map((x) => x.trim())
            .filter(Boolean),
        ),
      ])
      .pipe(z.array(z.string().max(200)).min(1).max(max));
  const LabelLangSchema = z.enum(['it', 'fr', 'en']);
  r.get(
    '/reference/labels',
    {
      config: { access: everyone },
      schema: {
        tags,
        description:
          'Preferred labels of ESCO concepts (comma-separated URIs, at most 200) in one language. `lang` says which language each label is in: English where the asked one has none yet. Unknown URIs are left out.',
        querystring: z.strictObject({ uris: csv(200), lang: LangSchema }),
        response: {
          200: z.array(z.object({ uri: z.string(), label: z.string(), lang: LabelLangSchema })),
          ...errorResponses,
        },
      },
    },
    (req) => service.labels(req.query.uris, req.query.lang),
  );
  r.get(
    '/reference/isco-groups',
    {
      config: { access: everyone },
      schema: {
        tags,
        description:
          'ISCO-08 groups by code with their names in the requested language (English where it has none, ' +
          "said by `labelLang`; Italian names are the project's own, said by `provisional`): for tables " +
          'and charts of people by occupational group.',
        querystring: z.strictObject({
          codes: z
            .string()
            .regex(/^\d{1,4}(,\d{1,4})*$/, 'comma-separated ISCO codes')
            .max(2000)
            .transform((s) => s.split(',')),
          lang: LangSchema,
        }),
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              level: z.number(),
              label: z.string(),
              lang: LabelLangSchema.describe('the language the name is in'),
              labelLang: z.string().describe('the same as lang (kept for older clients)'),
              provisional: z
                .boolean()
                .describe("the name is the project's own (Italian: ESCO ships no Italian ISCO names)"),
              display: z.string().describe('name and code, e.g. "Welders and flamecutters (7212)"'),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    (req) => service.iscoGroups(req.query.codes, req.query.lang),
  );
  r.get(
    '/reference/municipalities',
    {
      config: { access: everyone },
      schema: {
        tags,
        description: 'Municipalities by name prefix, ISTAT/INSEE code or postal code.',
        querystring: SearchQuerySchema.omit({ lang: true }),
        response: {
          200: z.array(
            z.object({
              country: z.string(),
              code: z.string(),
              name: z.string(),
              province: z.string(),
              region: z.string(),
              lat: z.number(),
              lon: z.number(),
              postalCodes: z.array(z.string()),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    (req) => service.municipalities(req.query.q, req.query.limit),
  );
  r.get(
    '/reference/municipalities/in-box',
    {
      config: { access: everyone },
      schema: {
        tags,
        description:
          'The most populous municipalities inside a box (south,west,north,east): place names for a map without a tile server.',
        querystring: z.strictObject({
          bbox: AssetMapQuerySchema.shape.bbox.unwrap(),
          limit: z.coerce.number().int().min(1).max(500).default(150),
        }),
        response: {
          200: z.array(z.object({ name: z.string(), lat: z.number(), lon: z.number() })),
          ...errorResponses,
        },
      },
    },
    (req) => service.municipalitiesInBox(parseBBox(req.query.bbox), req.query.limit),
  );
  r.get(
    '/reference/provinces',
    {
      config: { access: everyone },
      schema: {
        tags,
        description:
          'Every province (ISTAT/INSEE code) with its region: the choices of the lists’ region and province filters.',
        response: {
          200: z.array(
            z.object({
              country: z.string(),
              code: z.string(),
              name: z.string(),
              regionCode: z.string(),
              regionName: z.string(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    () => service.provinces(),
  );
  r.get(
    '/reference/nace',
    {
      config: { access: everyone },
      schema: {
        tags,
        querystring: SearchQuerySchema.omit({ lang: true }).extend({ q: z.string().trim().min(1).max(100) }),
        response: {
          200: z.array(
            z.object({
              code: z.string(),
              level: z.number(),
              labelEn: z.string(),
              labelFr: z.string().nullable(),
              labelIt: z.string().nullable(),
            }),
          ),
          ...errorResponses,
        },
      },
    },
    (req) => service.nace(req.query.q, req.query.limit),
  );
  r.get(
    '/reference/desks',
    {
      config: { access: everyone },
      schema: {
        tags,
        response: {
          200: z.array(
            z.object({
              id: z.uuid(),
              code: z.string(),
              name: z.string(),
              country: z.string(),
              regionName: z.string(),
            }),
          ),
        },
      },
    },
    () => service.desks(),
  );

  let boundaries: Buffer | undefined;
  r.get(
    '/reference/boundaries',
    {
      config: { access: 'public' },
      schema: { tags, description: 'Region and province boundaries (GeoJSON).' },
    },
    async (_req, reply) => {
      boundaries ??= gunzipSync(
        readFileSync(path.join(REFERENCE_DIR, 'boundaries_regions_provinces.geojson.gz')),
      );
      return reply
        .header('cache-control', 'public, max-age=86400')
        .type('application/geo+json')
        .send(boundaries);
    },
  );
}
