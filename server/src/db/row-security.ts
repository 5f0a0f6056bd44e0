import { sql } from 'drizzle-orm';
import type { Principal } from '../auth/principal.js';
import type { Database, DbOrTx } from './client.js';

/**
 * Runs a company's reads under PostgreSQL row-level security (migration 0007): inside one transaction,
 * as the role rilancio_company with its firm set, so even a query that forgets the firm filter sees only
 * that firm's needs and no person table at all. Everyone else reads as the application role.
 */
export async function readAs<T>(
  db: Database,
  principal: Principal,
  read: (db: DbOrTx) => Promise<T>,
): Promise<T> {
  if (principal.role !== 'company') return read(db);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select set_config('rilancio.firm_id', ${principal.firmId ?? ''}, true)`);
    await tx.execute(sql`set local role rilancio_company`);
    return read(tx);
  });
}
