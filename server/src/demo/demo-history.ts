/**
 * A year of desk work for the demo network, so the dashboard's matching charts and outcome funnels are
 * not empty on a fresh start: for some open job needs, the desk's own people with the asked occupation
 * were approved or turned down, and the approved went on (contacted, interviewed, hired or not,
 * withdrawn) at rates a placement desk would recognise. Every step follows the outcome rules
 * (outcome-flow.ts). Dates count back from the demo's "today"; ids are derived from the seed, so loading
 * it again inserts nothing.
 */
import { sql } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { queryRows } from '../db/raw.js';
import { matchDecisions, matchOutcomes } from '../db/schema.js';
import { insertChunked } from '../reference/rows.js';
import { DEMO_SIZE } from './demo.generator.js';
import { deterministicUuid, Rng } from './prng.js';

const DAY_MS = 86_400_000;
/** Job needs given a history, and candidates considered for each. */
const NEEDS_WITH_HISTORY = 160;
const CANDIDATES_PER_NEED = 4;

type DecisionRow = typeof matchDecisions.$inferInsert;
type OutcomeRow = typeof matchOutcomes.$inferInsert;

export interface DemoHistory {
  decisions: DecisionRow[];
  outcomes: OutcomeRow[];
}

/**
 * The history of the given (need, candidate) pairs. Pure: the same pairs, seed and day give the same rows.
 * Steps follow each other by a few days, and none is later than `today`.
 */
export function planDemoHistory(
  pairs: ReadonlyArray<{ needId: string; profileId: string }>,
  options: { seed: number; today: string },
): DemoHistory {
  const rng = new Rng(options.seed, 'history');
  const today = new Date(`${options.today}T12:00:00Z`).getTime();
  const decisions: DecisionRow[] = [];
  const outcomes: OutcomeRow[] = [];
  pairs.forEach((pair, i) => {
    // More recent work is likelier: a desk's caseload grows as a crisis unfolds.
    const daysAgo = Math.round(330 * rng.float() ** 1.6) + 21;
    let at = today - daysAgo * DAY_MS + rng.int(0, 8) * 3_600_000;
    const roll = rng.float();
    const action = roll < 0.68 ? 'approve' : roll < 0.88 ? 'reject' : 'shortlist';
    decisions.push({
      id: deterministicUuid(options.seed, 'history-decision', i),
      at: new Date(at),
      subjectType: 'need',
      subjectId: pair.needId,
      candidateType: 'profile',
      candidateId: pair.profileId,
      action,
      reasonCode:
        action === 'reject'
          ? rng.pick(['skills_gap', 'too_far', 'not_available', 'better_candidate'])
          : 'good_fit',
      originalRank: (i % CANDIDATES_PER_NEED) + 1,
    });
    if (action !== 'approve') return;
    const steps: string[] = [];
    if (rng.chance(0.82)) {
      steps.push('contacted');
      if (rng.chance(0.6)) {
        steps.push('interviewed');
        steps.push(rng.chance(0.5) ? 'hired' : 'not_hired');
      } else if (rng.chance(0.3)) steps.push(rng.chance(0.5) ? 'not_hired' : 'withdrawn');
    } else if (rng.chance(0.4)) steps.push('withdrawn');
    for (const [k, outcome] of steps.entries()) {
      at += rng.int(2, 12) * DAY_MS;
      // The story stops at the demo's today: later steps have not happened yet.
      if (at > today) break;
      outcomes.push({
        id: deterministicUuid(options.seed, 'history-outcome', i * 8 + k),
        at: new Date(at),
        needId: pair.needId,
        profileId: pair.profileId,
        outcome,
      });
    }
  });
  return { decisions, outcomes };
}

/**
 * Writes the history for the demo network once: its open job needs that have a desk, each with the desk's
 * people holding the asked occupation (in a fixed, seed-independent order). Returns the rows offered.
 */
export async function ensureDemoHistory(db: Database, options = DEMO_SIZE): Promise<number> {
  const pairs = await queryRows<{ needId: string; profileId: string }>(
    db,
    sql`select n.id as "needId", p.id as "profileId"
        from (select id, desk_id, occupation_uri from needs
              where type = 'job' and desk_id is not null and ended_at is null
              order by id limit ${NEEDS_WITH_HISTORY}) n
        cross join lateral (
          select pr.id from profiles pr
          join profile_occupations po on po.profile_id = pr.id and po.occupation_uri = n.occupation_uri
          where pr.desk_id = n.desk_id and pr.ended_at is null
          order by md5(pr.id::text || n.id::text)
          limit ${CANDIDATES_PER_NEED}) p
        order by n.id, p.id`,
  );
  const history = planDemoHistory(pairs, options);
  await db.transaction(async (tx) => {
    await insertChunked(tx, matchDecisions, history.decisions);
    await insertChunked(tx, matchOutcomes, history.outcomes);
  });
  return history.decisions.length + history.outcomes.length;
}
