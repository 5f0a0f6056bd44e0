import { eq } from 'drizzle-orm';
import { authorize } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { needs } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';

/** The need a match run or a decision is about, if the principal may read it under the policy (else 404). */
export async function readableNeedOr404(db: Database, id: string, principal: Principal) {
  const [need] = await db.select().from(needs).where(eq(needs.id, id));
  if (!need) throw new NotFoundError('need', id);
  authorize(principal, 'read', 'need', { deskId: need.deskId, firmId: need.firmId }, { entity: 'need', id });
  return need;
}
