import { sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { crisisCases } from '../../db/schema.js';
import { byText } from '../shared/list-query.js';
import { listOwnedRows, type OwnedList } from '../shared/owned-list.js';
import type { CrisisCaseListQuery } from './crisis-cases.schema.js';

const CRISIS_CASE_LIST: OwnedList<typeof crisisCases> = {
  table: crisisCases,
  kind: 'crisis_case',
  owner: { deskId: crisisCases.deskId },
  text: { columns: [crisisCases.title, crisisCases.externalRef], firmId: crisisCases.firmId },
  filters: ['status', 'procedure', 'supplyChain', 'deskId', 'firmId'],
  sorts: {
    title: [byText(crisisCases.title)],
    opened: [sql`${crisisCases.openedOn} desc nulls last`],
    workers: [sql`${crisisCases.workersAffected} desc`],
  },
};

/** The crisis dossiers a principal may read that match the list's text, filters and sort. */
export const listCrisisCaseRows = (conn: DbOrTx, query: CrisisCaseListQuery, principal: Principal) =>
  listOwnedRows(conn, CRISIS_CASE_LIST, query, principal);
