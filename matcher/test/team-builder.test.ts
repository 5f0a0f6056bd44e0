import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayHaveEvidence, PoolEvidence, roleEvidence } from '../src/components/evidence.js';
import { roleFit } from '../src/score-role.js';
import { LOCAL_OCCUPATION, LOCAL_SKILL, needArb, profileArb, withLocalConcepts } from './arbitraries.js';
import {
  DEFAULT_CONFIG,
  explain,
  rolesForPerson,
  scorePersonForRole,
  buildTeam,
  compareResults,
  teamSteps,
  CandidateIndex,
  teamPool,
  type OpportunityInput,
  type ScoringProfile,
} from '../src/index.js';
import {
  iscoOf,
  knowledge,
  label,
  makeOpportunity,
  makeProfile,
  OCC,
  PLACES,
  runCountingSteps,
  SK,
} from './helpers.js';

const welder = (id: string, extra: Partial<ScoringProfile> = {}): ScoringProfile =>
  makeProfile({
    id,
    occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 5 }],
    skills: [{ uri: SK.tigWelding, source: 'declared' }],
    crisisCaseId: 'case-yard',
    desiredPaths: ['workers_buy_out'],
    ...extra,
  });

const wbo: OpportunityInput = makeOpportunity({
  roles: [
    { id: 'pm', occupationUri: OCC.metalProductionManager, iscoGroup: '1321', count: 1, keySkills: [] },
    {
      id: 'weld',
      occupationUri: OCC.welder,
      iscoGroup: '7212',
      count: 4,
      keySkills: [SK.tigWelding, SK.operateWeldingEquipment],
    },
    { id: 'admin', occupationUri: OCC.administrativeAssistant, iscoGroup: '3343', count: 1, keySkills: [] },
  ],
});

const pool: ScoringProfile[] = [
  makeProfile({
    id: 'm1',
    occupations: [{ uri: OCC.metalProductionManager, iscoGroup: '1321', years: 12 }],
    crisisCaseId: 'case-yard',
    desiredPaths: ['workers_buy_out'],
  }),
  welder('w1'),
  welder('w2'),
  welder('w3'),
  // Same crisis case but lives far: never excluded by distance from their own plant.
  welder('w6', { home: PLACES.genova, mobilityKm: 10 }),
  // Nearby pipe welder from no crisis case, MIG only.
  welder('w4', {
    occupations: [{ uri: OCC.pipeWelder, iscoGroup: '7212', years: 3 }],
    skills: [{ uri: SK.migWelding, source: 'declared' }],
    crisisCaseId: null,
    home: PLACES.sarzana,
  }),
  // Another case, beyond both radii: excluded.
  welder('w5', { crisisCaseId: 'case-other', home: PLACES.cagliari, mobilityKm: 20 }),
  makeProfile({
    id: 'c1',
    occupations: [{ uri: OCC.cook, iscoGroup: '5120', years: 10 }],
    skills: [{ uri: SK.useCookingTechniques, source: 'declared' }],
    crisisCaseId: 'case-yard',
    desiredPaths: ['workers_buy_out'],
  }),
];

describe('team builder: a WBO needing 1 production manager, 4 welders, 1 administrator', () => {
  const team = buildTeam(wbo, pool, knowledge);
  const role = (id: string) => team.roles.find((r) => r.roleId === id)!;

  it.each([
    ['pm', 1, 1, 0, ['m1']],
    ['weld', 4, 4, 0, ['w1', 'w2', 'w3', 'w6']],
    ['admin', 1, 0, 1, []],
  ])('role %s: required %d, filled %d, missing %d', (id, required, filled, missing, members) => {
    const r = role(id);
    expect([r.required, r.filled, r.missing]).toEqual([required, filled, missing]);
    expect(r.members.map((m) => m.id).sort()).toEqual(members);
  });

  it('names the missing roles and reports coverage and team score', () => {
    expect(team.missingRoles).toEqual([{ roleId: 'admin', missing: 1 }]);
    expect(team.coverage).toBeCloseTo(5 / 6, 12);
    const sum = team.roles.flatMap((r) => r.members).reduce((s, m) => s + m.score, 0);
    expect(team.teamScore).toBeCloseTo(sum / 6, 12);
    expect(team.engineVersion).toMatch(/^\d+\.\d+\.\d+$/);
  });

  it('prefers the crisis case, keeps the nearby pipe welder as an alternate, never uses the cook or the excluded welder', () => {
    expect(role('weld').alternates.map((a) => a.id)).toEqual(['w4']);
    const used = team.roles.flatMap((r) => [...r.members, ...r.alternates]).map((m) => m.id);
    expect(used).not.toContain('w5');
    expect(used).not.toContain('c1');
  });

  it('builds its pool from the crisis case first, then nearby workers', () => {
    const index = new CandidateIndex(knowledge, undefined, pool);
    expect(teamPool(index, wbo).map((p) => p.id)).toEqual(['m1', 'w1', 'w2', 'w3', 'w6', 'c1', 'w4']);
  });
});

