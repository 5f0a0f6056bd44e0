import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Database } from '../../src/db/client.js';
import { needs } from '../../src/db/schema.js';

/**
 * The job needs the matching benchmarks run: the first open ones by id, so that the HTTP and the
 * in-process benchmarks time the same needs on the same database.
 */
export function benchJobNeeds(db: Database, limit = 30) {
  return db
    .select({ id: needs.id, lat: needs.lat, lon: needs.lon, radiusKm: needs.radiusKm })
    .from(needs)
    .where(and(eq(needs.type, 'job'), eq(needs.status, 'open'), isNull(needs.endedAt)))
    .orderBy(asc(needs.id))
    .limit(limit);
}
