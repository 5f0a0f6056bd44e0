/**
 * Relevance of "job need → people": does the matcher put the right people on top? (issue 17 C)
 *
 *   npm run bench:relevance            # standalone (repository root), ≈ 1 min
 *   npm run bench -- --only=relevance  # as a section of the full benchmark run
 *
 * Builds, with a seeded PRNG, job needs for occupations of the blue and green chains (the ISCO unit
 * groups listed in shared/data/README.md, "Blue/green subset", taken from the bundled reference data
 * seed/reference/*.csv.gz) and a population of people around them. Every person has a *true* occupation
 * and place; what the databank holds is a noisy view of it: essential skills missing, optional and
 * unrelated extra skills, the occupation sometimes not recorded, other languages, distance. Relevance
 * grades come from the true state only (ESCO occupation and the ISCO hierarchy), never from a score:
 *
 *   3  same ESCO occupation, within the need's radius
 *   2  same occupation but up to 1.5 × radius away, or another occupation of the same ISCO unit group
 *      within the radius
 *   1  same ISCO minor group (3 digits) within the radius, or same unit group farther away
 *   0  anything else — including people of unrelated occupations who share transversal skills
 *   A need requiring a language the person does not speak lowers the grade by one.
 *
 * Three rankers order the same candidates (everybody within 1.5 × radius): the matcher
 * (scorePersonForJob), skill-overlap Jaccard, and the embedded search engine's text ranking (the need's
 * occupation label and essential skill labels as queries, fused by reciprocal rank). Reported: mean
 * nDCG@10 (gain 2^grade − 1), precision@10 and recall@20 (relevant = grade ≥ 2), and the ratios.
 */
import {
  buildKnowledge,
  DEFAULT_CONFIG,
  haversineKm,
  scorePersonForJob,
  type ScoringConfig,
  type JobNeedInput,
  type ScoringProfile,
} from '@rilancio/matcher';
import { readReference } from '../../../matcher/bench/reference.js';
import { Rng } from '../../src/demo/prng.js';
import type { ProfileDocument } from '../../src/search/documents.js';
import { EmbeddedSearchAdapter } from '../../src/search/embedded.adapter.js';
import { emit, parseFlags, round, type BenchRow } from '../lib/harness.js';

const flags = parseFlags(process.argv.slice(2));
const NEEDS = Number(flags.get('needs') ?? 320);
const SEED = Number(flags.get('seed') ?? 17);
const SECTION = 'relevance';

// ---------- reference data ----------
const t0 = performance.now();
const occRows = readReference('esco_occupations');
const skillRows = readReference('esco_skills');
const occSkillRows = readReference('esco_occupation_skills');
const broaderRows = readReference('esco_skill_broader');

const knowledge = buildKnowledge({
  skillBroader: broaderRows.map((r) => ({ conceptUri: r.concept_uri!, broaderUri: r.broader_uri! })),
  occupations: occRows.map((o) => ({ uri: o.uri!, iscoGroup: o.isco_group! })),
  occupationSkills: occSkillRows.map((r) => ({
    occupationUri: r.occupation_uri!,
    skillUri: r.skill_uri!,
    relation: r.relation as 'essential' | 'optional',
  })),
});

interface Occupation {
  uri: string;
  isco: string;
  labels: string[];
  labelEn: string;
  essential: string[];
  optional: string[];
}
const skillLabels = new Map(
  skillRows.map((s) => [s.uri!, [s.label_en, s.label_fr, s.label_it].filter((l): l is string => !!l)]),
);
const transversal = new Set(skillRows.filter((s) => s.is_transversal === '1').map((s) => s.uri!));
const essentialOf = new Map<string, string[]>();
const optionalOf = new Map<string, string[]>();
for (const r of occSkillRows) {
  const m = r.relation === 'essential' ? essentialOf : optionalOf;
  if (!m.has(r.occupation_uri!)) m.set(r.occupation_uri!, []);
  m.get(r.occupation_uri!)!.push(r.skill_uri!);
}
const occupations: Occupation[] = occRows
  .map((o) => ({
    uri: o.uri!,
    isco: o.isco_group!,
    labels: [o.label_en, o.label_fr, o.label_it].filter((l): l is string => !!l),
    labelEn: o.label_en!,
    essential: (essentialOf.get(o.uri!) ?? []).sort(),
    optional: (optionalOf.get(o.uri!) ?? []).sort(),
  }))
  .filter((o) => o.essential.length > 0)
  .sort((a, b) => (a.uri < b.uri ? -1 : 1));