describe('team builder improvement step', () => {
  it('moves a versatile person to the role only they can fill, and refills their seat', () => {
    // x is the best welder and also the only marine mechanic; greedy alone would leave the mechanic seat empty.
    const x = welder('x', {
      occupations: [
        { uri: OCC.welder, iscoGroup: '7212', years: 5 },
        { uri: OCC.marineMechanic, iscoGroup: '7233', years: 2 },
      ],
      skills: [
        { uri: SK.tigWelding, source: 'certified' },
        { uri: SK.operateWeldingEquipment, source: 'declared' },
      ],
    });
    const y = welder('y', { crisisCaseId: null });
    const opp = makeOpportunity({
      roles: [
        {
          id: 'weld',
          occupationUri: OCC.welder,
          iscoGroup: '7212',
          count: 1,
          keySkills: [SK.tigWelding, SK.operateWeldingEquipment],
        },
        {
          id: 'mech',
          occupationUri: OCC.marineMechanic,
          iscoGroup: '7233',
          count: 1,
          keySkills: [SK.repairEngines],
        },
      ],
    });
    const team = buildTeam(opp, [y, x], knowledge);
    expect(team.missingRoles).toEqual([]);
    expect(team.roles.map((r) => [r.roleId, r.members.map((m) => m.id)])).toEqual([
      ['weld', ['y']],
      ['mech', ['x']],
    ]);
  });

  it('is deterministic and assigns each person at most once, whatever the pool order', () => {
    fc.assert(
      fc.property(fc.shuffledSubarray(pool, { minLength: pool.length }), (shuffled) => {
        const t = buildTeam(wbo, shuffled, knowledge);
        expect(t).toEqual(buildTeam(wbo, pool, knowledge));
        const ids = t.roles.flatMap((r) => r.members.map((m) => m.id));
        expect(new Set(ids).size).toBe(ids.length);
        for (const r of t.roles) expect(r.members.length).toBeLessThanOrEqual(r.required);
      }),
      { numRuns: 50 },
    );
  });

  it('takes a person listed twice once, as the pool first lists them', () => {
    // The second listing of w1 is a different record (no welding skill): the first one counts.
    const twice = [...pool.slice(0, 2), welder('w1', { skills: [] }), ...pool.slice(2)];
    expect(buildTeam(wbo, twice, knowledge)).toEqual(buildTeam(wbo, pool, knowledge));
    const reversed = [welder('w1', { skills: [] }), ...pool];
    expect(buildTeam(wbo, reversed, knowledge)).not.toEqual(buildTeam(wbo, pool, knowledge));
  });
});

