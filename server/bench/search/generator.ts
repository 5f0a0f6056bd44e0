/**
 * Deterministic generator of assets and pseudonymised profiles for search benchmarks (and the lead's
 * PostgreSQL baseline): Italian/French titles, categories, regions and real-ish coordinates in Liguria,
 * Tuscany, Sardinia, Corsica and Provence. Same seed → same data.
 */
import { mulberry32 } from '../../src/demo/prng.js';
import type { AssetDocument, ProfileDocument } from '../../src/search/documents.js';

/** The demo generator's seeded PRNG (mulberry32). */
export const rng = mulberry32;

type Rand = () => number;
const pick = <T>(r: Rand, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
const int = (r: Rand, lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));

interface Place {
  municipality: string;
  province: string;
  region: string;
  country: 'IT' | 'FR';
  lat: number;
  lon: number;
}

const P = (
  municipality: string,
  province: string,
  region: string,
  country: 'IT' | 'FR',
  lat: number,
  lon: number,
): Place => ({ municipality, province, region, country, lat, lon });

export const PLACES: readonly Place[] = [
  P('Genova', 'GE', 'Liguria', 'IT', 44.407, 8.934),
  P('La Spezia', 'SP', 'Liguria', 'IT', 44.102, 9.824),
  P('Savona', 'SV', 'Liguria', 'IT', 44.309, 8.477),
  P('Imperia', 'IM', 'Liguria', 'IT', 43.889, 8.039),
  P('Chiavari', 'GE', 'Liguria', 'IT', 44.316, 9.322),
  P('Sestri Levante', 'GE', 'Liguria', 'IT', 44.271, 9.393),
  P('Lerici', 'SP', 'Liguria', 'IT', 44.076, 9.911),
  P('Sarzana', 'SP', 'Liguria', 'IT', 44.112, 9.96),
  P('Albenga', 'SV', 'Liguria', 'IT', 44.049, 8.213),
  P('Vado Ligure', 'SV', 'Liguria', 'IT', 44.27, 8.436),
  P('Ventimiglia', 'IM', 'Liguria', 'IT', 43.79, 7.608),
  P('Livorno', 'LI', 'Toscana', 'IT', 43.548, 10.311),
  P('Piombino', 'LI', 'Toscana', 'IT', 42.925, 10.526),
  P('Pisa', 'PI', 'Toscana', 'IT', 43.716, 10.402),
  P('Viareggio', 'LU', 'Toscana', 'IT', 43.872, 10.25),
  P('Carrara', 'MS', 'Toscana', 'IT', 44.079, 10.097),
  P('Massa', 'MS', 'Toscana', 'IT', 44.035, 10.139),
  P('Portoferraio', 'LI', 'Toscana', 'IT', 42.813, 10.314),
  P('Grosseto', 'GR', 'Toscana', 'IT', 42.76, 11.113),
  P('Orbetello', 'GR', 'Toscana', 'IT', 42.44, 11.211),
  P('Cecina', 'LI', 'Toscana', 'IT', 43.31, 10.517),
  P('Rosignano Marittimo', 'LI', 'Toscana', 'IT', 43.404, 10.472),
  P('Lucca', 'LU', 'Toscana', 'IT', 43.843, 10.507),
  P('Cagliari', 'CA', 'Sardegna', 'IT', 39.223, 9.121),
  P('Olbia', 'SS', 'Sardegna', 'IT', 40.923, 9.498),
  P('Sassari', 'SS', 'Sardegna', 'IT', 40.726, 8.56),
  P('Porto Torres', 'SS', 'Sardegna', 'IT', 40.835, 8.401),
  P('Oristano', 'OR', 'Sardegna', 'IT', 39.906, 8.588),
  P('Alghero', 'SS', 'Sardegna', 'IT', 40.558, 8.319),
  P('Tortolì', 'NU', 'Sardegna', 'IT', 39.926, 9.657),
  P("Sant'Antioco", 'SU', 'Sardegna', 'IT', 39.066, 8.454),
  P('Portoscuso', 'SU', 'Sardegna', 'IT', 39.207, 8.38),
  P('La Maddalena', 'SS', 'Sardegna', 'IT', 41.214, 9.408),
  P('Ajaccio', '2A', 'Corse', 'FR', 41.919, 8.738),
  P('Bastia', '2B', 'Corse', 'FR', 42.697, 9.451),
  P('Porto-Vecchio', '2A', 'Corse', 'FR', 41.591, 9.279),
  P('Calvi', '2B', 'Corse', 'FR', 42.567, 8.757),
  P('Bonifacio', '2A', 'Corse', 'FR', 41.387, 9.159),
  P('Propriano', '2A', 'Corse', 'FR', 41.676, 8.904),
  P('Marseille', '13', "Provence-Alpes-Côte d'Azur", 'FR', 43.296, 5.37),
  P('Toulon', '83', "Provence-Alpes-Côte d'Azur", 'FR', 43.124, 5.928),
  P('Nice', '06', "Provence-Alpes-Côte d'Azur", 'FR', 43.71, 7.262),
  P('La Seyne-sur-Mer', '83', "Provence-Alpes-Côte d'Azur", 'FR', 43.1, 5.883),
  P('Fos-sur-Mer', '13', "Provence-Alpes-Côte d'Azur", 'FR', 43.438, 4.945),
  P('Martigues', '13', "Provence-Alpes-Côte d'Azur", 'FR', 43.405, 5.048),
  P('La Ciotat', '13', "Provence-Alpes-Côte d'Azur", 'FR', 43.175, 5.605),
  P('Cannes', '06', "Provence-Alpes-Côte d'Azur", 'FR', 43.552, 7.017),
  P('Antibes', '06', "Provence-Alpes-Côte d'Azur", 'FR', 43.58, 7.125),
  P('Hyères', '83', "Provence-Alpes-Côte d'Azur", 'FR', 43.12, 6.13),
  P('Menton', '06', "Provence-Alpes-Côte d'Azur", 'FR', 43.775, 7.497),
  P('Istres', '13', "Provence-Alpes-Côte d'Azur", 'FR', 43.513, 4.988),
];

