import { type SQL } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { needs } from '../../db/schema.js';
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
import type { NeedListQuery } from './needs.schema.js';

const place = { country: needs.municipalityCountry, code: needs.municipalityCode };

/** The needs a principal may read that match the list's text, filters and sort, one page and the total. */
export function listNeedRows(conn: DbOrTx, query: NeedListQuery, principal: Principal) {
  const where: (SQL | undefined)[] = [
    readScopeFilter(principal, 'need', { deskId: needs.deskId, firmId: needs.firmId }),
    searchText(query.q, {
      columns: [needs.title, needs.externalRef],
      firmId: needs.firmId,
      place,
    }),
    ...filtersOf(query, {
      type: needs.type,
      status: needs.status,
      contractType: needs.contractType,
      supplyChain: needs.supplyChain,
      deskId: needs.deskId,
      firmId: needs.firmId,
    }),
    ...placeFilters(query, place),
  ];
  const order = sortOrder(needs, query.sort, {
    title: [byText(needs.title)],
    deadline: [ascNullsLast(needs.expiresAt)],
  });
  return listRows(conn, needs, query, where, order);
}
