import { type SQL } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { opportunities } from '../../db/schema.js';
import {
  ascNullsLast,
  byText,
  filtersOf,
  listRows,
  placeFilters,
  searchText,
  sortOrder,
} from '../shared/list-query.js';
import { readScopeFilter } from '../shared/versioned.js';
import type { OpportunityListQuery } from './opportunities.schema.js';

const place = { country: opportunities.municipalityCountry, code: opportunities.municipalityCode };

/** The opportunities a principal may read that match the list's text, filters and sort. */
export function listOpportunityRows(conn: DbOrTx, query: OpportunityListQuery, principal: Principal) {
  const where: (SQL | undefined)[] = [
    readScopeFilter(principal, 'opportunity', { deskId: opportunities.deskId }),
    searchText(query.q, {
      columns: [opportunities.title, opportunities.externalRef],
      firmId: opportunities.sourceFirmId,
      place,
    }),
    ...filtersOf(query, {
      kind: opportunities.kind,
      status: opportunities.status,
      supplyChain: opportunities.supplyChain,
      deskId: opportunities.deskId,
      crisisCaseId: opportunities.crisisCaseId,
      sourceFirmId: opportunities.sourceFirmId,
    }),
    ...placeFilters(query, place),
  ];
  const order = sortOrder(opportunities, query.sort, {
    title: [byText(opportunities.title)],
    deadline: [ascNullsLast(opportunities.deadline)],
  });
  return listRows(conn, opportunities, query, where, order);
}
