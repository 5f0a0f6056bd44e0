import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { travelModel } from '../../reference/travel.loader.js';
import { errorResponses } from '../shared/schemas.js';

const FerryLinksSchema = z.object({
  compiledOn: z.string().describe('date the table was written from the operators’ timetables'),
  sources: z.array(z.string()),
  ports: z.array(z.object({ id: z.string(), name: z.string(), lat: z.number(), lon: z.number() })),
  links: z.array(
    z.object({
      from: z.string(),
      to: z.string(),
      operators: z.array(z.string()),
      sources: z.array(z.string()).describe('the operators’ timetable pages the row was written from'),
      asOf: z.string().describe('date the row was written (YYYY-MM-DD)'),
      crossingMinutes: z.number(),
      departuresPerDay: z.number().describe('typical low-season departures per day in each direction'),
      allYear: z.boolean().describe('seasonal links are shown but not counted for commuting'),
      seasonMonths: z
        .tuple([z.number(), z.number()])
        .nullable()
        .describe('first and last month of service (1–12) of a seasonal link; null all year'),
    }),
  ),
});

/** The bundled ferry table, for the map: ports and links with operator, crossing time and season. */
export function ferryRoutes(app: FastifyInstance) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/reference/ferry-links',
    {
      config: { access: ['admin', 'operator', 'marketing', 'company'] },
      schema: {
        tags: ['reference'],
        description: 'Ferry links of the area (Corsica, Sardinia, Tuscan archipelago) used for travel times.',
        response: { 200: FerryLinksSchema, ...errorResponses },
      },
    },
    () => {
      const t = travelModel().table;
      return {
        compiledOn: t.compiledOn,
        sources: [...t.sources],
        ports: t.ports.map((p) => ({ id: p.id, name: p.name, lat: p.lat, lon: p.lon })),
        links: t.links.map((l) => ({
          from: l.from,
          to: l.to,
          operators: [...l.operators],
          sources: [...l.sources],
          asOf: l.asOf,
          crossingMinutes: l.crossingMinutes,
          departuresPerDay: l.departuresPerDay,
          allYear: l.allYear,
          seasonMonths: l.seasonMonths ? ([l.seasonMonths[0], l.seasonMonths[1]] as [number, number]) : null,
        })),
      };
    },
  );
}
