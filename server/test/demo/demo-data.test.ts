import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type DatabaseHandle } from '../../src/db/client.js';
import { queryRows } from '../../src/db/raw.js';
import { CRISES, OCCUPATIONS, WORKFORCES } from '../../src/demo/catalog.js';
import { ensureDemoHistory, planDemoHistory } from '../../src/demo/demo-history.js';
import {
  DEMO_SIZE,
  planDemoData,
  type DemoReference,
  type ProfileBatch,
} from '../../src/demo/demo.generator.js';
import { checkOutcome, type MatchOutcome } from '../../src/modules/matching/outcome-flow.js';
import { isDatabaseEmpty, seedDemoData } from '../../src/demo/demo.seeder.js';
import { makePartitaIva, makeSiret, profileCode } from '../../src/demo/identifiers.js';
import { isValidPartitaIva, isValidSiret } from '../../src/lib/identifiers.js';
import { loadReferenceData, readReferenceFile } from '../../src/reference/reference.loader.js';

const FIXTURE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reference');

/** The generator's input, read straight from the fixture files: no database needed for the pure tests. */
function fixtureReference(): DemoReference {
  const towns = readReferenceFile(FIXTURE, 'municipalities.csv')!.rows;
  return {
    municipalities: towns.map((r) => ({
      country: r.country!,
      code: r.code!,
      name: r.name!,
      regionName: r.region_name!,
      provinceCode: r.province_code!,
      lat: Number(r.lat),
      lon: Number(r.lon),
      population: r.population ? Number(r.population) : null,
    })),
    naceCodes: readReferenceFile(FIXTURE, 'nace_rev2.csv')!.rows.map((r) => r.code!),
    occupationUris: readReferenceFile(FIXTURE, 'esco_occupations.csv')!.rows.map((r) => r.uri!),
    occupationSkills: readReferenceFile(FIXTURE, 'esco_occupation_skills.csv')!.rows.map((r) => ({
      occupationUri: r.occupation_uri!,
      skillUri: r.skill_uri!,
      relation: r.relation!,
    })),
  };
}

const reference = fixtureReference();
const SMALL = { profiles: 600, assets: 200, needs: 120, firms: 60, opportunities: 24 };

function allProfiles(batches: Iterable<ProfileBatch>): ProfileBatch {
  const out: ProfileBatch = { profiles: [], occupations: [], skills: [], languages: [] };
  for (const b of batches) {
    out.profiles.push(...b.profiles);
    out.occupations.push(...b.occupations);
    out.skills.push(...b.skills);
    out.languages.push(...b.languages);
  }
  return out;
}