/** ISCO unit groups of the blue/green subset, as listed in shared/data/README.md (rule (a)). */
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => String(a + i));
const BLUE_GREEN = new Set([
  ...['3151', '3152', '8350', '9333', '8343', '8344', '4323', '1324', '7232'],
  ...range(6221, 6223),
  ...['1312', '9216', '7511'],
  ...range(7211, 7215),
  ...range(7221, 7224),
  ...['7233', '7126', '7127', '7411', '7412', '7421', '8121', '8122', '8211', '8212', '8219'],
  ...['2141', '2144', '2145', '2151', '2152', '7115', '7131', '7133'],
  ...range(3113, 3115),
  ...['3131', '3135', '7413', '2133', '2143', '3257'],
  ...['2113', '2131', '2132', '3111'],
  ...range(3141, 3143),
  ...range(6111, 6114),
  ...['6121', '6122', '6130', '1311'],
  ...range(7512, 7516),
  ...['8160', '3434'],
  ...range(9211, 9213),
  ...['1411', '1412', '1431', '4221', '4224', '5111', '5113', '5120', '5131', '5132', '3423', '2632'],
]);
const blueGreen = occupations.filter((o) => BLUE_GREEN.has(o.isco) && o.essential.length >= 4);
const byIsco4 = new Map<string, Occupation[]>();
const byIsco3 = new Map<string, Occupation[]>();
for (const o of occupations) {
  (byIsco4.get(o.isco) ?? byIsco4.set(o.isco, []).get(o.isco)!).push(o);
  const g3 = o.isco.slice(0, 3);
  (byIsco3.get(g3) ?? byIsco3.set(g3, []).get(g3)!).push(o);
}
const blueGreenSkills = [...new Set(blueGreen.flatMap((o) => [...o.essential, ...o.optional]))].sort();

// ---------- generation ----------
const TOWNS = [
  { name: 'Genova', lat: 44.4056, lon: 8.9463 },
  { name: 'La Spezia', lat: 44.107, lon: 9.824 },
  { name: 'Savona', lat: 44.3079, lon: 8.481 },
  { name: 'Imperia', lat: 43.8896, lon: 8.0399 },
  { name: 'Livorno', lat: 43.5485, lon: 10.3106 },
  { name: 'Piombino', lat: 42.9255, lon: 10.5265 },
  { name: 'Cagliari', lat: 39.2238, lon: 9.1217 },
  { name: 'Olbia', lat: 40.9234, lon: 9.4964 },
  { name: 'Bastia', lat: 42.6977, lon: 9.4508 },
  { name: 'Ajaccio', lat: 41.9192, lon: 8.7386 },
  { name: 'Marseille', lat: 43.2965, lon: 5.3698 },
  { name: 'Toulon', lat: 43.1242, lon: 5.928 },
];

interface Person {
  profile: ScoringProfile;
  trueOccupation: Occupation;
  speaksItalian: boolean;
}

const rng = new Rng(SEED, 'relevance');
const needs: { need: JobNeedInput; occ: Occupation }[] = [];
const people: Person[] = [];

function offset(p: { lat: number; lon: number }, km: number) {
  const bearing = rng.float() * 2 * Math.PI;
  const lat = p.lat + (km / 111.2) * Math.cos(bearing);
  const lon = p.lon + (km / (111.2 * Math.cos((p.lat * Math.PI) / 180))) * Math.sin(bearing);
  return { lat, lon };
}

const keep = (list: readonly string[], p: number) => list.filter(() => rng.chance(p));

