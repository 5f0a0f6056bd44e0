/**
 * The demo-data generator: reference rows in, plain row objects out. No I/O and no clock: the same
 * reference data, seed and options always give the same rows (uuids included), so the demo set is
 * reproducible and a re-run of the seeder inserts nothing new.
 *
 * Profiles, assets and needs come out in batches from generators, so a million profiles never sit in
 * memory at once; rows point at each other through uuids derived from (seed, kind, index).
 */
import type {
  assets,
  crisisCases,
  desks,
  firms,
  needLanguages,
  needs,
  needSkills,
  opportunities,
  opportunityAssets,
  opportunityRoles,
  profileLanguages,
  profileOccupations,
  profiles,
  profileSkills,
} from '../db/schema.js';
import { CONTRACT_TYPES } from '../domain/vocabulary.js';
import { haversineRaw } from '@rilancio/matcher';
import { foldLabel } from '../lib/text.js';
import {
  ASSET_TEMPLATES,
  ASSETS_BY_CHAIN,
  CRISES,
  DRIVING_LICENCES,
  FIRM_KINDS,
  FIRST_NAMES_FR,
  FIRST_NAMES_IT,
  LAST_NAMES_FR,
  LAST_NAMES_IT,
  OCCUPATIONS,
  REGIONS,
  WORKFORCES,
  type AssetAvailability,
  type AssetCategory,
  type AssetTemplate,
  type AssetTemplateKey,
  type Country,
  type CrisisSpec,
  type DemoOccupation,
  type FirmKind,
  type FirmKindKey,
  type OccupationKey,
  type RegionSpec,
  type SupplyChain,
  type WorkforceKey,
} from './catalog.js';
import { makePartitaIva, makeSiret, profileCode } from './identifiers.js';
import { deterministicUuid, hash32, Rng, WeightedTable } from './prng.js';

// ---------------------------------------------------------------- input and options

export interface DemoMunicipality {
  country: string;
  code: string;
  name: string;
  regionName: string;
  provinceCode: string;
  lat: number;
  lon: number;
  population: number | null;
}

export interface DemoReference {
  municipalities: DemoMunicipality[];
  naceCodes: Iterable<string>;
  /** ESCO occupations present in the database (only those of the demo catalogue are needed). */
  occupationUris: Iterable<string>;
  /** Occupation–skill relations of (at least) the demo catalogue's occupations. */
  occupationSkills: { occupationUri: string; skillUri: string; relation: string }[];
}

export interface DemoOptions {
  seed: number;
  profiles: number;
  assets: number;
  needs: number;
  firms: number;
  opportunities: number;
  /** The "today" of the demo world (YYYY-MM-DD): dates are computed from it, never from the clock. */
  today: string;
  /** Rows per generated batch (profiles, assets, needs). */
  batchSize: number;
}

/** `demo`: the set `npm start` loads on an empty database. */
export const DEMO_SIZE: DemoOptions = {
  seed: 20260,
  profiles: 2000,
  assets: 800,
  needs: 300,
  firms: 150,
  opportunities: 30,
  today: '2026-11-02',
  batchSize: 5000,
};

// ---------------------------------------------------------------- output rows

export type DeskRow = typeof desks.$inferInsert;
export type FirmRow = typeof firms.$inferInsert;
export type CrisisCaseRow = typeof crisisCases.$inferInsert;
export type ProfileRow = typeof profiles.$inferInsert;
export type AssetRow = typeof assets.$inferInsert;
export type NeedRow = typeof needs.$inferInsert;
export type OpportunityRow = typeof opportunities.$inferInsert;

export interface ProfileBatch {
  profiles: ProfileRow[];
  occupations: (typeof profileOccupations.$inferInsert)[];
  skills: (typeof profileSkills.$inferInsert)[];
  languages: (typeof profileLanguages.$inferInsert)[];
}

export interface NeedBatch {
  needs: NeedRow[];
  skills: (typeof needSkills.$inferInsert)[];
  languages: (typeof needLanguages.$inferInsert)[];
}

export interface OpportunityBatch {
  opportunities: OpportunityRow[];
  roles: (typeof opportunityRoles.$inferInsert)[];
  assets: (typeof opportunityAssets.$inferInsert)[];
}

export interface DemoPlan {
  options: DemoOptions;
  desks: DeskRow[];
  firms: FirmRow[];
  crisisCases: CrisisCaseRow[];
  profileBatches(): Generator<ProfileBatch>;
  assetBatches(): Generator<AssetRow[]>;
  needBatches(): Generator<NeedBatch>;
  opportunities(): OpportunityBatch;
}

// ---------------------------------------------------------------- helpers

const DAY_MS = 86_400_000;