describe('company identifiers and pseudonyms', () => {
  it('accepts real-world identifiers and the ones it makes', () => {
    expect(isValidPartitaIva('06363391001')).toBe(true);
    expect(isValidPartitaIva('06363391002')).toBe(false);
    expect(isValidSiret('73282932000074')).toBe(true);
    expect(isValidSiret('73282932000075')).toBe(false);
    for (let i = 0; i < 500; i++) {
      expect(isValidPartitaIva(makePartitaIva(1_000_000 + i * 7_919, 1 + (i % 100)))).toBe(true);
      expect(isValidSiret(makeSiret(20_000_000 + i * 7_919))).toBe(true);
    }
  });

  it('gives unique codes in the production format to 200,000 profiles', () => {
    const codes = new Set<string>();
    for (let i = 0; i < 200_000; i++) codes.add(profileCode(i, 12345));
    expect(codes.size).toBe(200_000);
    expect(profileCode(0, 12345)).toMatch(/^P-[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{8}$/);
  });
});

describe('demo-data generator', () => {
  it('is deterministic: same seed, same rows; another seed, other rows; batch size does not matter', () => {
    const a = planDemoData(reference, SMALL);
    const b = planDemoData(reference, { ...SMALL, batchSize: 7 });
    const c = planDemoData(reference, { ...SMALL, seed: 99 });
    expect(b.firms).toEqual(a.firms);
    expect(allProfiles(b.profileBatches())).toEqual(allProfiles(a.profileBatches()));
    expect([...b.assetBatches()].flat()).toEqual([...a.assetBatches()].flat());
    expect(b.opportunities()).toEqual(a.opportunities());
    expect(allProfiles(c.profileBatches()).profiles[0]).not.toEqual(
      allProfiles(a.profileBatches()).profiles[0],
    );
  });

  it('makes five desks, the crisis cases and firms with valid VAT/SIRET and real NACE codes', () => {
    const plan = planDemoData(reference, SMALL);
    const nace = new Set(reference.naceCodes);
    expect(plan.desks.map((d) => d.name)).toContain("Centro per l'impiego La Spezia");
    expect(plan.desks).toHaveLength(5);
    expect(plan.crisisCases).toHaveLength(CRISES.length);
    expect(plan.firms).toHaveLength(60);
    for (const f of plan.firms) {
      if (f.country === 'IT') expect(isValidPartitaIva(f.vatNumber!)).toBe(true);
      else expect(isValidSiret(f.siret!)).toBe(true);
      expect(nace.has(f.naceCode!)).toBe(true);
    }
    expect(new Set(plan.firms.map((f) => f.vatNumber ?? f.siret)).size).toBe(plan.firms.length);
  });

  it('gives crisis workers occupations of their crisis and skills of their occupations', () => {
    const plan = planDemoData(reference, SMALL);
    const all = allProfiles(plan.profileBatches());
    const crisisWorkforce = new Map(
      plan.crisisCases.map((c, i) => [
        c.id,
        new Set(
          Object.keys(WORKFORCES[CRISES[i]!.workforce]).map(
            (k) => OCCUPATIONS[k as keyof typeof OCCUPATIONS].uri,
          ),
        ),
      ]),
    );
    const skillsOf = new Map<string, Set<string>>();
    for (const r of reference.occupationSkills) {
      skillsOf.set(r.occupationUri, (skillsOf.get(r.occupationUri) ?? new Set()).add(r.skillUri));
    }
    const occupationsOf = new Map<string, string[]>();
    for (const o of all.occupations)
      occupationsOf.set(o.profileId, [...(occupationsOf.get(o.profileId) ?? []), o.occupationUri]);

    expect(all.profiles).toHaveLength(600);
    expect(new Set(all.profiles.map((p) => p.code)).size).toBe(600);
    expect(all.profiles.filter((p) => p.crisisCaseId).length).toBe(450);
    for (const p of all.profiles) {
      expect(p.email).toMatch(/@example\.org$/);
      const occs = occupationsOf.get(p.id!)!;
      if (p.crisisCaseId)
        for (const o of occs) expect(crisisWorkforce.get(p.crisisCaseId)!.has(o)).toBe(true);
    }
    for (const s of all.skills) {
      const occs = occupationsOf.get(s.profileId)!;
      expect(occs.some((o) => skillsOf.get(o)?.has(s.skillUri))).toBe(true);
    }
    expect(all.languages.every((l) => /^(A1|A2|B1|B2|C1|C2)$/.test(l.level))).toBe(true);
  });

  it('makes assets with specifications, prices that fit the availability, and coherent deadlines', () => {
    const assets = [...planDemoData(reference, SMALL).assetBatches()].flat();
    expect(assets).toHaveLength(200);
    expect(assets[0]!.title).toMatch(/^Capannone con banchina e carroponte \d+ t$/);
    for (const a of assets) {
      if (a.availableUntil) expect(a.availableUntil >= a.availableFrom!).toBe(true);
      if (a.availability === 'auction') expect(a.availableUntil).toBeTruthy();
      if (a.availability === 'lease') expect(a.rentEurMonth).toBeGreaterThan(0);
      if (a.availability === 'sale') expect(a.priceEur).toBeGreaterThan(0);
      if (a.kind === 'machine') expect(a.brand).toBeTruthy();
    }
    expect(
      assets.some((a) => a.municipalityCountry === 'FR' && /Hangar|Tour CN|Poste de soudage/.test(a.title)),
    ).toBe(true);
  });
});

describe('seedDemoData on PGlite', () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await openDatabase({ kind: 'pglite', dataDir: null });
    await handle.migrate();
    await loadReferenceData(handle.db, FIXTURE);
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
  });

  it('fills an empty database once; a second run inserts nothing', async () => {
    expect(await isDatabaseEmpty(handle.db)).toBe(true);
    const first = await seedDemoData(handle.db, SMALL);
    expect(await isDatabaseEmpty(handle.db)).toBe(false);
    const count = async () =>
      (
        await queryRows<{ p: number; s: number; a: number; n: number; o: number; r: number }>(
          handle.db,
          sql`select (select count(*)::int from profiles) as p, (select count(*)::int from profile_skills) as s,
                     (select count(*)::int from assets) as a, (select count(*)::int from needs) as n,
                     (select count(*)::int from opportunities) as o, (select count(*)::int from opportunity_roles) as r`,
        )
      )[0]!;
    const before = await count();
    expect(before).toEqual({
      p: first.counts.profiles,
      s: first.counts.profileSkills,
      a: first.counts.assets,
      n: first.counts.needs,
      o: first.counts.opportunities,
      r: first.counts.opportunityRoles,
    });
    await seedDemoData(handle.db, SMALL);
    expect(await count()).toEqual(before);
  }, 120_000);

  it('gives the seeded network a matching history the outcome rules accept, once', async () => {
    const written = await ensureDemoHistory(handle.db, { ...DEMO_SIZE, ...SMALL });
    expect(written).toBeGreaterThan(0);
    const rows = async () =>
      (
        await queryRows<{ d: number; o: number; hired: number }>(
          handle.db,
          sql`select (select count(*)::int from match_decisions) as d, (select count(*)::int from match_outcomes) as o,
                     (select count(*)::int from match_outcomes where outcome = 'hired') as hired`,
        )
      )[0]!;
    const first = await rows();
    expect(first.d + first.o).toBe(written);
    expect(first.hired).toBeGreaterThan(0);
    await ensureDemoHistory(handle.db, { ...DEMO_SIZE, ...SMALL });
    expect(await rows()).toEqual(first);
  }, 120_000);
});

