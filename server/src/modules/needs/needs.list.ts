import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { needs } from '../../db/schema.js';
import { ascNullsLast, byText } from '../shared/list-query.js';
import { listOwnedRows, type OwnedList } from '../shared/owned-list.js';
import type { NeedListQuery } from './needs.schema.js';

const NEED_LIST: OwnedList<typeof needs> = {
  table: needs,
  kind: 'need',
  owner: { deskId: needs.deskId, firmId: needs.firmId },
  text: { columns: [needs.title, needs.externalRef], firmId: needs.firmId },
  filters: ['type', 'status', 'contractType', 'supplyChain', 'deskId', 'firmId'],
  sorts: { title: [byText(needs.title)], deadline: [ascNullsLast(needs.expiresAt)] },
};

/** The needs a principal may read that match the list's text, filters and sort, one page and the total. */
export const listNeedRows = (conn: DbOrTx, query: NeedListQuery, principal: Principal) =>
  listOwnedRows(conn, NEED_LIST, query, principal);
