import { valueLabel, type VocabularyName } from '@rilancio/vocabulary';
import type { Lang } from './issues.js';
import type { EnumDefinition } from './values.js';

/**
 * The closed lists a file may name, keyed by the domain's codes (the API's and the database's). Each
 * code's IT, FR and EN words come first, from the one catalogue (@rilancio/vocabulary) the screens use,
 * so templates, exports and import reports say what the screens say; then come the other spellings a
 * file may use: words the files layer printed before the catalogue was shared, and its former short
 * codes (`nautical`, `wbo`, `poor`, `loan`…), so old files and old exports still import. Matching
 * ignores case, accents and punctuation (see normalize.ts).
 */
function worded<C extends string>(
  vocabulary: VocabularyName,
  spellings: Readonly<Record<C, readonly string[]>>,
): EnumDefinition<C> {
  const def = {} as Record<C, readonly string[]>;
  for (const code of Object.keys(spellings) as C[]) {
    const words = LANGS.map((lang) => valueLabel(vocabulary, code, lang));
    if (words.some((w) => w === undefined))
      throw new Error(`The catalogue has no words for ${vocabulary}.${code}`);
    def[code] = [...(words as string[]), ...spellings[code].filter((s) => !words.includes(s))];
  }
  return def;
}
const LANGS = ['it', 'fr', 'en'] as const;

export const SUPPLY_CHAINS = worded('supplyChain', {
  nautical_shipbuilding: [
    'Nautica e cantieristica',
    'Nautisme et construction navale',
    'Nautical and shipbuilding',
    'nautica',
    'cantieristica',
    'cantieristica navale',
    'nautique',
    'navale',
    'shipbuilding',
    'nautical',
  ],
  sustainable_tourism: [
    'Turismo innovativo e sostenibile',
    'Tourisme innovant et durable',
    'Innovative and sustainable tourism',
    'turismo',
    'tourisme',
    'tourism',
  ],
  blue_green_biotech: [
    'Biotecnologie blu e verdi',
    'Biotechnologies bleues et vertes',
    'Blue and green biotech',
    'biotecnologie',
    'biotechnologies',
    'biotech',
  ],
  renewable_energy: [
    'Energie rinnovabili blu e verdi',
    'Énergies renouvelables bleues et vertes',
    'Blue and green renewable energy',
    'energie rinnovabili',
    'rinnovabili',
    'energies renouvelables',
    'renewable energy',
    'renewables',
  ],
  ports_logistics: [
    'Porti e logistica',
    'Ports et logistique',
    'Ports and logistics',
    'logistica',
    'logistique',
    'logistics',
  ],
  fishing_aquaculture: [
    'Pesca e acquacoltura',
    'Pêche et aquaculture',
    'Fishing and aquaculture',
    'pesca',
    'peche',
    'fishing',
    'acquacoltura',
    'aquaculture',
  ],
  agri_food: ['Agroalimentare', 'Agroalimentaire', 'Agri-food', 'agrifood', 'food'],
  mechanics_metalworking: [
    'Meccanica e metalmeccanica',
    'Mécanique et métallurgie',
    'Mechanics and metalworking',
    'meccanica',
    'metalmeccanica',
    'mecanique',
    'metallurgie',
    'mechanics',
    'metalworking',
  ],
  other: ['Altro', 'Autre', 'Other'],
});

export const EMPLOYMENT_STATUS = worded('employmentStatus', {
  unemployed: [
    'Disoccupato',
    'Sans emploi',
    'Unemployed',
    'disoccupata',
    'senza lavoro',
    "demandeur d'emploi",
    'chomeur',
    'chomeuse',
  ],
  at_risk: [
    'A rischio',
    'Menacé de licenciement',
    'At risk',
    'in esubero',
    'esubero',
    'menace',
    'menacee de licenciement',
    'risque de licenciement',
  ],
  furloughed: [
    'Cassa integrazione',
    'Activité partielle',
    'Furloughed',
    'cig',
    'cigs',
    'cassintegrato',
    'cassintegrata',
    'chomage partiel',
    'In cassa integrazione',
    'En chômage partiel',
  ],
});

