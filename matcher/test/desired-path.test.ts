// A person's desired paths and an opportunity's kind are two vocabularies of the server (a wish, and the
// kind of a venture); the matcher reads both as the server stores them and links them in one table.
import { describe, expect, it } from 'vitest';
import { scorePersonForRole, type OpportunityKind, type DesiredPath } from '../src/index.js';
import { knowledge, makeOpportunity, makeProfile, OCC } from './helpers.js';

const role = { id: 'weld', occupationUri: OCC.welder, iscoGroup: '7212', count: 1, keySkills: [] };

function pathReason(paths: DesiredPath[], kind: OpportunityKind) {
  const p = makeProfile({
    desiredPaths: paths,
    occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 3 }],
  });
  const r = scorePersonForRole(p, makeOpportunity({ kind, roles: [role] }), role, knowledge);
  return r.components.find((c) => c.name === 'path')!;
}

describe('a desired path counts for the kinds of venture it leads to', () => {
  it.each<[DesiredPath, OpportunityKind]>([
    ['workers_buy_out', 'wbo'],
    ['spin_off', 'spin_off'],
    ['start_up', 'start_up'],
    ['community_coop', 'community_coop'],
  ])('%s is wanted for a %s', (path, kind) => {
    expect(pathReason([path], kind)).toMatchObject({ value: 1, reason: { code: 'wanted' } });
  });

  it('a workers buy-out wish does not count for a start-up, nor any wish for a management buy-out', () => {
    expect(pathReason(['workers_buy_out'], 'start_up')).toMatchObject({
      value: 0,
      reason: { code: 'not_stated' },
    });
    const all: DesiredPath[] = ['employment', 'start_up', 'workers_buy_out', 'spin_off', 'community_coop'];
    expect(pathReason(all, 'mbo')).toMatchObject({ value: 0, reason: { code: 'not_stated' } });
  });
});