interface AssetKindDef {
  kind: 'machine' | 'equipment' | 'plant' | 'area' | 'building';
  category: string;
  categoryLabels: string[];
  it: string;
  fr: string;
  brands: string[];
}

const KIND_LABELS: Record<AssetKindDef['kind'], string[]> = {
  machine: ['macchina', 'machine', 'machine'],
  equipment: ['attrezzatura', 'équipement', 'equipment'],
  plant: ['impianto', 'installation', 'plant'],
  area: ['area industriale', 'zone industrielle', 'industrial area'],
  building: ['capannone', 'bâtiment', 'building'],
};

const MACHINE_BRANDS = [
  'Mazak',
  'Haas',
  'Okuma',
  'Biglia',
  'Colchester',
  'Emco',
  'Doosan',
  'Hurco',
  'Gildemeister',
];
const WELD_BRANDS = ['Lincoln', 'Esab', 'Fronius', 'Kemppi', 'Telwin', 'Cebora', 'Migatronic'];
const SHEET_BRANDS = ['Trumpf', 'Amada', 'Bystronic', 'Salvagnini', 'Gasparini', 'Prima Power'];
const LIFT_BRANDS = ['Demag', 'Abus', 'Liebherr', 'Manitou', 'Jungheinrich', 'Fassi', 'Cimolai'];
const COLD_BRANDS = ['Carrier', 'Daikin', 'Rivacold', 'Epta', 'Zanotti', 'Bitzer'];
const FOOD_BRANDS = ['Tetra Pak', 'Bertuzzi', 'Alfa Laval', 'Pieralisi', 'Sacmi', 'Ocme'];
const ENERGY_BRANDS = ['Vestas', 'Enercon', 'Siemens', 'Schneider', 'ABB', 'Caterpillar', 'Perkins'];

