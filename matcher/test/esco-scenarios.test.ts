import { describe, expect, it } from 'vitest';
import { explain, scorePersonForJob } from '../src/index.js';
import { byName, knowledge, label, makeNeed, makeProfile, OCC, PLACES, SK } from './helpers.js';

/** Real ESCO URIs (fixture copied from /work/shared/data), the journeys of DOMAIN.md. */
describe('a TIG welder against a need for "saldatori TIG" in La Spezia', () => {
  const welder = makeProfile({
    id: 'w1',
    occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 8 }],
    skills: [
      { uri: SK.tigWelding, source: 'declared' },
      { uri: SK.migWelding, source: 'certified' },
    ],
    supplyChains: ['nautical'],
    home: PLACES.sarzana,
  });
  const need = makeNeed({
    occupationUri: OCC.welder,
    iscoGroup: '7212',
    essentialSkills: [SK.tigWelding, SK.operateWeldingEquipment, SK.interpret2dPlans],
    optionalSkills: [SK.weldingInspection, SK.spotWelding],
    supplyChain: 'nautical',
  });
  const r = scorePersonForJob(welder, need, knowledge);

  it.each([
    [SK.tigWelding, 1, 'exact'],
    [SK.operateWeldingEquipment, 0.6, 'implied'],
    [SK.interpret2dPlans, 0.6, 'implied'],
    [SK.weldingInspection, 0.3, 'implied'],
    [SK.spotWelding, 0.35, 'sibling'],
  ])('credits %s with %d via %s', (uri, credit, via) => {
    const all = [...r.skills!.matched, ...r.skills!.partial, ...r.skills!.missing];
    const m = all.find((x) => x.required === uri)!;
    expect(m.credit).toBeCloseTo(credit, 12);
    expect(m.via).toBe(via);
  });

  it('weights essential skills twice as much as optional ones', () => {
    expect(byName(r, 'skills').value).toBeCloseTo((2 * (1 + 0.6 + 0.6) + 0.3 + 0.35) / 8, 12);
    expect(r.skills!.matched.map((m) => m.required)).toEqual([SK.tigWelding]);
    expect(r.skills!.missing).toEqual([]);
  });

  it('scores the occupation and supply chain in full, and is not excluded', () => {
    expect(byName(r, 'occupation').value).toBe(1);
    expect(byName(r, 'supplyChain').value).toBe(1);
    expect(r.exclusions).toEqual([]);
  });

  it('explains itself in Italian, French and English with ESCO labels', () => {
    const it_ = explain(r, 'it', { label });
    const fr = explain(r, 'fr', { label });
    const en = explain(r, 'en', { label });
    expect(en.lines.join(' ')).toContain('perform tungsten inert gas welding');
    expect(fr.lines.join(' ')).toContain('Compétences détenues');
    expect(it_.summary).toContain('verificare');
    expect(en.lines.length).toBe(fr.lines.length);
  });

  it('ranks a MIG-only worker with no welder history below the TIG welder (sibling credit only)', () => {
    const mig = makeProfile({
      ...welder,
      id: 'w2',
      occupations: [],
      skills: [{ uri: SK.migWelding, source: 'declared' }],
    });
    const r2 = scorePersonForJob(mig, need, knowledge);
    const tig = r2.skills!.partial.find((m) => m.required === SK.tigWelding)!;
    expect(tig.via).toBe('sibling');
    expect(r2.score).toBeLessThan(r.score);
  });
});