function addDays(isoDate: string, days: number): string {
  return new Date(Date.parse(`${isoDate}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function atNoon(isoDate: string): Date {
  return new Date(`${isoDate}T12:00:00Z`);
}

/** A point near the town's reference point (≤ ~1.5 km), so assets in one town do not stack on one pixel. */
function jitter(rng: Rng, m: DemoMunicipality): { lat: number; lon: number } {
  return {
    lat: Math.round((m.lat + (rng.float() - 0.5) * 0.02) * 1e6) / 1e6,
    lon: Math.round((m.lon + (rng.float() - 0.5) * 0.02) * 1e6) / 1e6,
  };
}

/** Towns matter for workers by size, but big cities should not swallow everything: weight by pop^0.7. */
const townWeight = (m: DemoMunicipality) => Math.max(50, m.population ?? 500) ** 0.7;

const slug = (text: string) => foldLabel(text).replace(/[^a-z0-9]+/g, '');

function roundTo(value: number, step: number): number {
  return Math.round(value / step) * step;
}

/**
 * An asset need's budgets from the going price of what it wants: a purchase budget for buy, a monthly
 * one for lease, both for either (a rent is never held against a capital sum: docs/scoring-spec.md).
 */
function budgets(price: number, mode: 'buy' | 'lease' | 'either') {
  const purchase = roundTo(price * 0.9, 500);
  const monthly = roundTo(price * 0.006, 50);
  if (mode === 'buy') return { budgetEur: purchase, monthlyBudgetEur: null };
  if (mode === 'lease') return { budgetEur: null, monthlyBudgetEur: monthly };
  return { budgetEur: purchase, monthlyBudgetEur: monthly };
}

interface OccupationInfo extends DemoOccupation {
  key: OccupationKey;
  essential: string[];
  optional: string[];
}

interface CrisisContext {
  spec: CrisisSpec;
  id: string;
  deskId: string;
  firmId: string;
  town: DemoMunicipality;
  chain: SupplyChain;
  naceDivision: string | null;
  homes: WeightedTable<DemoMunicipality>;
  /** Indices of the assets this crisis freed (the first assets generated). */
  assetIndices: number[];
}

interface FirmContext {
  row: FirmRow;
  kind: FirmKind;
  town: DemoMunicipality;
  region: RegionSpec;
}

// ---------------------------------------------------------------- the plan

export function planDemoData(reference: DemoReference, overrides: Partial<DemoOptions> = {}): DemoPlan {
  const options: DemoOptions = { ...DEMO_SIZE, ...overrides };
  for (const key of ['profiles', 'assets', 'needs', 'firms', 'opportunities', 'batchSize'] as const) {
    if (!Number.isInteger(options[key]) || options[key] < 0)
      throw new RangeError(`${key} must be an integer ≥ 0`);
  }
  if (options.batchSize < 1) throw new RangeError('batchSize must be ≥ 1');
  const seed = options.seed >>> 0;
  const uuid = (kind: string, index: number) => deterministicUuid(seed, kind, index);
  const today = options.today;

  // Reference look-ups.
  const naceSet = new Set(reference.naceCodes);
  const occupationSet = new Set(reference.occupationUris);
  const byRegion = new Map<string, DemoMunicipality[]>();
  for (const m of reference.municipalities) {
    const list = byRegion.get(m.regionName) ?? [];
    list.push(m);
    byRegion.set(m.regionName, list);
  }
  for (const list of byRegion.values()) list.sort((a, b) => a.code.localeCompare(b.code));
  const allTowns = [...reference.municipalities].sort((a, b) =>
    `${a.country}${a.code}`.localeCompare(`${b.country}${b.code}`),
  );
  if (allTowns.length === 0) throw new Error('demo data needs the municipalities reference data');

  const regions = REGIONS.filter((r) => (byRegion.get(r.name)?.length ?? 0) > 0);
  if (regions.length === 0) throw new Error('no municipality of the five regions in the reference data');
  const regionOf = new Map(regions.map((r) => [r.name, r]));

  const findTown = (region: string, name: string): DemoMunicipality | undefined =>
    byRegion.get(region)?.find((m) => m.name === name);
  const hubsOf = new Map<string, DemoMunicipality[]>();
  for (const r of regions) {
    let hubs = r.hubs.map((h) => findTown(r.name, h)).filter((m): m is DemoMunicipality => !!m);
    if (hubs.length === 0) {
      hubs = [...byRegion.get(r.name)!]
        .sort((a, b) => (b.population ?? 0) - (a.population ?? 0))
        .slice(0, 10);
    }
    hubsOf.set(r.name, hubs);
  }
  const hubTables = new Map([...hubsOf].map(([name, hubs]) => [name, new WeightedTable(hubs, townWeight)]));
  const townOrHub = (region: RegionSpec, name: string) =>
    findTown(region.name, name) ?? hubsOf.get(region.name)![0]!;

  // Occupations of the catalogue present in the reference data, with their skills sorted for determinism.
  const skillsOf = new Map<string, { essential: string[]; optional: string[] }>();
  for (const rel of reference.occupationSkills) {
    const entry = skillsOf.get(rel.occupationUri) ?? { essential: [], optional: [] };
    (rel.relation === 'essential' ? entry.essential : entry.optional).push(rel.skillUri);
    skillsOf.set(rel.occupationUri, entry);
  }
  const occupations = new Map<OccupationKey, OccupationInfo>();
  for (const [key, occ] of Object.entries(OCCUPATIONS) as [OccupationKey, DemoOccupation][]) {
    if (!occupationSet.has(occ.uri)) continue;
    const skills = skillsOf.get(occ.uri) ?? { essential: [], optional: [] };
    occupations.set(key, {
      ...occ,
      key,
      essential: [...new Set(skills.essential)].sort(),
      optional: [...new Set(skills.optional)].sort(),
    });
  }
  if (occupations.size === 0) throw new Error('none of the demo ESCO occupations is in the reference data');
  const workforceTables = new Map<WorkforceKey, WeightedTable<OccupationInfo>>();
  const fallbackWorkforce = [...occupations.values()];
  for (const [key, mix] of Object.entries(WORKFORCES) as [
    WorkforceKey,
    Partial<Record<OccupationKey, number>>,
  ][]) {
    const entries = (Object.entries(mix) as [OccupationKey, number][])
      .filter(([k]) => occupations.has(k))
      .map(([k, w]) => ({ occ: occupations.get(k)!, w }));
    workforceTables.set(
      key,
      entries.length > 0
        ? new WeightedTable(
            entries.map((e) => e.occ),
            (o) => entries.find((e) => e.occ === o)!.w,
          )
        : new WeightedTable(fallbackWorkforce, () => 1),
    );
  }
  const validNace = (codes: string[]) => codes.filter((c) => naceSet.has(c));

  // ------------------------------------------------------------ desks
  const deskRows: DeskRow[] = regions.map((r, i) => {
    const town = townOrHub(r, r.desk.town);
    return {
      id: uuid('desk', i),
      code: r.desk.code,
      name: r.desk.name,
      country: r.country,
      regionName: r.name,
      municipalityCode: town.code,
    };
  });
  const deskOf = new Map(regions.map((r, i) => [r.name, deskRows[i]!.id!]));
  const regionTable = new WeightedTable(regions, (r) => ({ Corse: 1, Sardegna: 2 })[r.name] ?? 3);

  // ------------------------------------------------------------ firms and crisis cases
  const firmRng = new Rng(seed, 'firms');
  const crisisSpecs = CRISES.filter((c) => regionOf.has(c.region));
  const firmCount = Math.max(options.firms, crisisSpecs.length);
  const firmContexts: FirmContext[] = [];
  const kindTable = new WeightedTable(Object.keys(FIRM_KINDS) as FirmKindKey[], (k) => FIRM_KINDS[k]!.weight);

  const identifiers = (i: number, country: Country, town: DemoMunicipality) => {
    if (country === 'IT') {
      const office = Number(town.provinceCode);
      return {
        vatNumber: makePartitaIva(
          (1_234_567 + i * 7_919) % 10_000_000,
          office >= 1 && office <= 100 ? office : 92,
        ),
        siret: null,
      };
    }
    return { vatNumber: null, siret: makeSiret((31_415_926 + i * 7_919) % 100_000_000) };
  };

  for (let i = 0; i < firmCount; i++) {
    const spec = crisisSpecs[i];
    const region = spec ? regionOf.get(spec.region)! : regionTable.pick(firmRng);
    const kindKey: FirmKindKey = spec ? spec.firmKind : kindTable.pick(firmRng);
    const kind = FIRM_KINDS[kindKey]!;
    const town = spec ? townOrHub(region, spec.town) : hubTables.get(region.name)!.pick(firmRng);
    const country = region.country;
    let name: string;
    if (spec) name = spec.firmName;
    else {
      const pattern = firmRng.pick(country === 'IT' ? kind.namesIt : kind.namesFr);
      const surname = firmRng.pick(country === 'IT' ? LAST_NAMES_IT : LAST_NAMES_FR);
      name = pattern.replace('{n}', surname).replace('{t}', town.name);
    }
    const nace = spec ? validNace([spec.nace]) : validNace(kind.nace);
    const point = jitter(firmRng, town);
    const state = spec
      ? spec.procedure.startsWith('liquid')
        ? 'closed'
        : 'in_crisis'
      : firmRng.weighted(
          ['active', 'in_crisis', 'closed'] as const,
          (s) => ({ active: 92, in_crisis: 6, closed: 2 })[s],
        );
    const sizeBand = spec
      ? spec.workers >= 250
        ? 'large'
        : 'medium'
      : firmRng.weighted(
          ['micro', 'small', 'medium', 'large'] as const,
          (s) => ({ micro: 3, small: 4, medium: 2, large: 0.5 })[s],
        );
    firmContexts.push({
      kind,
      town,
      region,
      row: {
        id: uuid('firm', i),
        deskId: deskOf.get(region.name)!,
        name,
        country,
        ...identifiers(i, country, town),
        naceCode: nace.length > 0 ? firmRng.pick(nace) : null,
        supplyChains: [kind.chain],
        municipalityCountry: town.country,
        municipalityCode: town.code,
        lat: point.lat,
        lon: point.lon,
        sizeBand,
        state,
      },
    });
  }
  const genericFirms = firmContexts.slice(crisisSpecs.length);
  const hiringFirms = genericFirms.filter((f) => f.row.state === 'active');
  const firmsForNeeds = hiringFirms.length > 0 ? hiringFirms : firmContexts;
  const firmsByRegion = new Map<string, FirmContext[]>();
  for (const f of genericFirms.length > 0 ? genericFirms : firmContexts) {
    const list = firmsByRegion.get(f.region.name) ?? [];
    list.push(f);
    firmsByRegion.set(f.region.name, list);
  }

  // Crisis assets come first among the assets, one per template listed on the crisis.
  const crisisAssetSlots: { crisis: number; template: AssetTemplateKey }[] = [];
  crisisSpecs.forEach((spec, c) =>
    spec.assets.forEach((template) => crisisAssetSlots.push({ crisis: c, template })),
  );
  const crisisAssetCount = Math.min(options.assets, crisisAssetSlots.length);

  // Profiles from crises first: a fixed quota per crisis, proportional to its workforce.
  const crisisProfileCount = Math.round(options.profiles * 0.75);
  const totalWorkers = crisisSpecs.reduce((s, c) => s + c.workers, 0);
  const quotaEnds: number[] = [];
  {
    let acc = 0;
    for (const spec of crisisSpecs) {
      acc += spec.workers;
      quotaEnds.push(Math.round((crisisProfileCount * acc) / Math.max(1, totalWorkers)));
    }
  }
  const crisisRng = new Rng(seed, 'crises');
  const crises: CrisisContext[] = crisisSpecs.map((spec, c) => {
    const region = regionOf.get(spec.region)!;
    const firm = firmContexts[c]!;
    const town = firm.town;
    const near = allTowns.filter((m) => haversineRaw(town.lat, town.lon, m.lat, m.lon) <= 45);
    return {
      spec,
      id: uuid('crisis', c),
      deskId: deskOf.get(region.name)!,
      firmId: firm.row.id!,
      town,
      chain: firm.kind.chain,
      naceDivision: firm.row.naceCode ? firm.row.naceCode.slice(0, 2) : null,
      homes: new WeightedTable(near.length > 0 ? near : [town], townWeight),
      assetIndices: crisisAssetSlots
        .map((slot, index) => ({ slot, index }))
        .filter(({ slot, index }) => slot.crisis === c && index < crisisAssetCount)
        .map(({ index }) => index),
    };
  });
  const crisisRows: CrisisCaseRow[] = crises.map((c, i) => {
    const quota = (quotaEnds[i] ?? 0) - (i > 0 ? (quotaEnds[i - 1] ?? 0) : 0);
    const point = jitter(crisisRng, c.town);
    return {
      id: c.id,
      deskId: c.deskId,
      externalRef: `DEMO-${c.town.country === 'IT' ? 'CRISI' : 'CRISE'}-${String(i + 1).padStart(3, '0')}`,
      firmId: c.firmId,
      title: c.spec.title,
      description: c.spec.description,
      procedure: c.spec.procedure,
      status: 'open',
      supplyChain: c.chain,
      municipalityCountry: c.town.country,
      municipalityCode: c.town.code,
      lat: point.lat,
      lon: point.lon,
      openedOn: c.spec.opened,
      closedOn: null,
      workersAffected: Math.max(c.spec.workers, quota),
    };
  });

  // ------------------------------------------------------------ shared pickers
  const genericWorkforce = (rng: Rng) => {
    const firm = rng.pick(firmContexts);
    return { firm, table: workforceTables.get(firm.kind.workforce)! };
  };
  const nativeLanguage = (country: string) => (country === 'IT' ? 'it' : 'fr');

  function pickSkills(rng: Rng, occ: OccupationInfo, share: [number, number], max: number): string[] {
    const n = Math.min(max, Math.ceil(occ.essential.length * rng.range(share[0], share[1], 2)));
    return rng.sample(occ.essential, n);
  }

  // ------------------------------------------------------------ profiles
  const codeSalt = hash32(`codes:${seed}`) % 2 ** 25;

  function* profileBatches(): Generator<ProfileBatch> {
    const rng = new Rng(seed, 'profiles');
    let batch: ProfileBatch = { profiles: [], occupations: [], skills: [], languages: [] };
    let crisisIndex = 0;
    for (let i = 0; i < options.profiles; i++) {
      while (crisisIndex < crises.length && i >= quotaEnds[crisisIndex]!) crisisIndex++;
      const crisis = i < crisisProfileCount ? crises[crisisIndex] : undefined;
      let home: DemoMunicipality;
      let table: WeightedTable<OccupationInfo>;
      let chain: SupplyChain;
      let naceDivision: string | null;
      let deskId: string;
      if (crisis) {
        home = crisis.homes.pick(rng);
        table = workforceTables.get(crisis.spec.workforce)!;
        chain = crisis.chain;
        naceDivision = crisis.naceDivision;
        deskId = crisis.deskId;
      } else {
        const generic = genericWorkforce(rng);
        home = hubTables.get(generic.firm.region.name)!.pick(rng);
        table = generic.table;
        chain = generic.firm.kind.chain;
        naceDivision = generic.firm.row.naceCode?.slice(0, 2) ?? null;
        deskId = deskOf.get(generic.firm.region.name)!;
      }
      const id = uuid('profile', i);
      const country = home.country as Country;
      const firstName = rng.pick(country === 'IT' ? FIRST_NAMES_IT : FIRST_NAMES_FR);
      const lastName = rng.pick(country === 'IT' ? LAST_NAMES_IT : LAST_NAMES_FR);
      const primary = table.pick(rng);
      const secondary = rng.chance(0.25) ? table.pick(rng) : undefined;
      const point = jitter(rng, home);
      const status = crisis
        ? rng.chance(0.9)
          ? crisis.spec.employmentStatus
          : 'unemployed'
        : rng.chance(0.6)
          ? 'at_risk'
          : 'unemployed';
      const paths = new Set<string>();
      if (rng.chance(0.9)) paths.add('employment');
      if (crisis && rng.chance(0.3)) paths.add('workers_buy_out');
      if (rng.chance(0.08)) paths.add('start_up');
      if (rng.chance(0.1)) paths.add('spin_off');
      if (rng.chance(0.08)) paths.add('community_coop');
      if (paths.size === 0) paths.add('employment');
      const licences = ['B'].filter(() => rng.chance(0.85));
      if (rng.chance(0.12)) licences.push(rng.pick(DRIVING_LICENCES.filter((l) => l !== 'B')));
      const mobility = rng.weighted([10, 20, 30, 40, 50, 80, 100, 150], (km) => (km <= 50 ? 3 : 1));
      const available = crisis
        ? addDays(crisis.spec.opened, rng.int(0, 200))
        : addDays(today, rng.int(-30, 120));

      batch.profiles.push({
        id,
        code: profileCode(i, codeSalt),
        deskId,
        externalRef: `DEMO-${String(i + 1).padStart(7, '0')}`,
        firstName,
        lastName,
        email: `${slug(firstName)}.${slug(lastName)}.${i + 1}@example.org`,
        phone:
          country === 'IT'
            ? `+39 3${rng.int(20, 99)} 555 ${String(rng.int(0, 9999)).padStart(4, '0')}`
            : `+33 6 39 98 ${String(rng.int(0, 99)).padStart(2, '0')} ${String(rng.int(0, 99)).padStart(2, '0')}`,
        municipalityCountry: home.country,
        municipalityCode: home.code,
        lat: point.lat,
        lon: point.lon,
        eqfLevel: rng.int(primary.eqf[0], primary.eqf[1]),
        mobilityKm: mobility,
        availableFrom: available,
        employmentStatus: status,
        desiredPaths: [...paths],
        supplyChains: rng.chance(0.2)
          ? [chain, rng.pick(['ports_logistics', 'other'] as const)].filter((v, k, a) => a.indexOf(v) === k)
          : [chain],
        naceDivisions: naceDivision ? [naceDivision] : [],
        drivingLicences: licences,
        crisisCaseId: crisis?.id ?? null,
      });

      batch.occupations.push({ profileId: id, occupationUri: primary.uri, years: rng.range(1, 32, 1) });
      if (secondary && secondary.uri !== primary.uri) {
        batch.occupations.push({ profileId: id, occupationUri: secondary.uri, years: rng.range(0.5, 10, 1) });
      }
      const seen = new Set<string>();
      const addSkill = (skillUri: string, source: 'declared' | 'certified' | 'inferred') => {
        if (seen.has(skillUri)) return;
        seen.add(skillUri);
        batch.skills.push({ profileId: id, skillUri, source });
      };
      for (const s of pickSkills(rng, primary, [0.6, 0.95], 14)) {
        addSkill(
          s,
          rng.weighted(
            ['declared', 'inferred', 'certified'] as const,
            (v) => ({ declared: 7, inferred: 2, certified: 1 })[v],
          ),
        );
      }
      for (const s of rng.sample(primary.optional, rng.int(0, 4))) addSkill(s, 'declared');
      if (secondary) for (const s of pickSkills(rng, secondary, [0.2, 0.4], 4)) addSkill(s, 'declared');

      const native = nativeLanguage(country);
      batch.languages.push({ profileId: id, language: native, level: 'C2' });
      if (rng.chance(0.55)) {
        batch.languages.push({
          profileId: id,
          language: 'en',
          level: rng.weighted(['A2', 'B1', 'B2', 'C1'] as const, (l) => ({ A2: 3, B1: 4, B2: 2, C1: 1 })[l]),
        });
      }
      const otherChance = home.regionName === 'Corse' ? 0.35 : 0.12;
      if (rng.chance(otherChance)) {
        batch.languages.push({
          profileId: id,
          language: native === 'it' ? 'fr' : 'it',
          level: rng.pick(['A2', 'B1', 'B2', 'C1'] as const),
        });
      }
      if (rng.chance(0.04))
        batch.languages.push({ profileId: id, language: 'es', level: rng.pick(['A1', 'A2', 'B1'] as const) });

      if (batch.profiles.length >= options.batchSize) {
        yield batch;
        batch = { profiles: [], occupations: [], skills: [], languages: [] };
      }
    }
    if (batch.profiles.length > 0) yield batch;
  }

  // ------------------------------------------------------------ assets
  const templateOf = (key: AssetTemplateKey): AssetTemplate => ASSET_TEMPLATES[key];
  const requiredSkills = (rng: Rng, template: AssetTemplate) => {
    const occ = template.operator ? occupations.get(template.operator) : undefined;
    return occ ? rng.sample(occ.essential, Math.min(3, occ.essential.length)).sort() : [];
  };
  const chainTable = new WeightedTable(Object.keys(ASSETS_BY_CHAIN) as SupplyChain[], (c) =>
    c === 'nautical_shipbuilding' || c === 'mechanics_metalworking' ? 3 : c === 'other' ? 0.5 : 2,
  );

  function* assetBatches(): Generator<AssetRow[]> {
    const rng = new Rng(seed, 'assets');
    let batch: AssetRow[] = [];
    for (let i = 0; i < options.assets; i++) {
      const slot = i < crisisAssetCount ? crisisAssetSlots[i] : undefined;
      const crisis = slot ? crises[slot.crisis] : undefined;
      let templateKey: AssetTemplateKey;
      let town: DemoMunicipality;
      let deskId: string;
      let ownerFirmId: string;
      let chain: SupplyChain;
      if (slot && crisis) {
        templateKey = slot.template;
        town = crisis.town;
        deskId = crisis.deskId;
        ownerFirmId = crisis.firmId;
        chain = crisis.chain;
      } else {
        chain = chainTable.pick(rng);
        templateKey = rng.pick(ASSETS_BY_CHAIN[chain]);
        const region = regionTable.pick(rng);
        town = hubTables.get(region.name)!.pick(rng);
        deskId = deskOf.get(region.name)!;
        const owners = firmsByRegion.get(region.name) ?? firmContexts;
        ownerFirmId = rng.pick(owners).row.id!;
      }
      const template = templateOf(templateKey);
      const specs = template.specs(rng);
      const make = template.makes ? rng.pick(template.makes) : undefined;
      if (make) [specs.brand, specs.model] = make;
      const country = town.country as Country;
      const liquidation = crisis ? /liquid/.test(crisis.spec.procedure) : false;
      const availability: AssetAvailability = rng.weighted(
        ['sale', 'lease', 'free_loan', 'auction'] as const,
        (a) =>
          liquidation
            ? { sale: 3, lease: 1.5, free_loan: 0.5, auction: 5 }[a]
            : { sale: 4, lease: 4, free_loan: 1, auction: 1 }[a],
      );
      const listPrice = roundTo(
        rng.range(template.price[0], template.price[1]),
        template.price[1] > 100_000 ? 5_000 : 500,
      );
      const from = crisis ? addDays(today, -rng.int(0, 120)) : addDays(today, rng.int(-120, 60));
      // A deadline (auction date, scrap date) always falls after the asset becomes available.
      const until =
        availability === 'auction'
          ? addDays(from > today ? from : today, rng.int(20, 120))
          : rng.chance(0.3)
            ? addDays(from, rng.int(180, 540))
            : null;
      const point = jitter(rng, town);
      batch.push({
        id: uuid('asset', i),
        deskId,
        inventoryNumber: `DEMO-A-${String(i + 1).padStart(7, '0')}`,
        kind: template.kind,
        category: template.category,
        title: country === 'IT' ? template.titleIt(specs) : template.titleFr(specs),
        description: country === 'IT' ? template.descIt(specs) : template.descFr(specs),
        brand: specs.brand ?? null,
        model: specs.model ?? null,
        year: specs.year ?? null,
        condition: specs.condition ?? null,
        powerKw: specs.powerKw ?? null,
        coveredAreaM2: specs.coveredAreaM2 ?? null,
        landAreaM2: specs.landAreaM2 ?? null,
        heightM: specs.heightM ?? null,
        craneTonnage: specs.craneTonnage ?? null,
        loadingBays: specs.loadingBays ?? null,
        powerKva: specs.powerKva ?? null,
        quayAccess: specs.quayAccess ?? false,
        draftM: specs.draftM ?? null,
        slipway: specs.slipway ?? false,
        maritimeConcession: specs.maritimeConcession ?? false,
        distanceToPortKm: specs.distanceToPortKm ?? null,
        municipalityCountry: town.country,
        municipalityCode: town.code,
        lat: point.lat,
        lon: point.lon,
        availability,
        priceEur:
          availability === 'sale'
            ? listPrice
            : availability === 'auction'
              ? roundTo(listPrice * rng.range(0.55, 0.8, 2), 500)
              : null,
        rentEurMonth: availability === 'lease' ? roundTo(Math.max(150, listPrice * 0.006), 50) : null,
        availableFrom: from,
        availableUntil: until,
        ownerFirmId,
        crisisCaseId: crisis?.id ?? null,
        supplyChains: [...new Set([chain, ...template.chains.slice(0, 1)])],
        status: rng.weighted(
          ['available', 'reserved', 'draft', 'assigned', 'withdrawn'] as const,
          (s) => ({ available: 80, reserved: 8, draft: 6, assigned: 4, withdrawn: 2 })[s],
        ),
        requiredSkillUris: requiredSkills(rng, template),
        lastVerifiedAt: atNoon(addDays(today, -rng.int(0, 60))),
      });
      if (batch.length >= options.batchSize) {
        yield batch;
        batch = [];
      }
    }
    if (batch.length > 0) yield batch;
  }

  // ------------------------------------------------------------ needs
  const WANTED: Record<AssetCategory, [string, string]> = {
    shipyard: ['capannone con banchina', 'hangar avec quai'],
    workshop: ['capannone artigianale', 'atelier'],
    cold_storage: ['spazi refrigerati', 'surfaces frigorifiques'],
    food_processing: ['impianto di trasformazione alimentare', 'unité de transformation alimentaire'],
    energy: ['area per impianto energetico', 'terrain pour projet énergétique'],
    warehouse: ['piazzale e magazzino', 'terre-plein et entrepôt'],
    office: ['uffici', 'bureaux'],
    other: ['immobile', 'local'],
    machine_tools: ['macchine utensili CNC', 'machines-outils CN'],
    welding: ['postazioni di saldatura', 'postes de soudage'],
    lifting_cranes: ['mezzi di sollevamento', 'engins de levage'],
    marine_equipment: ['attrezzature marine', 'équipements marins'],
    vehicles: ['carrelli elevatori', 'chariots élévateurs'],
  };

  function* needBatches(): Generator<NeedBatch> {
    const rng = new Rng(seed, 'needs');
    let batch: NeedBatch = { needs: [], skills: [], languages: [] };
    for (let i = 0; i < options.needs; i++) {
      const firm = rng.pick(firmsForNeeds);
      const town = firm.town;
      const country = town.country as Country;
      const id = uuid('need', i);
      const radiusKm = rng.pick([20, 30, 40, 50, 80]);
      const status = rng.weighted(
        ['open', 'draft', 'filled', 'closed'] as const,
        (s) => ({ open: 85, draft: 5, filled: 5, closed: 5 })[s],
      );
      const point = jitter(rng, town);
      const base = {
        id,
        firmId: firm.row.id!,
        deskId: firm.row.deskId ?? null,
        status,
        municipalityCountry: town.country,
        municipalityCode: town.code,
        lat: point.lat,
        lon: point.lon,
        radiusKm,
        supplyChain: firm.kind.chain,
        naceCode: firm.row.naceCode ?? null,
        expiresAt: addDays(today, rng.int(30, 180)),
      };
      const empty = {
        occupationUri: null,
        positions: null,
        contractType: null,
        minEqf: null,
        startDate: null,
        assetKind: null,
        assetCategory: null,
        minAreaM2: null,
        maxAreaM2: null,
        minPowerKw: null,
        minCraneTonnage: null,
        needsQuay: null,
        mode: null,
        budgetEur: null,
        byDate: null,
      };
      if (rng.chance(0.7)) {
        const occ = workforceTables.get(firm.kind.workforce)!.pick(rng);
        const positions = rng.weighted([1, 2, 3, 4, 6], (n) => ({ 1: 5, 2: 4, 3: 2, 4: 1, 6: 0.5 })[n] ?? 1);
        const [singular, plural] = country === 'IT' ? occ.it : occ.fr;
        const title = `${positions} ${positions === 1 ? singular : plural} — ${town.name}, ${radiusKm} km`;
        const contractType = rng.weighted(CONTRACT_TYPES, (c) =>
          firm.kind.chain === 'sustainable_tourism' && c === 'seasonal'
            ? 5
            : (({ permanent: 4, fixed_term: 3, apprenticeship: 1 } as Record<string, number>)[c] ?? 0.5),
        );
        const description =
          country === 'IT'
            ? `${firm.row.name} cerca ${positions === 1 ? singular : plural} per ${town.name} e dintorni (entro ${radiusKm} km). Contratto: ${contractType}.`
            : `${firm.row.name} recrute ${positions === 1 ? singular : plural} à ${town.name} et alentours (${radiusKm} km). Contrat : ${contractType}.`;
        batch.needs.push({
          ...base,
          ...empty,
          type: 'job',
          title,
          description,
          occupationUri: occ.uri,
          positions,
          contractType,
          minEqf: rng.chance(0.6) ? occ.eqf[0] : null,
          startDate: addDays(today, rng.int(14, 120)),
        });
        for (const s of rng.sample(occ.essential, Math.min(8, occ.essential.length))) {
          batch.skills.push({ needId: id, skillUri: s, relation: 'essential' });
        }
        for (const s of rng.sample(occ.optional, rng.int(0, 3))) {
          batch.skills.push({ needId: id, skillUri: s, relation: 'optional' });
        }
        batch.languages.push({
          needId: id,
          language: country === 'IT' ? 'it' : 'fr',
          minLevel: rng.pick(['B1', 'B2'] as const),
        });
        if (firm.kind.chain === 'sustainable_tourism' || rng.chance(0.15)) {
          batch.languages.push({
            needId: id,
            language: 'en',
            minLevel: rng.pick(['A2', 'B1', 'B2'] as const),
          });
        }
      } else {
        const key = rng.pick(ASSETS_BY_CHAIN[firm.kind.chain]);
        const template = templateOf(key);
        const isSpace = template.kind === 'building' || template.kind === 'area';
        const minArea = isSpace ? rng.int(5, 40) * 100 : null;
        const needsQuay =
          isSpace && (firm.kind.chain === 'nautical_shipbuilding' || firm.kind.chain === 'ports_logistics')
            ? rng.chance(0.6)
            : null;
        const mode = rng.pick(['buy', 'lease', 'either'] as const);
        const [wantIt, wantFr] = WANTED[template.category];
        const size = minArea
          ? country === 'IT'
            ? ` ≥ ${minArea.toLocaleString('it-IT')} m²`
            : ` ≥ ${minArea.toLocaleString('fr-FR')} m²`
          : '';
        const quay = needsQuay ? (country === 'IT' ? ' con accesso banchina' : ' avec accès quai') : '';
        const title =
          country === 'IT'
            ? `Cercasi ${wantIt}${size}${quay} — ${town.name}, ${radiusKm} km`
            : `Recherche ${wantFr}${size}${quay} — ${town.name}, ${radiusKm} km`;
        batch.needs.push({
          ...base,
          ...empty,
          type: 'asset',
          title,
          description:
            country === 'IT'
              ? `${firm.row.name} cerca ${wantIt} in ${mode === 'buy' ? 'acquisto' : mode === 'lease' ? 'affitto' : 'acquisto o affitto'}.`
              : `${firm.row.name} recherche ${wantFr} en ${mode === 'buy' ? 'achat' : mode === 'lease' ? 'location' : 'achat ou location'}.`,
          assetKind: template.kind,
          assetCategory: template.category,
          minAreaM2: minArea,
          maxAreaM2: minArea ? minArea * rng.int(2, 4) : null,
          minPowerKw: !isSpace && rng.chance(0.4) ? rng.int(5, 30) : null,
          minCraneTonnage: rng.chance(0.2) ? rng.pick([5, 10, 20]) : null,
          needsQuay,
          mode,
          ...budgets(rng.range(template.price[0], template.price[1]), mode),
          byDate: addDays(today, rng.int(30, 270)),
        });
      }
      if (batch.needs.length >= options.batchSize) {
        yield batch;
        batch = { needs: [], skills: [], languages: [] };
      }
    }
    if (batch.needs.length > 0) yield batch;
  }

  // ------------------------------------------------------------ opportunities
  function buildOpportunities(): OpportunityBatch {
    const rng = new Rng(seed, 'opportunities');
    const out: OpportunityBatch = { opportunities: [], roles: [], assets: [] };
    if (crises.length === 0) return out;
    for (let j = 0; j < options.opportunities; j++) {
      const crisis = crises[j % crises.length]!;
      const spec = crisis.spec;
      const kind = spec.opportunities[Math.floor(j / crises.length) % spec.opportunities.length]!;
      const it = crisis.town.country === 'IT';
      const firm = spec.firmName.replace(/ (S\.p\.A\.|S\.r\.l\.|SAS)$/, '');
      const where = crisis.town.name;
      const titles: Record<typeof kind, [string, string]> = {
        wbo: [`Workers buy-out ${firm}: ${spec.activity}`, `Reprise en SCOP de ${firm} : ${spec.activity}`],
        mbo: [`Management buy-out ${firm}`, `Reprise par les cadres de ${firm}`],
        spin_off: [`Spin-off da ${firm}: ${spec.activity}`, `Essaimage de ${firm} : ${spec.activity}`],
        start_up: [
          `Start-up a ${where}: ${spec.activity}`,
          `Création d'entreprise à ${where} : ${spec.activity}`,
        ],
        community_coop: [
          `Cooperativa di comunità a ${where}: ${spec.activity}`,
          `SCIC à ${where} : ${spec.activity}`,
        ],
      };
      const id = uuid('opportunity', j);
      const point = jitter(rng, crisis.town);
      const roleCount = rng.int(2, 4);
      const table = workforceTables.get(spec.workforce)!;
      const chosen: OccupationInfo[] = [];
      for (let tries = 0; chosen.length < roleCount && tries < 20; tries++) {
        const occ = table.pick(rng);
        if (!chosen.includes(occ)) chosen.push(occ);
      }
      const headcount = chosen.length === 0 ? 0 : chosen.reduce((s, _o, k) => s + (k === 0 ? 4 : 2), 0);
      out.opportunities.push({
        id,
        deskId: crisis.deskId,
        kind,
        title: it ? titles[kind][0] : titles[kind][1],
        description: it
          ? `Nata dal dossier "${spec.title}". Servono circa ${headcount} persone e gli impianti indicati.`
          : `Issue du dossier « ${spec.title} ». Environ ${headcount} personnes et les équipements listés sont nécessaires.`,
        sourceFirmId: crisis.firmId,
        crisisCaseId: crisis.id,
        municipalityCountry: crisis.town.country,
        municipalityCode: crisis.town.code,
        lat: point.lat,
        lon: point.lon,
        capitalNeededEur: roundTo(rng.range(150_000, 3_000_000), 10_000),
        deadline: addDays(today, rng.int(60, 240)),
        supplyChain: crisis.chain,
        status: rng.weighted(
          ['open', 'in_progress', 'draft'] as const,
          (s) => ({ open: 7, in_progress: 2, draft: 1 })[s],
        ),
      });
      chosen.forEach((occ, k) => {
        out.roles.push({
          id: uuid('opportunity_role', j * 16 + k),
          opportunityId: id,
          occupationUri: occ.uri,
          count: k === 0 ? rng.int(3, 8) : rng.int(1, 3),
          keySkillUris: rng.sample(occ.essential, Math.min(3, occ.essential.length)).sort(),
        });
      });
      for (const index of rng.sample(crisis.assetIndices, rng.int(1, 4)).sort((a, b) => a - b)) {
        out.assets.push({ opportunityId: id, assetId: uuid('asset', index) });
      }
    }
    return out;
  }

  return {
    options,
    desks: deskRows,
    firms: firmContexts.map((f) => f.row),
    crisisCases: crisisRows,
    profileBatches,
    assetBatches,
    needBatches,
    opportunities: buildOpportunities,
  };
}