describe('demo matching history', () => {
  const pairs = Array.from({ length: 400 }, (_, i) => ({
    needId: `00000000-0000-4000-8000-${String(Math.floor(i / 4)).padStart(12, '0')}`,
    profileId: `00000000-0000-4000-9000-${String(i).padStart(12, '0')}`,
  }));
  const today = '2026-11-02';

  it('follows the outcome rules step by step, never past today, and is the same every time', () => {
    const history = planDemoHistory(pairs, { seed: 7, today });
    expect(planDemoHistory(pairs, { seed: 7, today })).toEqual(history);
    const now = new Date(`${today}T23:59:59Z`);
    for (const d of history.decisions) {
      const outcomes = history.outcomes.filter(
        (o) => o.needId === d.subjectId && o.profileId === d.candidateId,
      );
      if (d.action !== 'approve') expect(outcomes).toEqual([]);
      const past: { outcome: string; at: Date }[] = [];
      for (const o of outcomes) {
        const refusal = checkOutcome(
          { decision: { action: d.action, at: d.at! }, outcomes: past },
          o.outcome as MatchOutcome,
          o.at!,
          now,
        );
        expect(refusal, `${o.outcome} after ${past.map((p) => p.outcome).join(', ')}`).toBeNull();
        past.push({ outcome: o.outcome, at: o.at! });
      }
    }
    const outcomes = new Set(history.outcomes.map((o) => o.outcome));
    expect([...outcomes].sort()).toEqual(['contacted', 'hired', 'interviewed', 'not_hired', 'withdrawn']);
  });
});
