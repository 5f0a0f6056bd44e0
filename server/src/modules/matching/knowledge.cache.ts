import { buildKnowledge, type Knowledge } from '@rilancio/matcher';
import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { travelModel } from '../../reference/travel.loader.js';
import { escoBroader, escoOccupationSkills, escoOccupations } from '../../db/schema.js';

/**
 * ESCO as the matcher needs it (hierarchy, occupation skills, ISCO groups), loaded once per process:
 * reference data changes only with a new release, which needs a restart anyway.
 */
export function createKnowledgeCache(db: Database) {
  let knowledge: Promise<Knowledge> | undefined;
  return {
    get(): Promise<Knowledge> {
      knowledge ??= (async () => {
        const [skillBroader, occupations, occupationSkills] = await Promise.all([
          db
            .select({ conceptUri: escoBroader.conceptUri, broaderUri: escoBroader.broaderUri })
            .from(escoBroader)
            .where(eq(escoBroader.conceptType, 'KnowledgeSkillCompetence')),
          db.select({ uri: escoOccupations.uri, iscoGroup: escoOccupations.iscoGroup }).from(escoOccupations),
          db.select().from(escoOccupationSkills),
        ]);
        // Travel times across land and sea: every distance the matcher judges is door to door.
        return {
          ...buildKnowledge({
            skillBroader,
            occupations,
            occupationSkills: occupationSkills.map((r) => ({
              ...r,
              relation: r.relation as 'essential' | 'optional',
            })),
          }),
          travel: travelModel(),
        };
      })();
      return knowledge;
    },
  };
}
export type KnowledgeCache = ReturnType<typeof createKnowledgeCache>;
