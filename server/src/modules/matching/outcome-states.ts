import { allows } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { DbOrTx } from '../../db/client.js';
import { profileOwners } from '../profiles/index.js';
import { nextOutcomes, stateOf } from './outcome-flow.js';
import { needCandidateHistories } from './outcome-flow.repository.js';

/**
 * Where each candidate of a need stands, for the candidate cards: the state, since when, and the outcomes
 * that may be recorded next. Only the candidates whose outcomes the caller may record (their profile's
 * desk, under the policy) are listed: another desk's people are not its to follow up.
 */
export async function outcomeStates(db: DbOrTx, needId: string, principal: Principal) {
  const histories = await needCandidateHistories(db, needId);
  const owners = await profileOwners(db, [...histories.keys()]);
  const states = [];
  for (const [profileId, history] of histories) {
    const owner = owners.get(profileId);
    if (!owner || owner.endedAt || !allows(principal, 'write', 'outcome', { deskId: owner.deskId })) continue;
    const { state, since } = stateOf(history);
    states.push({
      profileId,
      state,
      since: since?.toISOString() ?? null,
      next: [...nextOutcomes(state)],
    });
  }
  return states;
}
