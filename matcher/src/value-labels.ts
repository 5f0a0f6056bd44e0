import type { Lang } from './types.js';

/**
 * Words for the codes a reason may carry (supply chain, opportunity kind, asset kind…), so an
 * explanation reads "Nautica e cantieristica", never "nautical_shipbuilding". The same wording as the
 * UI's value labels (ui/src/lib/i18n), kept here because the matcher is pure and renders on its own.
 */
type Words = Readonly<Record<Lang, string>>;
type Vocabulary = Readonly<Record<string, Words>>;

const w = (it: string, fr: string, en: string): Words => ({ it, fr, en });

export const VOCABULARIES = {
  supplyChain: {
    nautical_shipbuilding: w(
      'nautica e cantieristica',
      'nautisme et construction navale',
      'nautical and shipbuilding',
    ),
    sustainable_tourism: w(
      'turismo innovativo e sostenibile',
      'tourisme innovant et durable',
      'innovative and sustainable tourism',
    ),
    blue_green_biotech: w(
      'biotecnologie blu e verdi',
      'biotechnologies bleues et vertes',
      'blue and green biotech',
    ),
    renewable_energy: w(
      'energie rinnovabili blu e verdi',
      'énergies renouvelables bleues et vertes',
      'blue and green renewable energy',
    ),
    ports_logistics: w('porti e logistica', 'ports et logistique', 'ports and logistics'),
    fishing_aquaculture: w('pesca e acquacoltura', 'pêche et aquaculture', 'fishing and aquaculture'),
    agri_food: w('agroalimentare', 'agroalimentaire', 'agri-food'),
    mechanics_metalworking: w(
      'meccanica e metalmeccanica',
      'mécanique et métallurgie',
      'mechanics and metalworking',
    ),
    other: w('altra filiera', 'autre filière', 'other supply chain'),
  },
  opportunityKind: {
    wbo: w('workers buy-out', 'reprise par les salariés (SCOP)', 'workers buy-out'),
    mbo: w('management buy-out', 'rachat par les cadres (MBO)', 'management buy-out'),
    spin_off: w('spin-off', 'essaimage (spin-off)', 'spin-off'),
    start_up: w('start-up', "création d'entreprise", 'start-up'),
    community_coop: w('cooperativa di comunità', 'coopérative de territoire', 'community cooperative'),
  },
  assetKind: {
    machine: w('macchinario', 'machine', 'machine'),
    equipment: w('attrezzatura', 'équipement', 'equipment'),
    plant: w('impianto', 'installation', 'plant'),
    area: w('area industriale', 'zone industrielle', 'industrial area'),
    building: w('capannone / edificio', 'hangar / bâtiment', 'shed / building'),
  },
  assetCategory: {
    machine_tools: w('macchine utensili', 'machines-outils', 'machine tools'),
    welding: w('saldatura', 'soudage', 'welding'),
    lifting_cranes: w('sollevamento e gru', 'levage et grues', 'lifting and cranes'),
    marine_equipment: w('attrezzature navali', 'équipement naval', 'marine equipment'),
    cold_storage: w('celle frigorifere', 'chambres froides', 'cold storage'),
    food_processing: w('trasformazione alimentare', 'transformation alimentaire', 'food processing'),
    workshop: w('officina', 'atelier', 'workshop'),
    warehouse: w('magazzino', 'entrepôt', 'warehouse'),
    office: w('uffici', 'bureaux', 'offices'),
    shipyard: w('cantiere navale', 'chantier naval', 'shipyard'),
    energy: w('energia', 'énergie', 'energy'),
    vehicles: w('veicoli', 'véhicules', 'vehicles'),
    other: w('altro', 'autre', 'other'),
  },
  assetStatus: {
    draft: w('bozza', 'brouillon', 'draft'),
    available: w('disponibile', 'disponible', 'available'),
    reserved: w('riservato', 'réservé', 'reserved'),
    assigned: w('assegnato', 'attribué', 'assigned'),
    withdrawn: w('ritirato', 'retiré', 'withdrawn'),
  },
  /** How an asset is offered. */
  availability: {
    sale: w('vendita', 'vente', 'sale'),
    lease: w('locazione', 'location', 'lease'),
    free_loan: w("comodato d'uso", 'prêt à usage', 'free loan'),
    auction: w('asta', 'enchères', 'auction'),
  },
  /** How an asset need wants to acquire. */
  acquisitionMode: {
    buy: w('acquisto', 'achat', 'purchase'),
    lease: w('locazione', 'location', 'lease'),
    either: w('acquisto o locazione', 'achat ou location', 'purchase or lease'),
  },
  language: {
    it: w('italiano', 'italien', 'Italian'),
    fr: w('francese', 'français', 'French'),
    en: w('inglese', 'anglais', 'English'),
    es: w('spagnolo', 'espagnol', 'Spanish'),
    de: w('tedesco', 'allemand', 'German'),
    pt: w('portoghese', 'portugais', 'Portuguese'),
    ar: w('arabo', 'arabe', 'Arabic'),
    ro: w('rumeno', 'roumain', 'Romanian'),
    sq: w('albanese', 'albanais', 'Albanian'),
    zh: w('cinese', 'chinois', 'Chinese'),
    ru: w('russo', 'russe', 'Russian'),
    uk: w('ucraino', 'ukrainien', 'Ukrainian'),
  },
} satisfies Record<string, Vocabulary>;

export type VocabularyName = keyof typeof VOCABULARIES;

/**
 * The words for a code. An unknown code (a vocabulary grown on the server first) is shown with its
 * underscores as spaces rather than as a raw code.
 */
export function valueLabel(vocabulary: VocabularyName, code: string, lang: Lang): string {
  const entry = (VOCABULARIES[vocabulary] as Vocabulary)[code];
  return entry ? entry[lang] : code.replace(/_/g, ' ');
}

const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-12-24" as people write it: 24/12/2026 in Italian and French, 24 Dec 2026 in English. */
export function formatDate(iso: string, lang: Lang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [, y, mo, d] = m;
  return lang === 'en' ? `${Number(d)} ${MONTHS_EN[Number(mo) - 1]} ${y}` : `${d}/${mo}/${y}`;
}

/** "fr:B2, en:C1" (languages short of their level) as "francese (B2), inglese (C1)". */
export function formatLanguageLevels(list: string, lang: Lang): string {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((item) => {
      const [code, level] = item.split(':');
      const name = valueLabel('language', (code ?? '').toLowerCase(), lang);
      return level ? `${name} (${level})` : name;
    })
    .join(', ');
}

/**
 * Singular or plural for a count: French treats 0 and 1 as singular ("0 jour"), Italian and English only
 * 1 ("0 giorni", "0 days").
 */
export function isSingular(n: number, lang: Lang): boolean {
  return lang === 'fr' ? Math.abs(n) < 2 : n === 1;
}
