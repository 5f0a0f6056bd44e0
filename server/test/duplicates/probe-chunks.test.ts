import { sql } from 'drizzle-orm';
import { queryRows } from '../../src/db/raw.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  personCandidates,
  PROBES_PER_QUERY,
  type PersonProbe,
} from '../../src/modules/duplicates/duplicates.repository.js';
import { createTestApp, type TestApp } from '../helpers/app.js';
import { makeDesk } from '../helpers/factories.js';

/**
 * A batch of probes larger than one query takes is looked up in several queries (on PGlite each holds
 * the server's thread): every candidate still answers the probe it was found for, whichever query read it.
 */
describe('candidate lookups over more probes than one query takes', () => {
  let t: TestApp;
  const stored = new Map<number, string>();
  // One stored person in the first, second and third query's share of the probes.
  const matchedAt = [3, PROBES_PER_QUERY + 5, 2 * PROBES_PER_QUERY + 7];
  const probeCount = 2 * PROBES_PER_QUERY + 10;

  /** The candidate queries sent while `recording`. */
  const probeQueries: string[] = [];
  let recording = false;

  beforeAll(async () => {
    t = await createTestApp({
      onQuery: (e) => void (recording && e.sql.includes('with probe as') && probeQueries.push(e.sql)),
    });
    const db = t.database.handle.db;
    const desk = await makeDesk(db);
    for (const at of matchedAt) {
      const [row] = await queryRows<{ id: string }>(
        db,
        sql`insert into profiles (code, desk_id, external_ref,
          first_name, last_name, email, municipality_country, municipality_code, lat, lon, employment_status)
        values (${`P-CHUNK${at}`}, ${desk.id}, ${`CHUNK-${at}`}, ${`Nome${at}`}, ${`Cognome${at}`},
          ${`person${at}@example.org`}, 'IT', '010025', 44.1, 9.8, 'unemployed')
        returning id`,
      );
      stored.set(at, row!.id);
    }
  });
  afterAll(async () => t?.close());

  const probes: PersonProbe[] = Array.from({ length: probeCount }, (_, i) => ({
    firstName: `Altro${i}`,
    lastName: `Ancora${i}`,
    email: matchedAt.includes(i) ? `person${i}@example.org` : `nobody${i}@example.org`,
    phone: null,
    municipality: 'IT:011015',
    excludeId: null,
  }));
  const lookUp = async (options?: { probesPerQuery: number }) => {
    probeQueries.length = 0;
    recording = true;
    const found = await personCandidates(t.database.handle.db, probes, options).finally(
      () => (recording = false),
    );
    return found.map((c) => [c.probe, c.id, c.sameEmail]).sort((a, b) => Number(a[0]) - Number(b[0]));
  };

  it('reports each candidate with its own probe, in every query of the batch', async () => {
    expect(await lookUp()).toEqual(matchedAt.map((at) => [at, stored.get(at), true]));
    expect(probeQueries).toHaveLength(3);
  });

  it('takes the whole batch in one query when told to (an import on PostgreSQL), with the same answer', async () => {
    expect(await lookUp({ probesPerQuery: probeCount })).toEqual(
      matchedAt.map((at) => [at, stored.get(at), true]),
    );
    expect(probeQueries).toHaveLength(1);
  });
});
