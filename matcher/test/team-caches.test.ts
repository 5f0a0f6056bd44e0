import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personSkills } from '../src/components/skills.js';
import { PoolEvidence } from '../src/components/evidence.js';
import {
  buildTeam,
  DEFAULT_CONFIG,
  PoolEvidenceCache,
  SkillViewCache,
  type OpportunityInput,
  type ScoringConfig,
  type ScoringProfile,
} from '../src/index.js';
import { profileArb } from './arbitraries.js';
import { knowledge, makeOpportunity, makeProfile, OCC, SK } from './helpers.js';

const opp: OpportunityInput = makeOpportunity({
  roles: [
    {
      id: 'weld',
      occupationUri: OCC.welder,
      iscoGroup: '7212',
      count: 2,
      keySkills: [SK.tigWelding, SK.operateWeldingEquipment],
    },
    { id: 'pm', occupationUri: OCC.metalProductionManager, iscoGroup: '1321', count: 1, keySkills: [] },
  ],
});

const welder = (id: string, skills: ScoringProfile['skills']): ScoringProfile =>
  makeProfile({
    id,
    occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 4 }],
    skills,
    crisisCaseId: 'case-yard',
  });
/** A cook of the same crisis: no evidence for a welder's seat unless they hold a welding skill. */
const cook = (id: string, skills: ScoringProfile['skills']): ScoringProfile =>
  makeProfile({
    id,
    occupations: [{ uri: OCC.cook, iscoGroup: '5120', years: 4 }],
    skills,
    crisisCaseId: 'case-yard',
  });

const kept = () => ({ skillViews: new SkillViewCache(knowledge), pools: new PoolEvidenceCache() });

describe('what the server keeps between team runs', () => {
  it('changes no team: repeated runs with kept views and postings equal fresh runs', () => {
    fc.assert(
      fc.property(fc.uniqueArray(profileArb(), { selector: (p) => p.id, maxLength: 25 }), (pool) => {
        const cache = kept();
        const fresh = buildTeam(opp, pool, knowledge);
        expect(buildTeam(opp, pool, knowledge, DEFAULT_CONFIG, cache)).toEqual(fresh);
        expect(buildTeam(opp, pool, knowledge, DEFAULT_CONFIG, cache)).toEqual(fresh);
      }),
      { numRuns: 40 },
    );
  });

  it('sees a changed person at once: a new profile object is never served the old view or postings', () => {
    const cache = kept();
    const pool = [cook('a', []), cook('b', []), cook('c', [])];
    const before = buildTeam(opp, pool, knowledge, DEFAULT_CONFIG, cache);
    expect(before.roles[0]!.members.map((m) => m.id)).toEqual([]);
    // the cook 'b' learns TIG welding: the match index replaces the profile's object.
    const changed = [pool[0]!, cook('b', [{ uri: SK.tigWelding, source: 'certified' }]), pool[2]!];
    const after = buildTeam(opp, changed, knowledge, DEFAULT_CONFIG, cache);
    expect(after).toEqual(buildTeam(opp, changed, knowledge));
    expect(after.roles[0]!.members.map((m) => m.id)).toContain('b');
  });

  it('starts over when an admin changes the skill credits', () => {
    const pool = [welder('a', [{ uri: SK.tigWelding, source: 'inferred' }]), welder('b', [])];
    const cache = kept();
    buildTeam(opp, pool, knowledge, DEFAULT_CONFIG, cache);
    const config: ScoringConfig = {
      ...DEFAULT_CONFIG,
      skills: { ...DEFAULT_CONFIG.skills, inferred: DEFAULT_CONFIG.skills.inferred / 2 },
    };
    expect(buildTeam(opp, pool, knowledge, config, cache)).toEqual(buildTeam(opp, pool, knowledge, config));
  });

  it('keeps pools within its budget of posting entries, the least recently used leaving first', () => {
    const make = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) =>
        welder(`${prefix}${i}`, [{ uri: SK.tigWelding, source: 'declared' }]),
      );
    const pools = [make('a', 10), make('b', 10), make('c', 10)];
    const evidence = pools.map((p) => new PoolEvidence(p, knowledge, DEFAULT_CONFIG));
    const weight = evidence[0]!.entries + pools[0]!.length;
    expect(weight).toBeGreaterThan(10);
    // Room for two pools, not three.
    const cache = new PoolEvidenceCache(2 * weight + 1);
    pools.forEach((p, i) => cache.keep(p, DEFAULT_CONFIG, evidence[i]!));
    expect(cache.size).toBe(2);
    expect(cache.find(pools[0]!, DEFAULT_CONFIG)).toBeUndefined();
    expect(cache.find(pools[2]!, DEFAULT_CONFIG)).toBe(evidence[2]);
    // 'b' is used again, so 'c' is the least recent when 'a' comes back.
    expect(cache.find(pools[1]!, DEFAULT_CONFIG)).toBe(evidence[1]);
    cache.keep(pools[0]!, DEFAULT_CONFIG, evidence[0]!);
    expect(cache.find(pools[2]!, DEFAULT_CONFIG)).toBeUndefined();
    expect(cache.find(pools[1]!, DEFAULT_CONFIG)).toBe(evidence[1]);
    // A pool larger than the whole budget is still kept, alone.
    const small = new PoolEvidenceCache(1);
    small.keep(pools[0]!, DEFAULT_CONFIG, evidence[0]!);
    expect(small.find(pools[0]!, DEFAULT_CONFIG)).toBe(evidence[0]);
  });

  it('holds at most its capacity of skill views, dropping the least recently used', () => {
    const views = new SkillViewCache(knowledge, 3);
    const people = ['a', 'b', 'c', 'd'].map((id) => welder(id, [{ uri: SK.tigWelding, source: 'declared' }]));
    const c = DEFAULT_CONFIG.skills;
    const first = views.view(people[0]!, c);
    expect(first).toEqual(personSkills(people[0]!, knowledge, c));
    views.view(people[1]!, c);
    views.view(people[2]!, c);
    expect(views.view(people[0]!, c)).toBe(first); // used again: now the most recent
    views.view(people[3]!, c); // 'b' leaves
    expect(views.size).toBe(3);
    expect(views.view(people[0]!, c)).toBe(first);
    expect(views.view(people[1]!, c)).not.toBe(undefined);
    expect(views.size).toBe(3);
  });
});
