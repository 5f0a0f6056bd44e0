import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { queryRows } from '../../src/db/raw.js';
import { referenceDatasets } from '../../src/db/schema.js';
import { foldLabel as fold } from '../../src/lib/text.js';
import { loadReferenceData, REFERENCE_DIR } from '../../src/reference/reference.loader.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

const REFERENCE_FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reference');
const WELDER = 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b';
const TABLES = [
  'isco_groups',
  'esco_occupations',
  'esco_skills',
  'esco_skill_groups',
  'esco_labels',
  'esco_occupation_skills',
  'esco_broader',
  'nace_codes',
  'nuts_regions',
  'municipalities',
] as const;

async function counts(handle: DatabaseHandle): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of TABLES) {
    const rows = await queryRows<{ n: number }>(
      handle.db,
      sql.raw(`select count(*)::int as n from ${table}`),
    );
    out[table] = rows[0]!.n;
  }
  const italianIsco = await queryRows<{ n: number }>(
    handle.db,
    sql`select count(*)::int as n from isco_groups where label_it is not null and label_it_source = 'provisional'`,
  );
  out.isco_groups_named_it = italianIsco[0]!.n;
  return out;
}

/** Occupations with a label in `lang` equal to the folded text or starting with it. */
async function occupationsLabelled(handle: DatabaseHandle, lang: string, text: string): Promise<string[]> {
  const rows = await queryRows<{ concept_uri: string }>(
    handle.db,
    sql`select distinct concept_uri from esco_labels
        where concept_kind = 'occupation' and lang = ${lang} and folded like ${`${fold(text)}%`}`,
  );
  return rows.map((r) => r.concept_uri);
}

describe('bundled reference data (full ESCO, slow)', () => {
  let handle: DatabaseHandle;
  let database: TestDatabase;
  let first: Record<string, number>;

  // The test template was built by the same loader from the bundled files (test/helpers/global-setup.ts).
  beforeAll(async () => {
    database = await createTestDatabase();
    handle = database.handle;
    first = await counts(handle);
  }, 300_000);

  afterAll(async () => {
    await database?.destroy();
  });

  it('holds the documented row counts', () => {
    expect(first).toMatchObject({
      isco_groups: 619,
      // The project's Italian ISCO names (issue 11): levels 1–3 and the blue/green unit groups.
      isco_groups_named_it: 375,
      esco_occupations: 3007,
      esco_skills: 13896,
      esco_skill_groups: 640,
      esco_occupation_skills: 123788,
      nace_codes: 996,
      nuts_regions: 37,
      municipalities: 2190,
    });
    expect(first.esco_labels).toBeGreaterThan(100_000);
    expect(first.esco_broader).toBeGreaterThan(20_000);
  });

  it('gives the same counts when loaded again, with and without the recorded checksums', async () => {
    // Forget the checksums so every row is offered again: ON CONFLICT DO NOTHING must keep the counts.
    await handle.db.delete(referenceDatasets);
    const reload = await loadReferenceData(handle.db);
    expect(reload.loaded).toHaveLength(14);
    expect(await counts(handle)).toEqual(first);

    const again = await loadReferenceData(handle.db);
    expect(again.loaded).toEqual([]);
    expect(again.skipped).toHaveLength(14);
    expect(await counts(handle)).toEqual(first);
  }, 300_000);

  it('finds the same occupation for "soudeur" and "welder" through the folded labels', async () => {
    const fr = await occupationsLabelled(handle, 'fr', 'Soudeur');
    const en = await occupationsLabelled(handle, 'en', 'WELDER');
    expect(fr).toContain(WELDER);
    expect(en).toContain(WELDER);
    expect(await occupationsLabelled(handle, 'fr', 'soudeuse')).toContain(WELDER);
  });

  it("labels every occupation in Italian (the project's provisional vocabulary) and 7,518 skills", async () => {
    const rows = await queryRows<{ kind: string; concepts: number }>(
      handle.db,
      sql`select concept_kind as kind, count(distinct concept_uri)::int as concepts from esco_labels
          where lang = 'it' and preferred and source = 'provisional' group by concept_kind order by 1`,
    );
    expect(rows).toEqual([
      { kind: 'occupation', concepts: 3007 },
      { kind: 'skill', concepts: 7518 },
    ]);
    expect(await occupationsLabelled(handle, 'it', 'saldatrice')).toContain(WELDER);
    expect(await occupationsLabelled(handle, 'fr', 'soudeur TIG')).toContain(WELDER);
  });

  it('loads from the bundled folder', () => {
    expect(REFERENCE_DIR.endsWith(path.join('seed', 'reference'))).toBe(true);
  });
});

describe('small reference fixture (fast tests)', () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await handle.migrate();
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  it('loads idempotently and keeps welder findable as "soudeur" and "welder"', async () => {
    await loadReferenceData(handle.db, REFERENCE_FIXTURE);
    const first = await counts(handle);
    await handle.db.delete(referenceDatasets);
    await loadReferenceData(handle.db, REFERENCE_FIXTURE);
    expect(await counts(handle)).toEqual(first);
    expect(first.esco_occupations).toBeGreaterThanOrEqual(40);
    expect(first.municipalities).toBe(2190);
    expect(await occupationsLabelled(handle, 'fr', 'soudeur')).toContain(WELDER);
    expect(await occupationsLabelled(handle, 'en', 'welder')).toContain(WELDER);
  }, 120_000);

  it('holds every skill its occupations need, and the skills’ broader concepts', async () => {
    const rows = await queryRows<{ dangling_skills: number; dangling_broader: number }>(
      handle.db,
      sql`select
            (select count(*)::int from esco_occupation_skills os
              where not exists (select 1 from esco_skills s where s.uri = os.skill_uri)) as dangling_skills,
            (select count(*)::int from esco_broader b
              where b.concept_type <> 'ISCOGroup' and b.broader_type in ('KnowledgeSkillCompetence', 'SkillGroup')
                and not exists (select 1 from esco_skills s where s.uri = b.broader_uri)
                and not exists (select 1 from esco_skill_groups g where g.uri = b.broader_uri)) as dangling_broader`,
    );
    expect(rows[0]).toEqual({ dangling_skills: 0, dangling_broader: 0 });
  });
});