const KINDS: AssetKindDef[] = [
  {
    kind: 'machine',
    category: 'machine_tools',
    categoryLabels: ['macchine utensili', 'machines-outils', 'machine tools'],
    it: 'Tornio CNC',
    fr: 'Tour CNC',
    brands: MACHINE_BRANDS,
  },
  {
    kind: 'machine',
    category: 'machine_tools',
    categoryLabels: ['macchine utensili', 'machines-outils', 'machine tools'],
    it: 'Fresatrice verticale',
    fr: 'Fraiseuse verticale',
    brands: MACHINE_BRANDS,
  },
  {
    kind: 'machine',
    category: 'machine_tools',
    categoryLabels: ['macchine utensili', 'machines-outils', 'machine tools'],
    it: 'Centro di lavoro',
    fr: "Centre d'usinage",
    brands: MACHINE_BRANDS,
  },
  {
    kind: 'machine',
    category: 'machine_tools',
    categoryLabels: ['macchine utensili', 'machines-outils', 'machine tools'],
    it: 'Rettificatrice',
    fr: 'Rectifieuse',
    brands: MACHINE_BRANDS,
  },
  {
    kind: 'machine',
    category: 'welding',
    categoryLabels: ['saldatura', 'soudage', 'welding'],
    it: 'Saldatrice TIG',
    fr: 'Poste à souder TIG',
    brands: WELD_BRANDS,
  },
  {
    kind: 'machine',
    category: 'welding',
    categoryLabels: ['saldatura', 'soudage', 'welding'],
    it: 'Saldatrice MIG',
    fr: 'Poste à souder MIG',
    brands: WELD_BRANDS,
  },
  {
    kind: 'machine',
    category: 'sheet_metal',
    categoryLabels: ['lamiera', 'tôlerie', 'sheet metal'],
    it: 'Piegatrice',
    fr: 'Presse plieuse',
    brands: SHEET_BRANDS,
  },
  {
    kind: 'machine',
    category: 'sheet_metal',
    categoryLabels: ['lamiera', 'tôlerie', 'sheet metal'],
    it: 'Taglio laser',
    fr: 'Découpe laser',
    brands: SHEET_BRANDS,
  },
  {
    kind: 'equipment',
    category: 'lifting',
    categoryLabels: ['sollevamento', 'levage', 'lifting'],
    it: 'Carroponte',
    fr: 'Pont roulant',
    brands: LIFT_BRANDS,
  },
  {
    kind: 'equipment',
    category: 'lifting',
    categoryLabels: ['sollevamento', 'levage', 'lifting'],
    it: 'Gru portuale',
    fr: 'Grue portuaire',
    brands: LIFT_BRANDS,
  },
  {
    kind: 'equipment',
    category: 'lifting',
    categoryLabels: ['sollevamento', 'levage', 'lifting'],
    it: 'Carrello elevatore',
    fr: 'Chariot élévateur',
    brands: LIFT_BRANDS,
  },
  {
    kind: 'equipment',
    category: 'marine',
    categoryLabels: ['attrezzature navali', 'équipement naval', 'marine equipment'],
    it: 'Travel lift',
    fr: 'Élévateur à bateaux',
    brands: LIFT_BRANDS,
  },
  {
    kind: 'equipment',
    category: 'cold_storage',
    categoryLabels: ['refrigerazione', 'froid', 'cold storage'],
    it: 'Cella frigorifera',
    fr: 'Chambre froide',
    brands: COLD_BRANDS,
  },
  {
    kind: 'equipment',
    category: 'cold_storage',
    categoryLabels: ['refrigerazione', 'froid', 'cold storage'],
    it: 'Abbattitore',
    fr: 'Cellule de refroidissement',
    brands: COLD_BRANDS,
  },
  {
    kind: 'plant',
    category: 'food_processing',
    categoryLabels: ['alimentare', 'agroalimentaire', 'food processing'],
    it: 'Linea di confezionamento',
    fr: 'Ligne de conditionnement',
    brands: FOOD_BRANDS,
  },
  {
    kind: 'plant',
    category: 'food_processing',
    categoryLabels: ['alimentare', 'agroalimentaire', 'food processing'],
    it: 'Frantoio',
    fr: 'Moulin à huile',
    brands: FOOD_BRANDS,
  },
  {
    kind: 'plant',
    category: 'energy',
    categoryLabels: ['energia', 'énergie', 'energy'],
    it: 'Impianto fotovoltaico',
    fr: 'Installation photovoltaïque',
    brands: ENERGY_BRANDS,
  },
  {
    kind: 'plant',
    category: 'energy',
    categoryLabels: ['energia', 'énergie', 'energy'],
    it: 'Gruppo elettrogeno',
    fr: 'Groupe électrogène',
    brands: ENERGY_BRANDS,
  },
  {
    kind: 'building',
    category: 'warehouse',
    categoryLabels: ['magazzino', 'entrepôt', 'warehouse'],
    it: 'Capannone industriale',
    fr: 'Hangar industriel',
    brands: [],
  },
  {
    kind: 'building',
    category: 'workshop',
    categoryLabels: ['officina', 'atelier', 'workshop'],
    it: 'Officina meccanica',
    fr: 'Atelier mécanique',
    brands: [],
  },
  {
    kind: 'building',
    category: 'office',
    categoryLabels: ['uffici', 'bureaux', 'offices'],
    it: 'Palazzina uffici',
    fr: 'Immeuble de bureaux',
    brands: [],
  },
  {
    kind: 'area',
    category: 'industrial_area',
    categoryLabels: ['area industriale', 'zone industrielle', 'industrial area'],
    it: 'Area industriale',
    fr: 'Terrain industriel',
    brands: [],
  },
  {
    kind: 'area',
    category: 'shipyard',
    categoryLabels: ['cantiere navale', 'chantier naval', 'shipyard'],
    it: 'Cantiere navale',
    fr: 'Chantier naval',
    brands: [],
  },
];