export const DESIRED_PATHS = worded('desiredPaths', {
  employment: ['Lavoro dipendente', 'Emploi salarié', 'Employment', 'occupazione', 'lavoro', 'emploi', 'job'],
  start_up: [
    "Avvio d'impresa",
    "Création d'entreprise",
    'Start-up',
    'startup',
    'autoimpiego',
    'nuova impresa',
  ],
  workers_buy_out: [
    'Workers buy-out',
    'Reprise par les salariés',
    'Workers buy-out (WBO)',
    'wbo',
    'scop',
    'reprise salaries',
  ],
  spin_off: ['Spin-off', 'Essaimage', 'Spin-off', 'spinoff', 'Essaimage (spin-off)'],
  community_coop: [
    'Cooperativa di comunità',
    'Coopérative communautaire',
    'Community cooperative',
    'cooperativa',
    'cooperative',
    'Coopérative de territoire',
  ],
});

export const ASSET_KINDS = worded('kind', {
  machine: ['Macchinario', 'Machine', 'Machine', 'macchina', 'macchine', 'machines'],
  equipment: ['Attrezzatura', 'Équipement', 'Equipment', 'attrezzature', 'materiel', 'equipements'],
  plant: ['Impianto', 'Installation', 'Plant', 'impianti', 'installations', 'usine'],
  area: [
    'Area industriale',
    'Zone industrielle',
    'Industrial area',
    'area',
    'terreno',
    'terrain',
    'zone',
    'land',
  ],
  building: [
    'Capannone',
    'Bâtiment',
    'Building',
    'capannoni',
    'edificio',
    'immobile',
    'hangar',
    'entrepot',
    'shed',
    'warehouse',
    'Capannone / edificio',
    'Hangar / bâtiment',
    'Shed / building',
  ],
});

export const ASSET_CONDITIONS = worded('condition', {
  new: ['Nuovo', 'Neuf', 'New', 'nuova'],
  good: ['Buono', 'Bon état', 'Good', 'buone condizioni', 'ottimo', 'bon', 'tres bon etat'],
  fair: ['Discreto', 'État moyen', 'Fair', 'usato', 'correct', 'used', 'moyen'],
  // The screens' words (UI catalogue) are aliases too: a desk types what it read on the facets.
  needs_repair: [
    'Da revisionare',
    'À réviser',
    'Poor',
    'scarso',
    'mauvais etat',
    'a reviser',
    'Da riparare',
    'À réparer',
    'Needs repair',
    'poor',
  ],
  for_parts: ['Per ricambi', 'Pour pièces', 'For parts', 'ricambi', 'pieces detachees', 'parts'],
});

export const AVAILABILITY = worded('availability', {
  sale: ['Vendita', 'Vente', 'Sale', 'in vendita', 'a vendre', 'for sale'],
  lease: ['Locazione', 'Location', 'Lease', 'affitto', 'bail', 'rent', 'for rent'],
  free_loan: ["Comodato d'uso", 'Prêt à usage', 'Free loan', 'comodato', 'pret', 'loan'],
  auction: ['Asta', 'Enchères', 'Auction', 'vente aux encheres', 'all asta'],
});

export const ASSET_STATUS = worded('assetStatus', {
  draft: ['Bozza', 'Brouillon', 'Draft'],
  available: ['Disponibile', 'Disponible', 'Available'],
  reserved: ['Riservato', 'Réservé', 'Reserved', 'prenotato', 'riservata'],
  assigned: ['Assegnato', 'Attribué', 'Assigned', 'assegnata', 'affecte'],
  withdrawn: ['Ritirato', 'Retiré', 'Withdrawn', 'ritirata'],
  expired: ['Scaduto', 'Expiré', 'Expired', 'scaduta'],
});

export const SIZE_BANDS = worded('sizeBand', {
  micro: [
    'Micro (0-9)',
    'Micro (0-9)',
    'Micro (0-9)',
    'micro',
    'microimpresa',
    'micro impresa',
    'microentreprise',
    'tpe',
  ],
  small: ['Piccola (10-49)', 'Petite (10-49)', 'Small (10-49)', 'piccola', 'petite', 'small'],
  medium: ['Media (50-249)', 'Moyenne (50-249)', 'Medium (50-249)', 'media', 'moyenne', 'medium', 'eti'],
  large: ['Grande (250+)', 'Grande (250+)', 'Large (250+)', 'grande', 'grande entreprise', 'large'],
});

