import { and, arrayOverlaps, sql, type SQL } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { profiles } from '../../db/schema.js';
import {
  ascNullsLast,
  filtersOf,
  listRows,
  placeFilters,
  searchText,
  sortOrder,
  textMatches,
} from '../shared/list-query.js';
import { readScopeFilter } from '../shared/versioned.js';
import type { ProfileListQuery } from './profiles.schema.js';

const place = { country: profiles.municipalityCountry, code: profiles.municipalityCode };

/**
 * The profiles a principal may read that match the list's text, filters and sort. A name, reference or
 * e-mail matches only among the profiles whose personal data the principal may read (the policy's
 * `read_personal`): another desk's person is never found by a name typed in the box.
 */
export function listProfileRows(conn: DbOrTx, query: ProfileListQuery, principal: Principal) {
  const desk = { deskId: profiles.deskId };
  const where: (SQL | undefined)[] = [
    readScopeFilter(principal, 'profile', desk),
    searchText(query.q, {
      columns: [profiles.code],
      place,
      more: (pattern) => [
        and(
          readScopeFilter(principal, 'profile', desk, 'read_personal'),
          textMatches(pattern, [
            sql`${profiles.firstName} || ' ' || ${profiles.lastName}`,
            sql`${profiles.lastName} || ' ' || ${profiles.firstName}`,
            profiles.externalRef,
            profiles.email,
          ]),
        ),
      ],
    }),
    ...filtersOf(query, {
      employmentStatus: profiles.employmentStatus,
      deskId: profiles.deskId,
      crisisCaseId: profiles.crisisCaseId,
    }),
    ...placeFilters(query, place),
  ];
  // Desired paths and supply chains are lists on the profile: any shared value matches.
  if (query.desiredPath) where.push(arrayOverlaps(profiles.desiredPaths, query.desiredPath));
  if (query.supplyChain) where.push(arrayOverlaps(profiles.supplyChains, query.supplyChain));
  const order = sortOrder(profiles, query.sort, {
    code: [profiles.code],
    available: [ascNullsLast(profiles.availableFrom)],
  });
  return listRows(conn, profiles, query, where, order);
}
