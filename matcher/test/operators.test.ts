import { describe, expect, it } from 'vitest';
import {
  buildKnowledge,
  CandidateIndex,
  EMPTY_KNOWLEDGE,
  explainAll,
  OPERATOR_OCCUPATIONS,
  operatorBasis,
  operatorsForAsset,
  whoCanOperate,
  type Knowledge,
  type ScoringProfile,
} from '../src/index.js';
import { readReference } from '../bench/reference.js';
import { makeAsset, makeProfile, PLACES } from './helpers.js';

const occupations = readReference('esco_occupations');
const byUri = new Map(occupations.map((o) => [o.uri!, o]));
const byLabel = new Map(occupations.map((o) => [o.label_en!, o]));
const iscoCodes = new Set(readReference('isco08_groups').map((g) => g.code!));

/** Knowledge over the occupations the tests use, from the bundled reference data. */
function referenceKnowledge(labels: string[]): Knowledge {
  const uris = new Set(labels.map((l) => byLabel.get(l)!.uri!));
  for (const e of Object.values(OPERATOR_OCCUPATIONS)) for (const o of e.occupations) uris.add(o.uri);
  return buildKnowledge({
    skillBroader: [],
    occupations: occupations.map((o) => ({ uri: o.uri!, iscoGroup: o.isco_group! })),
    occupationSkills: readReference('esco_occupation_skills')
      .filter((r) => uris.has(r.occupation_uri!))
      .map((r) => ({
        occupationUri: r.occupation_uri!,
        skillUri: r.skill_uri!,
        relation: r.relation as 'essential' | 'optional',
      })),
  });
}

const LABELS = ['lathe and turning machine operator', 'metalworking lathe operator', 'welder', 'cook'];
const k = referenceKnowledge(LABELS);

function worker(id: string, label: string, years = 4, extra: Partial<ScoringProfile> = {}): ScoringProfile {
  const o = byLabel.get(label)!;
  return makeProfile({
    id,
    occupations: [{ uri: o.uri!, iscoGroup: o.isco_group!, years }],
    skills: [],
    ...extra,
  });
}

describe('the category → occupation table matches the bundled reference data', () => {
  it.each(Object.entries(OPERATOR_OCCUPATIONS))('%s', (_, entry) => {
    for (const g of entry.iscoGroups) {
      expect(iscoCodes.has(g), `ISCO ${g}`).toBe(true);
      expect(g).toMatch(/^\d{4}$/);
    }
    expect(entry.occupations.length).toBeGreaterThan(0);
    for (const o of entry.occupations) {
      const row = byUri.get(o.uri);
      expect(row, o.uri).toBeDefined();
      expect(row!.isco_group).toBe(o.iscoGroup);
      expect(entry.iscoGroups).toContain(o.iscoGroup);
    }
  });
});