export const FIRM_STATES = worded('firmState', {
  active: ['Attiva', 'Active', 'Active', 'attivo', 'en activite'],
  in_crisis: ['In crisi', 'En crise', 'In crisis', 'crisi', 'en difficulte'],
  closed: ['Cessata', 'Fermée', 'Closed', 'chiusa', 'cessee', 'fermee'],
});

export const NEED_TYPES = worded('needType', {
  job: ['Lavoro', 'Emploi', 'Job', 'posto di lavoro', 'personale', 'poste', 'recrutement'],
  asset: ['Risorsa', 'Bien', 'Asset', 'bene', 'beni', 'immobile', 'macchinario'],
});

export const CONTRACT_TYPES = worded('contractType', {
  permanent: ['Tempo indeterminato', 'CDI', 'Permanent', 'indeterminato', 'contrat a duree indeterminee'],
  fixed_term: ['Tempo determinato', 'CDD', 'Fixed-term', 'determinato', 'contrat a duree determinee'],
  apprenticeship: ['Apprendistato', 'Apprentissage', 'Apprenticeship', 'alternance'],
  seasonal: ['Stagionale', 'Saisonnier', 'Seasonal'],
  // The API has no agency-work or internship contract: files naming one import as "other".
  other: [
    'Altro',
    'Autre',
    'Other',
    'Somministrazione',
    'Intérim',
    'Temporary agency',
    'interinale',
    'interim',
    'temporary',
    'Tirocinio',
    'Stage',
    'Internship',
    'internship',
  ],
});

export const ACQUISITION = worded('acquisitionMode', {
  buy: ['Acquisto', 'Achat', 'Buy', 'compravendita', 'purchase', 'acquisition'],
  lease: ['Locazione', 'Location', 'Lease', 'affitto', 'rent'],
  either: ['Indifferente', 'Indifférent', 'Either', 'entrambi', 'les deux', 'both'],
});

export const OPPORTUNITY_TYPES = worded('opportunityKind', {
  wbo: [
    'Workers buy-out',
    'Reprise par les salariés',
    'Workers buy-out',
    'wbo',
    'scop',
    'Reprise par les salariés (SCOP)',
  ],
  mbo: [
    'Management buy-out',
    'Rachat par les dirigeants',
    'Management buy-out',
    'mbo',
    'Rachat par les cadres (MBO)',
  ],
  spin_off: ['Spin-off', 'Essaimage', 'Spin-off', 'spinoff', 'Essaimage (spin-off)'],
  start_up: ['Start-up', "Création d'entreprise", 'Start-up', 'startup', 'nuova impresa'],
  community_coop: [
    'Cooperativa di comunità',
    'Coopérative communautaire',
    'Community cooperative',
    'Coopérative de territoire',
  ],
});

/** A need's status: exports word it (the files layer does not import it). */
export const NEED_STATUS = worded('needStatus', {
  draft: ['Bozza', 'Brouillon', 'Draft'],
  open: ['Aperto', 'Ouvert', 'Open', 'aperta'],
  filled: ['Coperto', 'Pourvu', 'Filled', 'coperta'],
  closed: ['Chiuso', 'Fermé', 'Closed', 'chiusa'],
});

export const OPPORTUNITY_STATUS = worded('opportunityStatus', {
  draft: ['Bozza', 'Brouillon', 'Draft'],
  open: ['Aperta', 'Ouverte', 'Open', 'aperto'],
  in_progress: ['In corso', 'En cours', 'In progress'],
  closed: ['Chiusa', 'Fermée', 'Closed', 'conclusa', 'terminee'],
});

/** The display label of an enum code in a language (first three entries: IT, FR, EN). */
export function enumLabel(def: EnumDefinition, code: string, lang: Lang): string {
  const labels = def[code];
  if (!labels) return code;
  return labels[lang === 'it' ? 0 : lang === 'fr' ? 1 : 2] ?? code;
}
