import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import { crisisCases, desks, firms } from '../../db/schema.js';
import { ValidationError } from '../../errors.js';

const TABLES = { desk: desks, firm: firms, crisisCase: crisisCases } as const;

/** Rejects ids of desks, firms or crisis cases that do not exist, naming the field (400, not a 500 from the FK). */
export async function assertRecordsExist(
  tx: DbOrTx,
  refs: { kind: keyof typeof TABLES; id: string | null | undefined; path: string }[],
): Promise<void> {
  for (const ref of refs) {
    if (!ref.id) continue;
    const table = TABLES[ref.kind];
    const [row] = await tx.select({ id: table.id }).from(table).where(eq(table.id, ref.id));
    if (!row) throw new ValidationError([{ path: ref.path, reason: `unknown ${ref.kind}` }]);
  }
}
