import { and, sql } from 'drizzle-orm';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { profiles } from '../../db/schema.js';
import { ascNullsLast, textMatches } from '../shared/list-query.js';
import { listOwnedRows, type OwnedList } from '../shared/owned-list.js';
import { readScopeFilter } from '../shared/versioned.js';
import type { ProfileListQuery } from './profiles.schema.js';

/**
 * A name, reference or e-mail matches only among the profiles whose personal data the principal may read
 * (the policy's `read_personal`): another desk's person is never found by a name typed in the box.
 */
const PROFILE_LIST: OwnedList<typeof profiles> = {
  table: profiles,
  kind: 'profile',
  owner: { deskId: profiles.deskId },
  text: {
    columns: [profiles.code],
    more: (pattern, principal) => [
      and(
        readScopeFilter(principal, 'profile', { deskId: profiles.deskId }, 'read_personal'),
        textMatches(pattern, [
          sql`${profiles.firstName} || ' ' || ${profiles.lastName}`,
          sql`${profiles.lastName} || ' ' || ${profiles.firstName}`,
          profiles.externalRef,
          profiles.email,
        ]),
      ),
    ],
  },
  filters: ['employmentStatus', 'deskId', 'crisisCaseId'],
  // Desired paths and supply chains are lists on the profile: any shared value matches.
  anyOf: { desiredPath: profiles.desiredPaths, supplyChain: profiles.supplyChains },
  sorts: { code: [profiles.code], available: [ascNullsLast(profiles.availableFrom)] },
};

/** The profiles a principal may read that match the list's text, filters and sort. */
export const listProfileRows = (conn: DbOrTx, query: ProfileListQuery, principal: Principal) =>
  listOwnedRows(conn, PROFILE_LIST, query, principal);