function person(
  occ: Occupation,
  place: { lat: number; lon: number },
  km: number,
  opts: { recorded?: boolean; extra?: string[] } = {},
) {
  const id = `p${String(people.length).padStart(5, '0')}`;
  const speaksItalian = rng.chance(0.85);
  const skills = new Set([
    ...keep(occ.essential, 0.55),
    ...keep(occ.optional, 0.2),
    ...rng.sample(blueGreenSkills, rng.int(0, 3)),
    ...(opts.extra ?? []),
  ]);
  const sources = ['declared', 'declared', 'certified', 'inferred'] as const;
  const profile: ScoringProfile = {
    id,
    code: `P-${id}`,
    occupations:
      opts.recorded === false ? [] : [{ uri: occ.uri, iscoGroup: occ.isco, years: rng.range(0.5, 20, 1) }],
    skills: [...skills].sort().map((uri) => ({ uri, source: rng.pick(sources) })),
    languages: speaksItalian ? [{ code: 'it', cefr: 'C1' }] : [{ code: 'fr', cefr: 'C1' }],
    eqfLevel: rng.chance(0.3) ? null : rng.int(2, 6),
    drivingLicences: [],
    home: offset(place, km),
    mobilityKm: rng.int(20, 80),
    availableFrom: `2027-0${rng.int(1, 4)}-01`,
    employmentStatus: 'unemployed',
    desiredPaths: ['employment'],
    supplyChains: [],
    naceDivisions: [],
    crisisCaseId: null,
    deskId: 'bench',
  };
  people.push({ profile, trueOccupation: occ, speaksItalian });
}

const needOccs = rng.sample(blueGreen, Math.min(NEEDS, blueGreen.length));
while (needOccs.length < NEEDS) needOccs.push(rng.pick(blueGreen));
for (const [i, occ] of needOccs.entries()) {
  const town = rng.pick(TOWNS);
  const place = offset(town, rng.range(0, 10));
  const radiusKm = rng.int(25, 60);
  const need: JobNeedInput = {
    id: `n${String(i).padStart(4, '0')}`,
    occupationUri: occ.uri,
    iscoGroup: occ.isco,
    essentialSkills: rng.sample(occ.essential, Math.min(occ.essential.length, 8)).sort(),
    optionalSkills: rng.sample(occ.optional, Math.min(occ.optional.length, 4)).sort(),
    positions: 1,
    place,
    radiusKm,
    languages: rng.chance(0.3) ? [{ code: 'it', minCefr: 'B1' }] : [],
    minEqf: null,
    startDate: '2027-03-01',
    supplyChain: null,
    naceDivision: null,
  };
  needs.push({ need, occ });
  const within = () => rng.range(0, radiusKm * 0.9);
  // The right occupation: nearby, one not recording it, two beyond the radius.
  for (let j = 0; j < 5; j++) person(occ, place, within(), { recorded: j !== 0 });
  for (let j = 0; j < 2; j++) person(occ, place, rng.range(radiusKm * 1.1, radiusKm * 1.45));
  // Same ISCO unit group, other occupation; then same minor group, other unit group.
  const sib4 = (byIsco4.get(occ.isco) ?? []).filter((o) => o.uri !== occ.uri);
  const sib3 = (byIsco3.get(occ.isco.slice(0, 3)) ?? []).filter((o) => o.isco !== occ.isco);
  for (let j = 0; j < 4; j++) if (sib4.length) person(rng.pick(sib4), place, within());
  for (let j = 0; j < 3; j++) if (sib3.length) person(rng.pick(sib3), place, within());
  // Unrelated occupations that share some of the need's skills, transversal ones first.
  const needSkills = [...need.essentialSkills, ...need.optionalSkills];
  const shared = [
    ...needSkills.filter((s) => transversal.has(s)),
    ...needSkills.filter((s) => !transversal.has(s)),
  ];
  const unrelated = occupations.filter((o) => o.isco[0] !== occ.isco[0]);
  for (let j = 0; j < 5; j++)
    person(rng.pick(unrelated), place, within(), { extra: shared.slice(0, rng.int(2, 4)) });
  for (let j = 0; j < 5; j++) person(rng.pick(occupations), place, within());
}

