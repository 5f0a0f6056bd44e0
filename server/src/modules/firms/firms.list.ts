import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { firms } from '../../db/schema.js';
import { byText } from '../shared/list-query.js';
import { listOwnedRows, type OwnedList } from '../shared/owned-list.js';
import type { FirmListQuery } from './firms.schema.js';

/** A tax number is typed whole or in part, so it is searched as text like the name. */
const FIRM_LIST: OwnedList<typeof firms> = {
  table: firms,
  kind: 'firm',
  owner: { deskId: firms.deskId, firmId: firms.id },
  text: { columns: [firms.name, firms.vatNumber, firms.siret] },
  filters: ['sizeBand', 'state', 'country', 'deskId'],
  // A firm works in several supply chains: any shared one matches.
  anyOf: { supplyChain: firms.supplyChains },
  sorts: { name: [byText(firms.name)] },
};

/** The firms a principal may read that match the list's text, filters and sort. */
export const listFirmRows = (conn: DbOrTx, query: FirmListQuery, principal: Principal) =>
  listOwnedRows(conn, FIRM_LIST, query, principal);