describe('who can operate an asset (issue 17 B, audit M16)', () => {
  // A generic skill like the audit's CNC lathe ("quality standards"): nothing in it points to lathe work.
  const GENERIC = 'http://data.europa.eu/esco/skill/generic-quality-standards';
  const lathe = makeAsset({
    id: 'cnc-lathe',
    kind: 'machine',
    category: 'machine_tools',
    requiredSkills: [GENERIC],
    location: PLACES.laSpezia,
  });

  it('lathe operators rank above welders (regression: a welder ranked above most lathe operators)', () => {
    const pool = [
      worker('a-welder', 'welder', 12, { skills: [{ uri: GENERIC, source: 'certified' }] }),
      worker('lathe-1', 'lathe and turning machine operator', 2),
      worker('lathe-2', 'metalworking lathe operator', 6),
    ];
    const ids = operatorsForAsset(lathe, pool, k, 10).map((r) => r.id);
    expect(ids.slice(0, 2).sort()).toEqual(['lathe-1', 'lathe-2']);
    expect(ids[2]).toBe('a-welder');
  });

  it('derives the needed skills from the occupations that run the category', () => {
    const basis = operatorBasis(lathe, k);
    expect(basis.iscoGroups).toEqual(['7223']);
    expect(basis.skills[0]).toBe(GENERIC);
    expect(basis.skills.length).toBeGreaterThan(1);
    expect(basis.skills.length).toBeLessThanOrEqual(13);
    const essential = new Set(
      readReference('esco_occupation_skills')
        .filter((r) => r.relation === 'essential')
        .filter((r) =>
          OPERATOR_OCCUPATIONS.machine_tools!.occupations.some((o) => o.uri === r.occupation_uri),
        )
        .map((r) => r.skill_uri!),
    );
    for (const s of basis.skills.slice(1)) expect(essential.has(s)).toBe(true);
  });

  it('an asset with nothing to go on says so instead of scoring everybody 100 (regression)', () => {
    const office = makeAsset({ id: 'desk', kind: 'equipment', category: 'office', requiredSkills: [] });
    const pool = [worker('a', 'welder'), worker('b', 'cook')];
    const found = whoCanOperate(office, pool, k, 10);
    expect(found.results).toEqual([]);
    expect(found.noBasis?.code).toBe('no_operator_basis');
    expect(operatorsForAsset(office, pool, k, 10)).toEqual([]);
    expect(new CandidateIndex(k, undefined, pool).topKForAsset(office, 10).results).toEqual([]);
  });

  it('an asset of an unmapped category still ranks by its own required skills', () => {
    const other = makeAsset({ category: 'other', requiredSkills: ['http://x/skill/a'] });
    const pool = [makeProfile({ id: 'has', skills: [{ uri: 'http://x/skill/a', source: 'declared' }] })];
    const found = whoCanOperate(other, pool, EMPTY_KNOWLEDGE, 10);
    expect(found.noBasis).toBeNull();
    expect(found.results.map((r) => r.id)).toEqual(['has']);
  });

  it('explains the occupation closeness and keeps components summing to the score', () => {
    const [r] = operatorsForAsset(lathe, [worker('lathe-1', 'metalworking lathe operator')], k, 1);
    expect(r!.components.map((c) => c.name)).toEqual(['skills', 'occupation', 'distance']);
    expect(Math.abs(r!.components.reduce((s, c) => s + c.contribution, 0) - r!.score)).toBeLessThan(1e-9);
    expect(explainAll(r!).en.lines.join(' ')).toContain('Has worked in this occupation');
  });

  it('people from an unrelated occupation with no needed skill are not listed', () => {
    expect(operatorsForAsset(lathe, [worker('cook', 'cook')], k, 10)).toEqual([]);
  });
});

describe('an asset with no skill to compare (issue 13: "who can use it" gave 100/100 to everyone nearby)', () => {
  // Knowledge that knows the occupations but none of their skills: the category gives occupations, the
  // asset lists no skills, so there is nothing to compare skills against.
  const bare = buildKnowledge({
    skillBroader: [],
    occupations: occupations.map((o) => ({ uri: o.uri!, iscoGroup: o.isco_group! })),
    occupationSkills: [],
  });
  const lathe = makeAsset({
    id: 'bare-lathe',
    kind: 'machine',
    category: 'machine_tools',
    requiredSkills: [],
    location: PLACES.laSpezia,
  });
  const near = (id: string, label: string) => worker(id, label, 4, { home: PLACES.laSpezia });
  const pool = [
    near('cook-near', 'cook'),
    worker('lathe-far', 'metalworking lathe operator', 4, { home: PLACES.sarzana }),
    near('lathe-near', 'metalworking lathe operator'),
  ];

  it('marks the skill component not applicable, with no weight, and says why', () => {
    expect(operatorBasis(lathe, bare).skills).toEqual([]);
    const [r] = operatorsForAsset(lathe, [near('lathe-near', 'metalworking lathe operator')], bare, 1);
    const skills = r!.components.find((c) => c.name === 'skills')!;
    expect(skills).toMatchObject({ weight: 0, contribution: 0, reason: { code: 'not_applicable' } });
    expect(r!.components.reduce((s, c) => s + c.weight, 0)).toBeCloseTo(1, 12);
    expect(Math.abs(r!.components.reduce((s, c) => s + c.contribution, 0) - r!.score)).toBeLessThan(1e-9);
    expect(explainAll(r!).it.lines.join(' ')).toContain('Competenze non confrontate');
  });

  it('ranks by occupation and distance: nobody nearby gets a perfect score for free', () => {
    const results = operatorsForAsset(lathe, pool, bare, 10);
    expect(results.map((r) => r.id)).toEqual(['lathe-near', 'lathe-far']);
    expect(results[0]!.score).toBeGreaterThan(results[1]!.score);
    expect(results[1]!.score).toBeLessThan(1);
    // The cook lives as near as the lathe operator but has no evidence of running the machine.
    expect(results.some((r) => r.id === 'cook-near')).toBe(false);
    // The index gives the same answer as the plain scan (its bounds use the same weights).
    const indexed = new CandidateIndex(bare, undefined, pool).topKForAsset(lathe, 10).results;
    expect(indexed.map((r) => r.id)).toEqual(results.map((r) => r.id));
    expect(indexed.map((r) => r.score)).toEqual(results.map((r) => r.score));
  });
});
