import { arrayOverlaps, type SQL } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { firms } from '../../db/schema.js';
import { byText, filtersOf, listRows, placeFilters, searchText, sortOrder } from '../shared/list-query.js';
import { readScopeFilter } from '../shared/versioned.js';
import type { FirmListQuery } from './firms.schema.js';

const place = { country: firms.municipalityCountry, code: firms.municipalityCode };

/**
 * The firms a principal may read that match the list's text, filters and sort. A tax number is typed
 * whole or in part, so it is searched as text like the name.
 */
export function listFirmRows(conn: DbOrTx, query: FirmListQuery, principal: Principal) {
  const where: (SQL | undefined)[] = [
    readScopeFilter(principal, 'firm', { deskId: firms.deskId, firmId: firms.id }),
    searchText(query.q, { columns: [firms.name, firms.vatNumber, firms.siret], place }),
    ...filtersOf(query, {
      sizeBand: firms.sizeBand,
      state: firms.state,
      country: firms.country,
      deskId: firms.deskId,
    }),
    ...placeFilters(query, place),
  ];
  // A firm works in several supply chains: any shared one matches.
  if (query.supplyChain) where.push(arrayOverlaps(firms.supplyChains, query.supplyChain));
  const order = sortOrder(firms, query.sort, { name: [byText(firms.name)] });
  return listRows(conn, firms, query, where, order);
}
