import { readdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { MIGRATIONS_DIR } from '../../db/migrations-dir.js';
import type { LabelSource } from '../../db/schema.js';
import { queryRows } from '../../db/raw.js';
import { changeLogBacklog } from '../../indexing/change-log.js';

const migrationCount = readdirSync(MIGRATIONS_DIR).filter((f) => f.endsWith('.sql')).length;

export interface Readiness {
  status: 'ready' | 'not_ready';
  database: { reachable: boolean; migrationsApplied: number; migrationsExpected: number };
  search: { pending: number; lagSeconds: number; deadLetters: number };
}

/** Ready = the database answers, every migration is applied; the change-log figures say how far indexes lag. */
export async function readiness(db: Database): Promise<Readiness> {
  try {
    const [migrations] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
    );
    const applied = migrations?.n ?? 0;
    if (applied < migrationCount)
      return {
        status: 'not_ready',
        database: { reachable: true, migrationsApplied: applied, migrationsExpected: migrationCount },
        search: { pending: 0, lagSeconds: 0, deadLetters: 0 },
      };
    const backlog = await changeLogBacklog(db);
    const [dead] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from search_dead_letters`,
    );
    return {
      status: 'ready',
      database: { reachable: true, migrationsApplied: applied, migrationsExpected: migrationCount },
      // The change log: rows the slowest live reader (a process's indexes, the Meilisearch leader) has
      // not passed yet, and the age of the oldest.
      search: { pending: backlog.pending, lagSeconds: backlog.lagSeconds, deadLetters: dead?.n ?? 0 },
    };
  } catch {
    return {
      status: 'not_ready',
      database: { reachable: false, migrationsApplied: 0, migrationsExpected: migrationCount },
      search: { pending: 0, lagSeconds: 0, deadLetters: 0 },
    };
  }
}

export type LabelSourceCount = {
  lang: string;
  kind: string;
  /** `esco` (official), `provisional` (the project's own, until official labels are imported), `supplement`. */
  source: LabelSource;
  concepts: number;
};

/**
 * Which ESCO labels the deployment holds, by language, concept kind and provenance: how /about says that
 * Italian labels are the project's provisional vocabulary, and how far official imports replaced them.
 */
export function labelSources(db: Database): Promise<LabelSourceCount[]> {
  // Preferred labels only (one per concept and language), plus the supplement, which has none: a tenth of
  // the table, so the first call stays short. Callers cache it: labels change only at start-up.
  return queryRows<LabelSourceCount>(
    db,
    sql`select lang, concept_kind as kind, source, count(distinct concept_uri)::int as concepts
        from esco_labels
        where concept_kind in ('occupation', 'skill') and (preferred or source = 'supplement')
        group by lang, concept_kind, source order by lang, concept_kind, source`,
  );
}
