import { sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { crisisCases } from '../../db/schema.js';
import { byText, filtersOf, listRows, placeFilters, searchText, sortOrder } from '../shared/list-query.js';
import { readScopeFilter } from '../shared/versioned.js';
import type { CrisisCaseListQuery } from './crisis-cases.schema.js';

const place = { country: crisisCases.municipalityCountry, code: crisisCases.municipalityCode };

/** The crisis dossiers a principal may read that match the list's text, filters and sort. */
export function listCrisisCaseRows(conn: DbOrTx, query: CrisisCaseListQuery, principal: Principal) {
  const where: (SQL | undefined)[] = [
    readScopeFilter(principal, 'crisis_case', { deskId: crisisCases.deskId }),
    searchText(query.q, {
      columns: [crisisCases.title, crisisCases.externalRef],
      firmId: crisisCases.firmId,
      place,
    }),
    ...filtersOf(query, {
      status: crisisCases.status,
      procedure: crisisCases.procedure,
      supplyChain: crisisCases.supplyChain,
      deskId: crisisCases.deskId,
      firmId: crisisCases.firmId,
    }),
    ...placeFilters(query, place),
  ];
  const order = sortOrder(crisisCases, query.sort, {
    title: [byText(crisisCases.title)],
    opened: [sql`${crisisCases.openedOn} desc nulls last`],
    workers: [sql`${crisisCases.workersAffected} desc`],
  });
  return listRows(conn, crisisCases, query, where, order);
}