describe('lean pair scores', () => {
  it('roleFit gives exactly the score, exclusion and evidence of the explained result', () => {
    fc.assert(
      fc.property(
        profileArb(),
        needArb(),
        fc.option(fc.constantFrom('case-a', 'case-b'), { nil: null }),
        (p, n, caseId) => {
          const opp = makeOpportunity({
            crisisCaseId: caseId,
            startDate: n.startDate,
            place: n.place,
            radiusKm: n.radiusKm,
          });
          const role = {
            id: 'r',
            occupationUri: n.occupationUri,
            iscoGroup: n.iscoGroup,
            count: 1,
            keySkills: n.essentialSkills,
          };
          const full = scorePersonForRole(p, opp, role, knowledge);
          const lean = roleFit(p, opp, role, knowledge);
          expect(lean.score).toBe(full.score);
          expect(lean.excluded).toBe(full.exclusions.length > 0);
          expect(lean.occupation).toBe(full.components.find((c) => c.name === 'occupation')!.value);
          expect(lean.anySkill).toBe(full.skills!.missing.length < new Set(role.keySkills).size);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('team builder pre-filter', () => {
  it('never skips a pair the evidence rule would accept', () => {
    fc.assert(
      fc.property(profileArb(), needArb(), (p, n) => {
        const role = {
          id: 'r',
          occupationUri: n.occupationUri,
          iscoGroup: n.iscoGroup,
          count: 1,
          keySkills: n.essentialSkills,
        };
        const r = scorePersonForRole(p, makeOpportunity(), role, knowledge);
        const occ = r.components.find((c) => c.name === 'occupation')!.value;
        const skillEvidence = role.keySkills.length > 0 && r.skills!.missing.length < role.keySkills.length;
        if (occ >= 0.4 - 1e-12 || skillEvidence)
          expect(
            mayHaveEvidence(p, roleEvidence(role, knowledge, DEFAULT_CONFIG), knowledge, DEFAULT_CONFIG),
          ).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

describe('pool evidence postings', () => {
  it('select exactly the people mayHaveEvidence accepts', () => {
    fc.assert(
      fc.property(
        fc.array(withLocalConcepts(profileArb()), { maxLength: 30 }),
        needArb(),
        fc.boolean(),
        (people, n, local) => {
          // A role may ask for what the knowledge does not list, as a person may hold it.
          const role = {
            id: 'r',
            occupationUri: local ? LOCAL_OCCUPATION : n.occupationUri,
            // Without an ISCO group the local occupation is found by its URI alone.
            iscoGroup: local ? (n.positions % 2 === 0 ? '' : '7215') : n.iscoGroup,
            count: 1,
            keySkills: local ? [...n.essentialSkills, LOCAL_SKILL] : n.essentialSkills,
          };
          const ev = roleEvidence(role, knowledge, DEFAULT_CONFIG);
          const expected = people.flatMap((p, i) =>
            mayHaveEvidence(p, ev, knowledge, DEFAULT_CONFIG) ? [i] : [],
          );
          expect(new PoolEvidence(people, knowledge, DEFAULT_CONFIG).candidates(ev)).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('person → opportunity roles (the other direction)', () => {
  it('lists the roles that fit a welder, best first, with the opportunity and role in the id', () => {
    const other = makeOpportunity({
      id: 'o2',
      crisisCaseId: 'case-other',
      place: PLACES.cagliari,
      roles: wbo.roles,
    });
    const ranked = rolesForPerson(welder('w1'), [wbo, other], knowledge, 10);
    expect(ranked[0]!.id).toBe('o1#weld');
    expect(ranked.every((r) => r.subjectId === 'w1' && r.exclusions.length === 0)).toBe(true);
    // Cagliari is beyond both radii for a La Spezia welder of another crisis case.
    expect(ranked.some((r) => r.id.startsWith('o2#'))).toBe(false);
    for (const lang of ['it', 'fr', 'en'] as const) {
      const e = explain(ranked[0]!, lang, { label });
      expect(e.lines.length).toBeGreaterThanOrEqual(ranked[0]!.components.length);
      expect(e.lines.join(' ')).not.toMatch(/\{\w+\}/);
    }
  });
});

describe('person → opportunity roles: the quick fit picks, the full score explains', () => {
  const roleArb = fc.record({
    id: fc.constantFrom('r1', 'r2', 'r3'),
    occupationUri: fc.constantFrom(...Object.values(OCC)),
    count: fc.integer({ min: 1, max: 3 }),
    keySkills: fc.uniqueArray(fc.constantFrom(...Object.values(SK)), { maxLength: 4 }),
  });
  const opportunityArb = (id: string) =>
    fc
      .record({
        roles: fc.uniqueArray(roleArb, { minLength: 1, maxLength: 3, selector: (r) => r.id }),
        place: fc.constantFrom(...Object.values(PLACES)),
        crisisCaseId: fc.option(fc.constantFrom('case-a', 'case-b'), { nil: null }),
        radiusKm: fc.integer({ min: 10, max: 120 }),
      })
      .map(({ roles, ...rest }) =>
        makeOpportunity({
          id,
          ...rest,
          roles: roles.map((r) => ({ ...r, iscoGroup: iscoOf(r.occupationUri) })),
        }),
      );

  it('lists what scoring every role in full and sorting lists', () => {
    fc.assert(
      fc.property(
        profileArb(),
        fc.tuple(opportunityArb('o1'), opportunityArb('o2'), opportunityArb('o3')),
        fc.integer({ min: 1, max: 6 }),
        (person, opportunities, limit) => {
          const every = opportunities
            .flatMap((opp) => opp.roles.map((role) => scorePersonForRole(person, opp, role, knowledge)))
            .filter((r) => r.exclusions.length === 0)
            .map((r) => ({ ...r, id: r.subjectId, subjectId: person.id }))
            .sort(compareResults)
            .slice(0, limit);
          expect(rolesForPerson(person, opportunities, knowledge, limit)).toEqual(every);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('team builder in steps', () => {
  it('gives the result of buildTeam, in many short steps for a large pool', () => {
    const pool = Array.from({ length: 1200 }, (_, i) =>
      welder(`w${String(i).padStart(4, '0')}`, {
        skills: i % 3 === 0 ? [{ uri: SK.tigWelding, source: 'declared' }] : [],
        crisisCaseId: i % 2 === 0 ? 'case-yard' : null,
      }),
    );
    const { value: team, steps: count } = runCountingSteps(teamSteps(wbo, pool, knowledge));
    expect(team).toEqual(buildTeam(wbo, pool, knowledge));
    // People indexed 500 at a time: the work is cut, not done at once.
    expect(count).toBeGreaterThanOrEqual(Math.floor(pool.length / 500) + wbo.roles.length);
  });

  it('fits a role with many candidates a slice at a time', () => {
    // Every worker is a candidate for the welder role (all weld): 9,000 fits must not be one step.
    const pool = Array.from({ length: 9000 }, (_, i) =>
      welder(`w${String(i).padStart(5, '0')}`, { crisisCaseId: i % 2 === 0 ? 'case-yard' : null }),
    );
    const { value: team, steps: count } = runCountingSteps(teamSteps(wbo, pool, knowledge));
    const indexing = Math.floor(pool.length / 500);
    const fitting = Math.floor(team.pairsScored / 500);
    expect(fitting).toBeGreaterThanOrEqual(4);
    expect(count).toBeGreaterThanOrEqual(indexing + fitting + 2 * wbo.roles.length);
    expect(team).toEqual(buildTeam(wbo, pool, knowledge));
  });
});
