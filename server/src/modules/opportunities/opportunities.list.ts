import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { opportunities } from '../../db/schema.js';
import { ascNullsLast, byText } from '../shared/list-query.js';
import { listOwnedRows, type OwnedList } from '../shared/owned-list.js';
import type { OpportunityListQuery } from './opportunities.schema.js';

const OPPORTUNITY_LIST: OwnedList<typeof opportunities> = {
  table: opportunities,
  kind: 'opportunity',
  owner: { deskId: opportunities.deskId },
  text: { columns: [opportunities.title, opportunities.externalRef], firmId: opportunities.sourceFirmId },
  filters: ['kind', 'status', 'supplyChain', 'deskId', 'crisisCaseId', 'sourceFirmId'],
  sorts: { title: [byText(opportunities.title)], deadline: [ascNullsLast(opportunities.deadline)] },
};

/** The opportunities a principal may read that match the list's text, filters and sort. */
export const listOpportunityRows = (conn: DbOrTx, query: OpportunityListQuery, principal: Principal) =>
  listOwnedRows(conn, OPPORTUNITY_LIST, query, principal);