describe('a ship electrician against a marine-engine mechanic need', () => {
  const electrician = makeProfile({
    occupations: [{ uri: OCC.marineElectrician, iscoGroup: '7412', years: 6 }],
    skills: [
      { uri: SK.vesselElectricalSystem, source: 'declared' },
      { uri: SK.installElectricalEquipmentInVessels, source: 'declared' },
      { uri: SK.repairVesselElectricalSystems, source: 'certified' },
    ],
  });
  const need = makeNeed({
    occupationUri: OCC.marineMechanic,
    iscoGroup: '7233',
    essentialSkills: [
      SK.repairEngines,
      SK.maintainVesselEngineRoom,
      SK.mechanicsOfVessels,
      SK.readStandardBlueprints,
    ],
    optionalSkills: [SK.repairVesselElectricalSystems, SK.electricalMachines],
  });
  const r = scorePersonForJob(electrician, need, knowledge);

  it('gets partial credit from the occupation and the ESCO hierarchy, and names the missing engine skills', () => {
    expect(r.skills!.matched.map((m) => m.required)).toEqual([SK.repairVesselElectricalSystems]);
    expect(r.skills!.partial.map((m) => [m.required, m.via])).toEqual([
      [SK.mechanicsOfVessels, 'implied'],
      [SK.readStandardBlueprints, 'implied'],
      // "vessel electrical system" and "electrical machines" share ISCED-F 0716 (42 skills).
      [SK.electricalMachines, 'sibling'],
    ]);
    expect(r.skills!.missing.map((m) => m.required).sort()).toEqual(
      [SK.repairEngines, SK.maintainVesselEngineRoom].sort(),
    );
    expect(byName(r, 'skills').value).toBeCloseTo((2 * 1.2 + 1 + 0.35) / 10, 12);
  });

  it('is only loosely related by ISCO (same major group 7)', () => {
    expect(byName(r, 'occupation').reason.code).toBe('isco1');
    expect(byName(r, 'occupation').value).toBeCloseTo(0.1, 12);
  });

  it('gets narrower credit for "operate" when "maintain vessel engine room" is asked, broader the other way', () => {
    const operate = makeProfile({ skills: [{ uri: SK.operateVesselEngineRoom, source: 'declared' }] });
    const maintain = makeProfile({ skills: [{ uri: SK.maintainVesselEngineRoom, source: 'declared' }] });
    const askMaintain = makeNeed({ essentialSkills: [SK.maintainVesselEngineRoom] });
    const askOperate = makeNeed({ essentialSkills: [SK.operateVesselEngineRoom] });
    const a = scorePersonForJob(operate, askMaintain, knowledge).skills!.partial[0]!;
    const b = scorePersonForJob(maintain, askOperate, knowledge).skills!.partial[0]!;
    expect([a.via, a.credit]).toEqual(['narrower', 0.8]);
    expect([b.via, b.credit]).toEqual(['broader', 0.5]);
  });
});

describe('a cook against a tourism need (chef at an agritourism)', () => {
  const cook = makeProfile({
    occupations: [{ uri: OCC.cook, iscoGroup: '5120', years: 4 }],
    skills: [
      { uri: SK.useCookingTechniques, source: 'declared' },
      { uri: SK.cookSeafood, source: 'declared' },
    ],
    languages: [
      { code: 'it', cefr: 'C2' },
      { code: 'en', cefr: 'A2' },
    ],
    eqfLevel: 3,
  });
  const need = makeNeed({
    occupationUri: OCC.chef,
    iscoGroup: '3434',
    essentialSkills: [SK.useCookingTechniques, SK.foodSafety],
    optionalSkills: [SK.planMenus, SK.foreignLanguagesInTourism],
    languages: [{ code: 'en', minCefr: 'B1' }],
    minEqf: 4,
    supplyChain: 'tourism',
  });
  const r = scorePersonForJob(cook, need, knowledge);

  it.each([
    ['skills', 'coverage'],
    ['occupation', 'unrelated'],
    ['languages', 'below_minimum'],
    ['qualification', 'below'],
    ['supplyChain', 'none'],
    ['distance', 'within_both'],
    ['availability', 'no_start_date'],
  ])('%s reason is %s', (name, code) => {
    expect(byName(r, name).reason.code).toBe(code);
  });

  it('holds the cooking technique, gets food safety from the occupation, lacks tourism languages', () => {
    expect(r.skills!.matched.map((m) => m.required)).toEqual([SK.useCookingTechniques]);
    const food = r.skills!.partial.find((m) => m.required === SK.foodSafety)!;
    expect([food.via, food.credit]).toEqual(['implied', 0.6]);
    expect(r.skills!.missing.map((m) => m.required)).toEqual([SK.foreignLanguagesInTourism]);
    expect(byName(r, 'languages').value).toBe(0.5);
    expect(byName(r, 'qualification').value).toBe(0.5);
  });
});
