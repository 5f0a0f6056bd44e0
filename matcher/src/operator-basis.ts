import type { Knowledge } from './knowledge.js';
import type { AssetInput } from './types.js';

/**
 * What an asset asks of the person who operates it, derived from its category (docs/scoring-spec.md,
 * "Asset → people who can operate it"). Free-form required skills on an asset are often generic
 * ("quality standards"); the occupations that run such equipment are the stronger signal, and their
 * essential skills in ESCO say what the work needs. A test checks every code and URI below against
 * the bundled reference data (seed/reference/esco_occupations.csv.gz).
 */

const OCC = 'http://data.europa.eu/esco/occupation/';

export interface OperatorOccupations {
  /** ISCO-08 unit groups (4 digits) whose workers run this kind of asset. */
  readonly iscoGroups: readonly string[];
  /** ESCO occupations that run it most directly; each must belong to one of `iscoGroups`. */
  readonly occupations: readonly { readonly uri: string; readonly iscoGroup: string }[];
}

const occ = (id: string, iscoGroup: string) => ({ uri: OCC + id, iscoGroup });

/**
 * Asset category → who operates it. Categories with no entry (office, other) give no basis from the
 * category alone; then only the asset's own required skills can rank people.
 */
export const OPERATOR_OCCUPATIONS: Readonly<Record<string, OperatorOccupations>> = {
  // Lathes, mills, drills, grinders: metal working machine tool setters and operators.
  machine_tools: {
    iscoGroups: ['7223'],
    occupations: [
      occ('63042e8f-dd59-47fe-87f3-3b2ce21f196a', '7223'), // lathe and turning machine operator
      occ('7d9242d3-2a55-45e3-9d67-be76f879de0b', '7223'), // metalworking lathe operator
      occ('a1c9f8b7-c4ce-4b15-ac3c-3378c300d8f2', '7223'), // milling machine operator
      occ('ebe42b55-4801-493f-af18-04a35ebfbb9c', '7223'), // drilling machine operator
      occ('1d8545df-e3d8-4ece-9449-0f2940e97e7c', '7223'), // grinding machine operator
      occ('0e09c42d-bff2-4c35-8e1f-639a6dddaa5d', '7223'), // boring machine operator
    ],
  },
  welding: {
    iscoGroups: ['7212'],
    occupations: [
      occ('7aedaa07-3884-4c5b-88f9-80997b2aa54b', '7212'), // welder
      occ('2ff73126-7aff-4233-9d9c-d8725e1c6822', '7212'), // pipe welder
      occ('97dadd59-d1cb-4fef-81a7-d92eb15572e2', '7212'), // spot welder
    ],
  },
  // Cranes (8343) and, for lighter lifting, forklifts (8344).
  lifting_cranes: {
    iscoGroups: ['8343', '8344'],
    occupations: [
      occ('dc90cee4-bf4a-4d62-b729-faf49e62643e', '8343'), // container crane operator
      occ('1f2b8092-1787-4ef4-9282-cf81ce4b4d76', '8343'), // mobile crane operator
      occ('1de948c1-192a-4810-afb7-48548217a912', '8343'), // production plant crane operator
      occ('0ea5fdff-074c-4094-98b9-04432361e4d9', '8343'), // tower crane operator
    ],
  },
  // Engines and machinery on board: ship engineers (3151) and marine mechanics and fitters (7233).
  marine_equipment: {
    iscoGroups: ['3151', '7233'],
    occupations: [
      occ('cd19e8d1-6abd-4c99-a9bb-85e7c30aca31', '3151'), // marine chief engineer
      occ('9dbbeb2c-0d51-4c03-8ef6-8dfa7360db22', '3151'), // ship assistant engineer
      occ('6ce86c90-36cc-43ef-a1e0-885d8151f976', '3151'), // ship duty engineer
      occ('88589d68-b870-440e-8444-32e9935cbbbc', '7233'), // marine mechanic
      occ('5e748def-5b90-41e2-aa8b-2ebcc7d25ab0', '7233'), // marine fitter
    ],
  },
  // Refrigeration plant: refrigeration technicians (3115) and refrigeration mechanics (7127).
  cold_storage: {
    iscoGroups: ['3115', '7127'],
    occupations: [
      occ('8234eee9-1647-460d-8d62-7fe02cb884b0', '3115'), // refrigeration air condition and heat pump technician
      occ('79f435d0-9bc6-4d25-a26a-acbe16569ebb', '7127'), // heating and ventilation service engineer
    ],
  },
  food_processing: {
    iscoGroups: ['8160'],
    occupations: [
      occ('e3dc66de-99c7-4607-a82b-7244036d316d', '8160'), // food production operator
      occ('9aeefea6-11c3-4479-b703-902ee84787d7', '8160'), // dairy processing operator
      occ('83de6811-975d-4f7c-b81e-604c0c17e800', '8160'), // fish production operator
    ],
  },
  // Warehouses: stock clerks (4321), forklift operators (8344), warehouse workers (9333).
  warehouse: {
    iscoGroups: ['4321', '8344', '9333'],
    occupations: [
      occ('eeac6251-1974-42f5-91ed-513c6c883755', '8344'), // forklift operator
      occ('bea705fe-06ac-4147-b8e0-6e8ac1208d8f', '9333'), // warehouse worker
      occ('30870ea4-5e8e-4b92-a9d5-65e3b97a9b30', '4321'), // raw materials warehouse specialist
    ],
  },
  // A general mechanical workshop: machinery mechanics (7233), precision mechanics (7222), machine tools (7223).
  workshop: {
    iscoGroups: ['7233', '7222', '7223'],
    occupations: [
      occ('269c47e7-9017-4aa6-bce8-49e89a696a64', '7233'), // industrial machinery mechanic
      occ('d1974e0c-8f92-473b-a32d-f0616c08b1ff', '7222'), // precision mechanic
    ],
  },
  // Hulls and steel structures: shipwrights (7214), boilermakers (7213), welders (7212).
  shipyard: {
    iscoGroups: ['7214', '7213', '7212'],
    occupations: [
      occ('8afab6c4-6145-4ea1-a0ae-d2c3438bda7e', '7214'), // shipwright
      occ('5ed024ab-3b6a-4e06-a7fe-8a29f8469a64', '7213'), // boilermaker
    ],
  },
  // Power plants: plant operators (3131) and industrial electricians (7411).
  energy: {
    iscoGroups: ['3131', '7411'],
    occupations: [
      occ('72381086-cb6e-455e-a40b-ccb26550aab6', '3131'), // power production plant operator
      occ('6d823dbb-4008-4fb7-b98d-f9d934478647', '3131'), // solar power plant operator
      occ('5df63943-f1bc-4438-90f1-92768a7a23c8', '7411'), // industrial electrician
    ],
  },
  // Lorries and vans: drivers (8332) and vehicle mechanics (7231).
  vehicles: {
    iscoGroups: ['8332', '7231'],
    occupations: [
      occ('45037d43-a8f5-4f46-b332-b2935bc305f4', '8332'), // cargo vehicle driver
      occ('24d378d8-1e16-4667-bdb4-1f4a0f2c6379', '7231'), // diesel engine mechanic
    ],
  },
};