// ---------- ground truth ----------
function grade(p: Person, n: JobNeedInput): number {
  const km = haversineKm(p.profile.home, n.place);
  const o = p.trueOccupation;
  let g = 0;
  if (o.uri === n.occupationUri) g = km <= n.radiusKm ? 3 : km <= 1.5 * n.radiusKm ? 2 : 0;
  else if (o.isco === n.iscoGroup) g = km <= n.radiusKm ? 2 : 1;
  else if (o.isco.slice(0, 3) === n.iscoGroup.slice(0, 3)) g = km <= n.radiusKm ? 1 : 0;
  if (g > 0 && n.languages.some((l) => l.code === 'it') && !p.speaksItalian) g -= 1;
  return g;
}

// ---------- rankers ----------
const byScore = (a: { id: string; s: number }, b: { id: string; s: number }) =>
  b.s - a.s || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function rankMatcher(n: JobNeedInput, pool: Person[], config: ScoringConfig = DEFAULT_CONFIG): string[] {
  return pool
    .map((p) => {
      const r = scorePersonForJob(p.profile, n, knowledge, config);
      // Excluded people go after every ranked one, still in score order.
      return { id: p.profile.id, s: r.score - (r.exclusions.length > 0 ? 10 : 0) };
    })
    .sort(byScore)
    .map((x) => x.id);
}

function rankJaccard(n: JobNeedInput, pool: Person[]): string[] {
  const want = new Set([...n.essentialSkills, ...n.optionalSkills]);
  return pool
    .map((p) => {
      const have = new Set(p.profile.skills.map((s) => s.uri));
      let inter = 0;
      for (const s of have) if (want.has(s)) inter++;
      const union = want.size + have.size - inter;
      return { id: p.profile.id, s: union === 0 ? 0 : inter / union };
    })
    .sort(byScore)
    .map((x) => x.id);
}

const search = new EmbeddedSearchAdapter();
const docs: ProfileDocument[] = people.map((p) => ({
  id: p.profile.id,
  version: 1,
  code: p.profile.code,
  deskId: 'bench',
  occupationUris: p.profile.occupations.map((o) => o.uri),
  occupationLabels: p.profile.occupations.flatMap(
    (o) => occupations.find((x) => x.uri === o.uri)?.labels ?? [],
  ),
  iscoGroups: p.profile.occupations.map((o) => o.iscoGroup),
  skillUris: p.profile.skills.map((s) => s.uri),
  skillLabels: p.profile.skills.flatMap((s) => skillLabels.get(s.uri) ?? []),
  languages: p.profile.languages.map((l) => l.code),
  location: p.profile.home,
  mobilityKm: p.profile.mobilityKm,
}));
await search.upsert('profiles', docs);

/** The need's occupation label and essential skill labels as queries, fused by reciprocal rank (k = 60). */
async function rankSearch(n: JobNeedInput, occ: Occupation, pool: Person[]): Promise<string[]> {
  const inPool = new Set(pool.map((p) => p.profile.id));
  const fused = new Map<string, number>();
  const queries = [occ.labelEn, ...n.essentialSkills.map((s) => skillLabels.get(s)?.[0] ?? '')].filter(
    Boolean,
  );
  for (const q of queries) {
    const res = await search.search('profiles', {
      q,
      filters: [{ op: 'geoRadius', lat: n.place.lat, lon: n.place.lon, km: 1.5 * n.radiusKm }],
      limit: 200,
    });
    res.hits.forEach((h, i) => {
      if (inPool.has(h.id)) fused.set(h.id, (fused.get(h.id) ?? 0) + 1 / (60 + i + 1));
    });
  }
  return pool
    .map((p) => ({ id: p.profile.id, s: fused.get(p.profile.id) ?? 0 }))
    .sort(byScore)
    .map((x) => x.id);
}

// ---------- metrics ----------
function ndcgAt(ranked: string[], grades: Map<string, number>, k: number): number {
  const gain = (g: number) => 2 ** g - 1;
  let dcg = 0;
  ranked.slice(0, k).forEach((id, i) => (dcg += gain(grades.get(id) ?? 0) / Math.log2(i + 2)));
  const ideal = [...grades.values()].sort((a, b) => b - a).slice(0, k);
  let idcg = 0;
  ideal.forEach((g, i) => (idcg += gain(g) / Math.log2(i + 2)));
  return idcg === 0 ? 0 : dcg / idcg;
}
const relevant = (g: number | undefined) => (g ?? 0) >= 2;
const precisionAt = (ranked: string[], grades: Map<string, number>, k: number) =>
  ranked.slice(0, k).filter((id) => relevant(grades.get(id))).length / k;