const QUALIFIERS_IT = [
  'con banchina',
  'con carroponte',
  'fronte porto',
  'con piazzale',
  'ristrutturato',
  'con uffici',
  'con scalo di alaggio',
  'con celle frigorifere',
];
const QUALIFIERS_FR = [
  'avec quai',
  'avec pont roulant',
  'face au port',
  'avec terre-plein',
  'rénové',
  'avec bureaux',
  'avec cale de halage',
  'avec chambres froides',
];
const DESC_IT = [
  'Ottimo stato',
  'manutenzione regolare',
  'disponibile subito',
  'documentazione completa',
  'vicino al porto',
  'accesso per mezzi pesanti',
  'impianto elettrico a norma',
  'ex sito produttivo',
  'liberato da procedura concorsuale',
  'visitabile su appuntamento',
];
const DESC_FR = [
  'Très bon état',
  'entretien régulier',
  'disponible immédiatement',
  'documentation complète',
  'proche du port',
  'accès poids lourds',
  'installation électrique aux normes',
  'ancien site de production',
  'libéré par une procédure collective',
  'visite sur rendez-vous',
];
const SUPPLY = [
  'nautical',
  'tourism',
  'biotech',
  'renewables',
  'ports_logistics',
  'fishing',
  'agrifood',
  'metalworking',
];
const STATUS = ['available', 'available', 'available', 'reserved', 'assigned', 'draft'];
const AVAIL = ['sale', 'lease', 'free_loan', 'auction'] as const;
const CONDITION = ['new', 'good', 'used', 'to_repair'];

/** The words a person would type to find this asset: kind noun, brand or size, model or place. */
export interface GeneratedAsset {
  doc: AssetDocument;
  /** Words from the title that identify it (used to build typo queries). */
  keyWords: string[];
}

