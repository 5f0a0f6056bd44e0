import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errorResponses } from '../../shared/schemas.js';
import type { InterpretService } from './interpret.service.js';

const LangSchema = z.enum(['it', 'fr', 'en']);
const MatchedWordSchema = z.object({
  text: z.string().describe('the word as written in the text'),
  start: z.number().int().describe('UTF-16 offset in the text'),
  end: z.number().int(),
});
const HitSchema = {
  uri: z.string(),
  label: z.string().describe('preferred label in the language asked (English where it has none)'),
  labelLang: z.string(),
  provisional: z.boolean().describe("the project's own provisional vocabulary, not an official ESCO label"),
  score: z.number().describe('relative: compare hits of one answer only'),
  matchedLabel: z.string().describe('the label (preferred or alternative) the text matched best'),
  matchedLabelLang: z.string(),
  matched: z.array(MatchedWordSchema).describe('the words of the text that matched, in text order'),
};

export const InterpretBodySchema = z.strictObject({
  text: z
    .string()
    .trim()
    .min(2, 'at least 2 characters')
    .max(2000, 'at most 2000 characters: paste one line or one ad'),
  lang: LangSchema.default('it').describe('the language labels are returned in (the user’s)'),
  textLang: LangSchema.optional().describe('the language of the text; detected from its words when absent'),
  occupations: z.number().int().min(0).max(20).default(5),
  skills: z.number().int().min(0).max(30).default(10),
});

/**
 * Free text to ESCO. A query is a few milliseconds once the index is built (the first one after start or
 * after new reference data waits for the build); the limit keeps one account from monopolising it.
 */
export function interpretRoutes(app: FastifyInstance, service: InterpretService) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/reference/interpret',
    {
      config: {
        access: ['admin', 'operator', 'marketing', 'company'],
        rateLimit: { max: 120, timeWindow: '1 minute' },
      },
      schema: {
        tags: ['reference'],
        description:
          'Reads a CV line, a job ad or an import cell in Italian, French or English ("saldatore TIG in ' +
          'cantiere navale", "soudeur naval", "TIG welder") and returns the ESCO occupations and skills it ' +
          'names, best first, each with the words of the text that matched.',
        body: InterpretBodySchema,
        response: {
          200: z.object({
            textLang: LangSchema.describe('the language the text was read as'),
            detected: z.boolean().describe('textLang was detected from the words (not given, not guessed)'),
            occupations: z.array(z.object({ ...HitSchema, iscoGroup: z.string().nullable() })),
            skills: z.array(z.object(HitSchema)),
          }),
          ...errorResponses,
        },
      },
    },
    (req) =>
      service.interpret(req.body.text, {
        lang: req.body.lang,
        textLang: req.body.textLang,
        occupations: req.body.occupations,
        skills: req.body.skills,
      }),
  );
}