function recallAt(ranked: string[], grades: Map<string, number>, k: number): number {
  const total = [...grades.values()].filter(relevant).length;
  return total === 0 ? 0 : ranked.slice(0, k).filter((id) => relevant(grades.get(id))).length / total;
}

const RANKERS = ['matcher', 'jaccard', 'search'] as const;
type Ranker = (typeof RANKERS)[number];
const sums: Record<Ranker, { ndcg: number; p10: number; r20: number }> = {
  matcher: { ndcg: 0, p10: 0, r20: 0 },
  jaccard: { ndcg: 0, p10: 0, r20: 0 },
  search: { ndcg: 0, p10: 0, r20: 0 },
};
let evaluated = 0;
let poolTotal = 0;
for (const { need, occ } of needs) {
  const pool = people.filter((p) => haversineKm(p.profile.home, need.place) <= 1.5 * need.radiusKm);
  const grades = new Map(pool.map((p) => [p.profile.id, grade(p, need)]));
  if (![...grades.values()].some(relevant)) continue;
  evaluated++;
  poolTotal += pool.length;
  const ranked: Record<Ranker, string[]> = {
    matcher: rankMatcher(need, pool),
    jaccard: rankJaccard(need, pool),
    search: await rankSearch(need, occ, pool),
  };
  for (const r of RANKERS) {
    sums[r].ndcg += ndcgAt(ranked[r], grades, 10);
    sums[r].p10 += precisionAt(ranked[r], grades, 10);
    sums[r].r20 += recallAt(ranked[r], grades, 20);
  }
}
const mean = (r: Ranker) => ({
  ndcg: sums[r].ndcg / evaluated,
  p10: sums[r].p10 / evaluated,
  r20: sums[r].r20 / evaluated,
});
const m = { matcher: mean('matcher'), jaccard: mean('jaccard'), search: mean('search') };
const seconds = (performance.now() - t0) / 1000;

// ---------- report ----------
const rows: BenchRow[] = [];
for (const [metric, key] of [
  ['nDCG@10', 'ndcg'],
  ['precision@10', 'p10'],
  ['recall@20', 'r20'],
] as const)
  for (const base of ['jaccard', 'search'] as const)
    rows.push({
      section: SECTION,
      name: `${metric} matcher vs ${base === 'jaccard' ? 'skill Jaccard' : 'search text ranking'}`,
      value: round(m.matcher[key], 3),
      unit: '',
      baseline: { name: base, value: round(m[base][key], 3), unit: '' },
      // Here higher is better: the ratio is ours ÷ baseline.
      ratio: round(m.matcher[key] / m[base][key], 2),
      note: `${evaluated} needs, ${people.length} people, seed ${SEED}`,
    });
emit(rows);

const pct = (x: number) => `${(x * 100).toFixed(1)}`;
console.log(
  `\nRelevance (job need → people): ${evaluated} needs of ${blueGreen.length} blue/green occupations, ` +
    `${people.length} people, mean pool ${Math.round(poolTotal / evaluated)}, seed ${SEED}, ${seconds.toFixed(1)} s`,
);
console.log('ranker                 nDCG@10  P@10   R@20');
for (const r of RANKERS)
  console.log(
    `${r.padEnd(22)} ${pct(m[r].ndcg).padStart(6)}  ${pct(m[r].p10).padStart(5)}  ${pct(m[r].r20).padStart(5)}`,
  );
for (const base of ['jaccard', 'search'] as const)
  console.log(
    `matcher ÷ ${base}: nDCG@10 ×${(m.matcher.ndcg / m[base].ndcg).toFixed(2)}, ` +
      `P@10 ×${(m.matcher.p10 / m[base].p10).toFixed(2)}, R@20 ×${(m.matcher.r20 / m[base].r20).toFixed(2)}`,
  );