export function generateAssets(n: number, seed = 42): GeneratedAsset[] {
  const r = rng(seed);
  const out: GeneratedAsset[] = [];
  for (let i = 0; i < n; i++) {
    const k = pick(r, KINDS);
    const place = pick(r, PLACES);
    const fr = place.country === 'FR' ? r() < 0.85 : r() < 0.1;
    const noun = fr ? k.fr : k.it;
    let title: string;
    let keyWords: string[];
    const year = int(r, 1985, 2023);
    const doc: Partial<AssetDocument> = {};
    if (k.brands.length > 0) {
      const brand = pick(r, k.brands);
      const model = `${String.fromCharCode(65 + int(r, 0, 25))}${String.fromCharCode(65 + int(r, 0, 25))}-${int(r, 100, 9999)}`;
      title = `${noun} ${brand} ${model} (${year})`;
      keyWords = [noun.split(' ')[0]!, brand.split(' ')[0]!, model.split('-')[1]!];
      doc.powerKw = int(r, 2, 400);
    } else {
      const m2 = int(r, 200, 40000);
      const q = pick(r, fr ? QUALIFIERS_FR : QUALIFIERS_IT);
      title = `${noun} ${m2} m² ${q} – ${place.municipality}`;
      keyWords = [noun.split(' ')[0]!, String(m2), place.municipality.split(/[ '-]/)[0]!];
      doc.coveredAreaM2 = m2;
      doc.landAreaM2 = m2 * int(r, 1, 4);
      doc.heightM = int(r, 4, 18);
      doc.powerKva = int(r, 50, 2000);
      doc.loadingBays = int(r, 0, 12);
      doc.craneTonnage = r() < 0.4 ? int(r, 5, 80) : 0;
      doc.quayAccess = r() < 0.3;
      if (doc.quayAccess) doc.draftM = int(r, 2, 14);
    }
    const desc = Array.from({ length: int(r, 3, 7) }, () => pick(r, fr ? DESC_FR : DESC_IT)).join(', ');
    const lat = place.lat + (r() - 0.5) * 0.2;
    const lon = place.lon + (r() - 0.5) * 0.2;
    const availability = pick(r, AVAIL);
    Object.assign(doc, {
      id: `a-${i.toString().padStart(6, '0')}`,
      version: 1,
      deskId: `desk-${place.region.slice(0, 3).toLowerCase()}`,
      title,
      description: `${desc}. ${place.municipality}.`,
      kind: k.kind,
      kindLabels: KIND_LABELS[k.kind],
      category: k.category,
      categoryLabels: k.categoryLabels,
      status: pick(r, STATUS),
      availability,
      condition: pick(r, CONDITION),
      supplyChains: [pick(r, SUPPLY)],
      region: place.region,
      province: place.province,
      municipality: place.municipality,
      country: place.country,
      location: { lat, lon },
      distanceToPortKm: int(r, 0, 60),
      priceEur: availability === 'sale' || availability === 'auction' ? int(r, 1, 500) * 1000 : undefined,
      rentEurMonth: availability === 'lease' ? int(r, 2, 200) * 100 : undefined,
      year,
      crisisCaseId: `cc-${int(r, 1, 300)}`,
      availableFrom: new Date(Date.UTC(2026, int(r, 0, 11), int(r, 1, 28))).toISOString(),
      createdAt: new Date(Date.UTC(2025, int(r, 0, 11), int(r, 1, 28))).toISOString(),
    });
    if (availability === 'auction')
      doc.availableUntil = new Date(Date.UTC(2027, int(r, 0, 11), 1)).toISOString();
    for (const key of Object.keys(doc) as Array<keyof AssetDocument>)
      if (doc[key] === undefined) delete doc[key];
    out.push({ doc: doc as AssetDocument, keyWords });
  }
  return out;
}

interface OccupationDef {
  uri: string;
  isco: string;
  labels: string[];
  skills: number[];
}

export const SKILLS: ReadonlyArray<{ uri: string; labels: string[] }> = [
  ['saldatura TIG', 'soudage TIG', 'TIG welding'],
  ['saldatura MIG', 'soudage MIG', 'MIG welding'],
  ['lettura del disegno tecnico', 'lecture de plans', 'read engineering drawings'],
  ['programmazione CNC', 'programmation CNC', 'CNC programming'],
  ['uso del carroponte', 'conduite de pont roulant', 'operate overhead crane'],
  ['carpenteria navale', 'charpente navale', 'ship carpentry'],
  ['verniciatura industriale', 'peinture industrielle', 'industrial painting'],
  ['impianti elettrici', 'installations électriques', 'electrical installations'],
  ['manutenzione meccanica', 'maintenance mécanique', 'mechanical maintenance'],
  ['catena del freddo', 'chaîne du froid', 'cold chain'],
  ['sicurezza sul lavoro', 'sécurité au travail', 'occupational safety'],
  ['guida del carrello elevatore', 'conduite de chariot élévateur', 'operate forklift'],
  ['accoglienza clienti', 'accueil des clients', 'customer reception'],
  ['cucina', 'cuisine', 'cooking'],
  ['logistica di magazzino', 'logistique d’entrepôt', 'warehouse logistics'],
  ['installazione fotovoltaico', 'pose de panneaux photovoltaïques', 'install solar panels'],
  ['pesca professionale', 'pêche professionnelle', 'commercial fishing'],
  ['trasformazione alimentare', 'transformation alimentaire', 'food processing'],
].map((labels, i) => ({ uri: `esco:skill/${i}`, labels }));

export const OCCUPATIONS: readonly OccupationDef[] = [
  {
    labels: ['saldatore', 'saldatrice', 'soudeur', 'soudeuse', 'welder'],
    skills: [0, 1, 2, 10],
    isco: '7212',
  },
  { labels: ['tornitore', 'tourneur', 'lathe operator'], skills: [2, 3, 8], isco: '7223' },
  { labels: ['fresatore', 'fraiseur', 'milling machine operator'], skills: [2, 3, 8], isco: '7223' },
  { labels: ['carpentiere navale', 'charpentier de marine', 'shipwright'], skills: [5, 2, 10], isco: '7115' },
  { labels: ['gruista', 'grutier', 'crane operator'], skills: [4, 10], isco: '8343' },
  { labels: ['elettricista', 'électricien', 'electrician'], skills: [7, 10, 15], isco: '7411' },
  { labels: ['verniciatore', 'peintre industriel', 'industrial painter'], skills: [6, 10], isco: '7132' },
  { labels: ['magazziniere', 'magasinier', 'warehouse worker'], skills: [11, 14], isco: '9333' },
  {
    labels: ['manutentore meccanico', 'mécanicien de maintenance', 'maintenance mechanic'],
    skills: [8, 2],
    isco: '7233',
  },
  { labels: ['cuoco', 'cuisinier', 'cook'], skills: [13, 9], isco: '5120' },
  { labels: ['receptionist', 'réceptionniste', 'hotel receptionist'], skills: [12], isco: '4224' },
  { labels: ['pescatore', 'pêcheur', 'fisher'], skills: [16, 9], isco: '6222' },
  {
    labels: ['operatore alimentare', 'opérateur agroalimentaire', 'food production operator'],
    skills: [17, 9],
    isco: '8160',
  },
  {
    labels: ['installatore fotovoltaico', 'installateur photovoltaïque', 'solar panel installer'],
    skills: [15, 7],
    isco: '7411',
  },
].map((o, i) => ({ ...o, uri: `esco:occupation/${i}` }));

const STATUSES = ['unemployed', 'at_risk', 'furloughed'];
const PATHS = ['employment', 'start_up', 'workers_buy_out', 'spin_off', 'community_coop'];
const LANGS = ['it', 'fr', 'en', 'es', 'de'];

export function generateProfiles(n: number, seed = 7): ProfileDocument[] {
  const r = rng(seed);
  const code = (i: number) => `P-${(i * 7919 + 12345).toString(36).toUpperCase().padStart(5, '0').slice(-5)}`;
  const out: ProfileDocument[] = [];
  for (let i = 0; i < n; i++) {
    const occ = [pick(r, OCCUPATIONS)];
    if (r() < 0.3) occ.push(pick(r, OCCUPATIONS));
    const skillIds = new Set(occ.flatMap((o) => o.skills.filter(() => r() < 0.8)));
    const place = pick(r, PLACES);
    out.push({
      id: `p-${i.toString().padStart(6, '0')}`,
      version: 1,
      code: code(i),
      deskId: `desk-${place.region.slice(0, 3).toLowerCase()}`,
      occupationUris: occ.map((o) => o.uri),
      occupationLabels: occ.flatMap((o) => o.labels),
      iscoGroups: occ.map((o) => o.isco),
      skillUris: [...skillIds].map((s) => SKILLS[s]!.uri),
      skillLabels: [...skillIds].flatMap((s) => SKILLS[s]!.labels),
      languages: [place.country === 'IT' ? 'it' : 'fr', ...(r() < 0.4 ? [pick(r, LANGS)] : [])],
      eqfLevel: int(r, 2, 7),
      drivingLicences: r() < 0.7 ? ['B'] : ['B', 'C'],
      employmentStatus: pick(r, STATUSES),
      desiredPaths: [pick(r, PATHS)],
      supplyChains: [pick(r, SUPPLY)],
      crisisCaseId: `cc-${int(r, 1, 300)}`,
      region: place.region,
      province: place.province,
      municipality: place.municipality,
      location: { lat: place.lat, lon: place.lon },
      mobilityKm: pick(r, [10, 20, 30, 50, 100]),
      availableFrom: new Date(Date.UTC(2026, int(r, 0, 11), 1)).toISOString(),
      updatedAt: new Date(Date.UTC(2026, int(r, 0, 10), 1)).toISOString(),
    });
  }
  return out;
}

/** Introduces `typos` edits (substitution, deletion, insertion or adjacent swap) into a word. */
export function misspell(word: string, typos: number, r: Rand): string {
  let w = word;
  for (let t = 0; t < typos; t++) {
    const i = 1 + Math.floor(r() * (w.length - 2));
    const op = Math.floor(r() * 4);
    const c = String.fromCharCode(97 + Math.floor(r() * 26));
    if (op === 0) w = w.slice(0, i) + c + w.slice(i + 1);
    else if (op === 1) w = w.slice(0, i) + w.slice(i + 1);
    else if (op === 2) w = w.slice(0, i) + c + w.slice(i);
    else w = w.slice(0, i - 1) + w[i] + w[i - 1] + w.slice(i + 1);
  }
  return w;
}

/** Broad words a desk types (Italian, French): the text part of the "text + filters + facets" queries. */
export const BROAD_QUERIES = [
  'capannone',
  'hangar',
  'tornio',
  'saldatrice',
  'carroponte',
  'quai',
  'cella frigorifera',
  'impianto',
  'porto',
  'atelier',
];