/** Skills derived from occupations are kept few, so an explanation stays readable. */
const MAX_DERIVED_SKILLS = 12;

export interface OperatorBasis {
  /** Occupations (exact ESCO) and ISCO groups the category points to; empty when none. */
  readonly occupations: OperatorOccupations['occupations'];
  readonly iscoGroups: readonly string[];
  /**
   * Skills to cover, all essential: the asset's own required skills, then the essential skills
   * shared by at least half of the category's occupations (most shared first, then by URI).
   */
  readonly skills: readonly string[];
  /** False when neither the category nor the asset says anything: no basis to rank operators. */
  readonly hasBasis: boolean;
}

/** Essential skills common to at least half of the occupations (core of the work). */
function coreSkills(occupations: OperatorOccupations['occupations'], k: Knowledge): string[] {
  const counts = new Map<number, number>();
  let known = 0;
  for (const o of occupations) {
    const id = k.occupationId.get(o.uri);
    if (id === undefined) continue;
    known++;
    for (const s of k.essentialSkills[id]!) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  const min = Math.max(1, Math.ceil(known / 2));
  return [...counts]
    .filter(([, n]) => n >= min)
    .map(([s, n]) => ({ uri: k.skillUri[s]!, n }))
    .sort((a, b) => b.n - a.n || (a.uri < b.uri ? -1 : a.uri > b.uri ? 1 : 0))
    .slice(0, MAX_DERIVED_SKILLS)
    .map((x) => x.uri);
}

/** What ranks the operators of an asset. Pure: depends only on the asset, the table and `k`. */
export function operatorBasis(a: AssetInput, k: Knowledge): OperatorBasis {
  const entry = OPERATOR_OCCUPATIONS[a.category];
  const occupations = entry?.occupations ?? [];
  const skills = [...new Set([...a.requiredSkills, ...coreSkills(occupations, k)])];
  const iscoGroups = entry?.iscoGroups ?? [];
  return { occupations, iscoGroups, skills, hasBasis: skills.length > 0 || iscoGroups.length > 0 };
}
