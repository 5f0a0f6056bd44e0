import type { Lang, Localized } from './issues.js';
import type { EnumDefinition } from './values.js';

/**
 * The import/export column dictionary, declared once per entity (profiles, assets, firms,
 * needs, opportunities) in line with shared/DOMAIN.md. Header matching, row conversion,
 * localized export headers and import templates are all driven from here, so a field added
 * once is importable, exportable and templated in IT/FR/EN.
 *
 * Enum convention: each code lists its IT, FR and EN display labels first, then any other
 * accepted spelling. Matching ignores case, accents and punctuation (see normalize.ts).
 * Reference fields (municipality, ESCO occupations and skills, firm VAT, crisis case) are
 * kept as the text the desk wrote: the import service resolves them against reference data
 * and turns free text into suggestions, never silent guesses.
 */
export type FieldType =
  | 'text'
  | 'integer'
  | 'number'
  | 'date'
  | 'boolean'
  | 'enum'
  | 'enumList'
  | 'list'
  | 'email'
  | 'phone'
  | 'languages'
  | 'latitude'
  | 'longitude';

type PlainExample = string | number | boolean | readonly string[];
/**
 * A template's example: one value, or one per language where the value is words a desk writes in its own
 * language (ESCO labels: the Italian template says "saldatore", the French one "soudeur").
 */
export type ExampleValue =
  PlainExample | { readonly it: PlainExample; readonly fr: PlainExample; readonly en: PlainExample };

/** The example of a field as the template of that language shows it. */
export function exampleIn(field: FieldDef, lang: Lang): PlainExample {
  const ex = field.example;
  return typeof ex === 'object' && !Array.isArray(ex)
    ? (ex as Record<Lang, PlainExample>)[lang]
    : (ex as PlainExample);
}

/** Real ESCO concepts for the examples: a template's example row must import as it is (issue 17). */
const WELDER = { it: 'saldatore', fr: 'soudeur', en: 'welder' } as const;
const SHIPWRIGHT_URI = 'http://data.europa.eu/esco/occupation/8afab6c4-6145-4ea1-a0ae-d2c3438bda7e';
const TIG_WELDING = {
  it: 'saldare con tecnica TIG',
  fr: 'réaliser des tâches de soudage TIG',
  en: 'perform tungsten inert gas welding',
} as const;
const READ_BLUEPRINTS = {
  it: 'leggere disegni tecnici standard',
  fr: 'lire des plans standard',
  en: 'read standard blueprints',
} as const;

export interface FieldDef {
  name: string;
  type: FieldType;
  required?: boolean;
  /** Header used in templates and exports, per language. */
  label: Localized;
  /** Other header spellings accepted on import, any language. */
  aliases?: readonly string[];
  enumValues?: EnumDefinition;
  min?: number;
  max?: number;
  maxLength?: number;
  /** Canonical example for the template row (formatted per language when written). */
  example: ExampleValue;
}

export type EntityName = 'profiles' | 'assets' | 'firms' | 'needs' | 'opportunities';
export const ENTITIES: readonly EntityName[] = ['profiles', 'assets', 'firms', 'needs', 'opportunities'];

const L = (it: string, fr: string, en: string): Localized => ({ it, fr, en });

// ------------------------------------------------------------------------------------------ enums

export const SUPPLY_CHAINS = {
  nautical: [
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
  tourism: [
    'Turismo innovativo e sostenibile',
    'Tourisme innovant et durable',
    'Innovative and sustainable tourism',
    'turismo',
    'tourisme',
    'tourism',
  ],
  biotech: [
    'Biotecnologie blu e verdi',
    'Biotechnologies bleues et vertes',
    'Blue and green biotech',
    'biotecnologie',
    'biotechnologies',
    'biotech',
  ],
  renewables: [
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
  agrifood: ['Agroalimentare', 'Agroalimentaire', 'Agri-food', 'agrifood', 'food'],
  mechanics: [
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
} as const satisfies EnumDefinition;

export const EMPLOYMENT_STATUS = {
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
  ],
} as const satisfies EnumDefinition;

export const DESIRED_PATHS = {
  employment: ['Lavoro dipendente', 'Emploi salarié', 'Employment', 'occupazione', 'lavoro', 'emploi', 'job'],
  startup: [
    "Avvio d'impresa",
    "Création d'entreprise",
    'Start-up',
    'startup',
    'autoimpiego',
    'nuova impresa',
  ],
  wbo: [
    'Workers buy-out',
    'Reprise par les salariés',
    'Workers buy-out (WBO)',
    'wbo',
    'scop',
    'reprise salaries',
  ],
  spinoff: ['Spin-off', 'Essaimage', 'Spin-off', 'spinoff'],
  community_coop: [
    'Cooperativa di comunità',
    'Coopérative communautaire',
    'Community cooperative',
    'cooperativa',
    'cooperative',
  ],
} as const satisfies EnumDefinition;

export const ASSET_KINDS = {
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
  ],
} as const satisfies EnumDefinition;

export const ASSET_CONDITIONS = {
  new: ['Nuovo', 'Neuf', 'New', 'nuova'],
  good: ['Buono', 'Bon état', 'Good', 'buone condizioni', 'ottimo', 'bon', 'tres bon etat'],
  fair: ['Discreto', 'État moyen', 'Fair', 'usato', 'correct', 'used', 'moyen'],
  poor: ['Da revisionare', 'À réviser', 'Poor', 'scarso', 'mauvais etat', 'a reviser'],
  parts: ['Per ricambi', 'Pour pièces', 'For parts', 'ricambi', 'pieces detachees'],
} as const satisfies EnumDefinition;

export const AVAILABILITY = {
  sale: ['Vendita', 'Vente', 'Sale', 'in vendita', 'a vendre', 'for sale'],
  lease: ['Locazione', 'Location', 'Lease', 'affitto', 'bail', 'rent', 'for rent'],
  loan: ["Comodato d'uso", 'Prêt à usage', 'Free loan', 'comodato', 'pret', 'loan'],
  auction: ['Asta', 'Enchères', 'Auction', 'vente aux encheres', 'all asta'],
} as const satisfies EnumDefinition;

export const ASSET_STATUS = {
  draft: ['Bozza', 'Brouillon', 'Draft'],
  available: ['Disponibile', 'Disponible', 'Available'],
  reserved: ['Riservato', 'Réservé', 'Reserved', 'prenotato', 'riservata'],
  assigned: ['Assegnato', 'Attribué', 'Assigned', 'assegnata', 'affecte'],
  withdrawn: ['Ritirato', 'Retiré', 'Withdrawn', 'ritirata'],
} as const satisfies EnumDefinition;

export const SIZE_BANDS = {
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
} as const satisfies EnumDefinition;

export const FIRM_STATES = {
  active: ['Attiva', 'Active', 'Active', 'attivo', 'en activite'],
  in_crisis: ['In crisi', 'En crise', 'In crisis', 'crisi', 'en difficulte'],
  closed: ['Cessata', 'Fermée', 'Closed', 'chiusa', 'cessee', 'fermee'],
} as const satisfies EnumDefinition;

export const NEED_TYPES = {
  job: ['Lavoro', 'Emploi', 'Job', 'posto di lavoro', 'personale', 'poste', 'recrutement'],
  asset: ['Risorsa', 'Bien', 'Asset', 'bene', 'beni', 'immobile', 'macchinario'],
} as const satisfies EnumDefinition;

export const CONTRACT_TYPES = {
  permanent: ['Tempo indeterminato', 'CDI', 'Permanent', 'indeterminato', 'contrat a duree indeterminee'],
  fixed_term: ['Tempo determinato', 'CDD', 'Fixed-term', 'determinato', 'contrat a duree determinee'],
  apprenticeship: ['Apprendistato', 'Apprentissage', 'Apprenticeship', 'alternance'],
  seasonal: ['Stagionale', 'Saisonnier', 'Seasonal'],
  temporary: ['Somministrazione', 'Intérim', 'Temporary agency', 'interinale', 'interim'],
  internship: ['Tirocinio', 'Stage', 'Internship', 'stage'],
} as const satisfies EnumDefinition;

export const ACQUISITION = {
  buy: ['Acquisto', 'Achat', 'Buy', 'compravendita', 'purchase', 'acquisition'],
  lease: ['Locazione', 'Location', 'Lease', 'affitto', 'rent'],
  either: ['Indifferente', 'Indifférent', 'Either', 'entrambi', 'les deux', 'both'],
} as const satisfies EnumDefinition;

export const OPPORTUNITY_TYPES = {
  wbo: ['Workers buy-out', 'Reprise par les salariés', 'Workers buy-out', 'wbo', 'scop'],
  mbo: ['Management buy-out', 'Rachat par les dirigeants', 'Management buy-out', 'mbo'],
  spinoff: ['Spin-off', 'Essaimage', 'Spin-off', 'spinoff'],
  startup: ['Start-up', "Création d'entreprise", 'Start-up', 'startup', 'nuova impresa'],
  community_coop: ['Cooperativa di comunità', 'Coopérative communautaire', 'Community cooperative'],
} as const satisfies EnumDefinition;

/** A need's status: exports word it (the files layer does not import it). */
export const NEED_STATUS = {
  draft: ['Bozza', 'Brouillon', 'Draft'],
  open: ['Aperto', 'Ouvert', 'Open', 'aperta'],
  filled: ['Coperto', 'Pourvu', 'Filled', 'coperta'],
  closed: ['Chiuso', 'Fermé', 'Closed', 'chiusa'],
} as const satisfies EnumDefinition;

export const OPPORTUNITY_STATUS = {
  draft: ['Bozza', 'Brouillon', 'Draft'],
  open: ['Aperta', 'Ouverte', 'Open', 'aperto'],
  in_progress: ['In corso', 'En cours', 'In progress'],
  closed: ['Chiusa', 'Fermée', 'Closed', 'conclusa', 'terminee'],
} as const satisfies EnumDefinition;

/** The display label of an enum code in a language (first three entries: IT, FR, EN). */
export function enumLabel(def: EnumDefinition, code: string, lang: Lang): string {
  const labels = def[code];
  if (!labels) return code;
  return labels[lang === 'it' ? 0 : lang === 'fr' ? 1 : 2] ?? code;
}

// ----------------------------------------------------------------------------------- shared fields

const municipality: FieldDef = {
  name: 'municipality',
  type: 'text',
  required: true,
  label: L('Comune', 'Commune', 'Municipality'),
  aliases: [
    'comune di residenza',
    'citta',
    'localita',
    'ville',
    'localite',
    'city',
    'town',
    'cap',
    'codice postale',
    'code postal',
    'postal code',
    'codice istat',
    'istat',
    'code insee',
    'insee',
  ],
  maxLength: 200,
  example: 'La Spezia',
};

const crisisCaseRef: FieldDef = {
  name: 'crisisCaseRef',
  type: 'text',
  label: L('Dossier di crisi', 'Dossier de crise', 'Crisis case'),
  aliases: [
    'crisi',
    'vertenza',
    'tavolo di crisi',
    'riferimento crisi',
    'crise',
    'reference dossier de crise',
    'crisis case reference',
    'crisis',
  ],
  maxLength: 100,
  example: 'CR-2026-014',
};

const supplyChains: FieldDef = {
  name: 'supplyChains',
  type: 'enumList',
  label: L('Filiere', 'Filières', 'Supply chains'),
  aliases: ['filiera', 'filiere produttive', 'filiere', 'secteur', 'supply chain', 'sector'],
  enumValues: SUPPLY_CHAINS,
  example: ['nautical', 'mechanics'],
};

const externalRef = (example: string): FieldDef => ({
  name: 'externalRef',
  type: 'text',
  required: true,
  label: L('Codice esterno', 'Référence externe', 'External reference'),
  aliases: [
    'codice',
    'riferimento',
    'rif',
    'id',
    'identificativo',
    'reference',
    'ref',
    'identifiant',
    'external id',
    'external ref',
  ],
  maxLength: 100,
  example,
});

const languages: FieldDef = {
  name: 'languages',
  type: 'languages',
  label: L('Lingue (QCER)', 'Langues (CECRL)', 'Languages (CEFR)'),
  aliases: [
    'lingue',
    'lingue straniere',
    'conoscenze linguistiche',
    'langues',
    'langues parlees',
    'languages',
    'language skills',
  ],
  example: ['Italiano C2', 'Francese B1'],
};

const money = (name: string, label: Localized, aliases: string[], example: number): FieldDef => ({
  name,
  type: 'number',
  label,
  aliases,
  min: 0,
  max: 1e10,
  example,
});

const area = (name: string, label: Localized, aliases: string[], example: number): FieldDef => ({
  name,
  type: 'number',
  label,
  aliases,
  min: 0,
  max: 1e8,
  example,
});

// -------------------------------------------------------------------------------------- entities

const profiles: readonly FieldDef[] = [
  externalRef('DESK-GE-00123'),
  {
    name: 'firstName',
    type: 'text',
    required: true,
    label: L('Nome', 'Prénom', 'First name'),
    aliases: ['nome proprio', 'prenom', 'given name', 'forename'],
    maxLength: 100,
    example: 'Giulia',
  },
  {
    name: 'lastName',
    type: 'text',
    required: true,
    label: L('Cognome', 'Nom', 'Last name'),
    aliases: ['nom de famille', 'surname', 'family name'],
    maxLength: 100,
    example: 'Rossi',
  },
  {
    name: 'email',
    type: 'email',
    label: L('E-mail', 'E-mail', 'E-mail'),
    aliases: [
      'email',
      'posta elettronica',
      'indirizzo email',
      'courriel',
      'adresse e mail',
      'mail',
      'e mail address',
    ],
    example: 'giulia.rossi@example.org',
  },
  {
    name: 'phone',
    type: 'phone',
    label: L('Telefono', 'Téléphone', 'Phone'),
    aliases: [
      'cellulare',
      'tel',
      'numero di telefono',
      'portable',
      'numero de telephone',
      'mobile',
      'phone number',
      'telephone',
    ],
    example: '+39 0187 123456',
  },
  municipality,
  {
    name: 'occupations',
    type: 'list',
    label: L('Professioni (ESCO)', 'Métiers (ESCO)', 'Occupations (ESCO)'),
    aliases: [
      'professione',
      'professioni',
      'qualifica',
      'mansione',
      'mansioni',
      'metier',
      'metiers',
      'profession',
      'occupation',
      'esco occupations',
      'job title',
    ],
    example: {
      it: [WELDER.it, SHIPWRIGHT_URI],
      fr: [WELDER.fr, SHIPWRIGHT_URI],
      en: [WELDER.en, SHIPWRIGHT_URI],
    },
  },
  {
    name: 'skills',
    type: 'list',
    label: L('Competenze (ESCO)', 'Compétences (ESCO)', 'Skills (ESCO)'),
    aliases: ['competenze', 'abilita', 'competences', 'skills', 'skill', 'esco skills'],
    example: {
      it: [TIG_WELDING.it, READ_BLUEPRINTS.it],
      fr: [TIG_WELDING.fr, READ_BLUEPRINTS.fr],
      en: [TIG_WELDING.en, READ_BLUEPRINTS.en],
    },
  },
  languages,
  {
    name: 'eqfLevel',
    type: 'integer',
    label: L('Livello EQF', 'Niveau CEC', 'EQF level'),
    aliases: ['eqf', 'livello eqf titolo di studio', 'niveau eqf', 'cec', 'qualification level'],
    min: 1,
    max: 8,
    example: 4,
  },
  {
    name: 'drivingLicences',
    type: 'list',
    label: L('Patenti', 'Permis de conduire', 'Driving licences'),
    aliases: ['patente', 'permis', 'driving licence', 'driving license', 'licences'],
    example: ['B', 'C'],
  },
  {
    name: 'mobilityKm',
    type: 'number',
    label: L('Mobilità (km)', 'Mobilité (km)', 'Mobility (km)'),
    aliases: [
      'raggio di mobilita',
      'mobilita',
      'distanza massima km',
      'mobilite',
      'distance max km',
      'mobility radius km',
      'mobility',
    ],
    min: 0,
    max: 2000,
    example: 40,
  },
  {
    name: 'availableFrom',
    type: 'date',
    label: L('Disponibile dal', 'Disponible à partir du', 'Available from'),
    aliases: [
      'disponibilita',
      'data disponibilita',
      'date de disponibilite',
      'disponible le',
      'availability date',
      'available',
    ],
    example: '2026-03-01',
  },
  {
    name: 'employmentStatus',
    type: 'enum',
    label: L('Condizione occupazionale', 'Situation professionnelle', 'Employment status'),
    aliases: ['stato occupazionale', 'condizione', 'situation', 'statut', 'status'],
    enumValues: EMPLOYMENT_STATUS,
    example: 'furloughed',
  },
  {
    name: 'desiredPaths',
    type: 'enumList',
    label: L('Percorsi desiderati', 'Parcours souhaités', 'Desired paths'),
    aliases: ['percorso desiderato', 'percorsi', 'parcours', 'parcours souhaite', 'desired path', 'paths'],
    enumValues: DESIRED_PATHS,
    example: ['employment', 'wbo'],
  },
  supplyChains,
  crisisCaseRef,
];

const assets: readonly FieldDef[] = [
  {
    name: 'inventoryNumber',
    type: 'text',
    required: true,
    label: L('Numero di inventario', 'Numéro d’inventaire', 'Inventory number'),
    aliases: [
      'inventario',
      'n inventario',
      'num inventario',
      'cespite',
      'codice cespite',
      'inventaire',
      'n inventaire',
      'asset id',
      'asset number',
    ],
    maxLength: 100,
    example: 'INV-2026-0042',
  },
  {
    name: 'title',
    type: 'text',
    required: true,
    label: L('Titolo', 'Titre', 'Title'),
    aliases: ['denominazione', 'nome', 'designation', 'intitule', 'name'],
    maxLength: 300,
    example: 'Capannone con banchina',
  },
  {
    name: 'description',
    type: 'text',
    label: L('Descrizione', 'Description', 'Description'),
    aliases: ['note', 'dettagli', 'details', 'remarques'],
    maxLength: 10_000,
    example: 'Capannone in area portuale, carroponte 20 t.',
  },
  {
    name: 'kind',
    type: 'enum',
    required: true,
    label: L('Tipo', 'Type', 'Kind'),
    aliases: ['tipologia', 'tipo di risorsa', 'type de bien', 'asset type', 'type'],
    enumValues: ASSET_KINDS,
    example: 'building',
  },
  {
    name: 'category',
    type: 'text',
    label: L('Categoria', 'Catégorie', 'Category'),
    aliases: ['settore', 'famiglia', 'famille'],
    maxLength: 200,
    example: 'Magazzino',
  },
  {
    name: 'brand',
    type: 'text',
    label: L('Marca', 'Marque', 'Brand'),
    aliases: ['costruttore', 'produttore', 'fabricant', 'manufacturer', 'make'],
    maxLength: 200,
    example: '',
  },
  { name: 'model', type: 'text', label: L('Modello', 'Modèle', 'Model'), maxLength: 200, example: '' },
  {
    name: 'year',
    type: 'integer',
    label: L('Anno', 'Année', 'Year'),
    aliases: [
      'anno di costruzione',
      'anno costruzione',
      'annee de fabrication',
      'annee de construction',
      'year built',
      'year of manufacture',
    ],
    min: 1800,
    max: 2100,
    example: 1998,
  },
  {
    name: 'condition',
    type: 'enum',
    label: L('Condizioni', 'État', 'Condition'),
    aliases: ['stato d uso', 'stato di conservazione', 'etat general', 'state of repair'],
    enumValues: ASSET_CONDITIONS,
    example: 'good',
  },
  {
    name: 'powerKw',
    type: 'number',
    label: L('Potenza (kW)', 'Puissance (kW)', 'Power (kW)'),
    aliases: ['potenza', 'kw', 'puissance', 'power', 'potenza installata kw'],
    min: 0,
    max: 1e7,
    example: 0,
  },
  area(
    'coveredAreaM2',
    L('Superficie coperta (m²)', 'Surface couverte (m²)', 'Covered area (m²)'),
    [
      'superficie coperta',
      'sup coperta mq',
      'mq coperti',
      'superficie coperta mq',
      'surface couverte',
      'surface batie',
      'covered area',
      'covered area m2',
      'floor area',
    ],
    1850.5,
  ),
  area(
    'landAreaM2',
    L('Superficie del terreno (m²)', 'Surface du terrain (m²)', 'Land area (m²)'),
    [
      'superficie terreno',
      'superficie terreno m2',
      'superficie totale',
      'superficie scoperta',
      'mq terreno',
      'surface terrain',
      'surface totale',
      'land area',
      'site area',
      'plot area',
    ],
    5000,
  ),
  {
    name: 'heightM',
    type: 'number',
    label: L('Altezza (m)', 'Hauteur (m)', 'Height (m)'),
    aliases: [
      'altezza sotto trave',
      'altezza utile',
      'hauteur sous plafond',
      'hauteur libre',
      'clear height',
      'height',
    ],
    min: 0,
    max: 500,
    example: 9.5,
  },
  {
    name: 'craneTonnage',
    type: 'number',
    label: L('Carroponte (t)', 'Pont roulant (t)', 'Crane capacity (t)'),
    aliases: [
      'portata carroponte',
      'carroponte',
      'gru t',
      'capacite pont roulant',
      'pont roulant',
      'crane tonnage',
      'crane',
    ],
    min: 0,
    max: 10_000,
    example: 20,
  },
  {
    name: 'loadingBays',
    type: 'integer',
    label: L('Baie di carico', 'Quais de chargement', 'Loading bays'),
    aliases: ['portoni di carico', 'bocche di carico', 'quais', 'loading docks'],
    min: 0,
    max: 1000,
    example: 4,
  },
  {
    name: 'powerKva',
    type: 'number',
    label: L('Potenza elettrica (kVA)', 'Puissance électrique (kVA)', 'Electrical power (kVA)'),
    aliases: ['kva', 'potenza disponibile kva', 'puissance kva', 'power kva'],
    min: 0,
    max: 1e7,
    example: 400,
  },
  {
    name: 'quayAccess',
    type: 'boolean',
    label: L('Accesso banchina', 'Accès quai', 'Quay access'),
    aliases: ['banchina', 'accesso al mare', 'quai', 'acces a quai', 'quay', 'waterfront'],
    example: true,
  },
  {
    name: 'draftM',
    type: 'number',
    label: L('Pescaggio (m)', 'Tirant d’eau (m)', 'Draft (m)'),
    aliases: ['pescaggio', 'fondale', 'tirant d eau', 'draught', 'draft'],
    min: 0,
    max: 100,
    example: 6.5,
  },
  {
    name: 'slipway',
    type: 'boolean',
    label: L('Scalo di alaggio', 'Cale de halage', 'Slipway'),
    aliases: ['scivolo', 'alaggio', 'cale', 'slip'],
    example: false,
  },
  {
    name: 'maritimeConcession',
    type: 'boolean',
    label: L('Concessione demaniale marittima', 'Concession maritime', 'Maritime concession'),
    aliases: ['concessione demaniale', 'concessione', 'concession', 'aot'],
    example: true,
  },
  {
    name: 'distanceToPortKm',
    type: 'number',
    label: L('Distanza dal porto (km)', 'Distance au port (km)', 'Distance to port (km)'),
    aliases: ['distanza porto', 'distance port', 'port distance'],
    min: 0,
    max: 10_000,
    example: 0.5,
  },
  municipality,
  {
    name: 'lat',
    type: 'latitude',
    label: L('Latitudine', 'Latitude', 'Latitude'),
    aliases: ['lat', 'y'],
    example: 44.1025,
  },
  {
    name: 'lon',
    type: 'longitude',
    label: L('Longitudine', 'Longitude', 'Longitude'),
    aliases: ['lon', 'lng', 'long', 'x'],
    example: 9.8241,
  },
  {
    name: 'availability',
    type: 'enum',
    label: L('Disponibilità', 'Disponibilité', 'Availability'),
    aliases: [
      'modalita',
      'modalita di cessione',
      'tipo di cessione',
      'formule',
      'mode de cession',
      'offer type',
    ],
    enumValues: AVAILABILITY,
    example: 'lease',
  },
  money(
    'priceEur',
    L('Prezzo (€)', 'Prix (€)', 'Price (€)'),
    ['prezzo', 'prezzo eur', 'valore', 'base d asta', 'prix', 'prix eur', 'price', 'price eur'],
    0,
  ),
  money(
    'rentEurMonth',
    L('Canone mensile (€)', 'Loyer mensuel (€)', 'Monthly rent (€)'),
    ['canone', 'affitto mensile', 'canone mensile', 'loyer', 'loyer mensuel', 'rent', 'monthly rent'],
    3500,
  ),
  {
    name: 'availableFrom',
    type: 'date',
    label: L('Disponibile dal', 'Disponible à partir du', 'Available from'),
    aliases: ['data disponibilita', 'disponible le', 'available'],
    example: '2026-01-15',
  },
  {
    name: 'availableUntil',
    type: 'date',
    label: L('Disponibile fino al', 'Disponible jusqu’au', 'Available until'),
    aliases: [
      'scadenza',
      'data asta',
      'data rottamazione',
      'date limite',
      'date des encheres',
      'deadline',
      'auction date',
    ],
    example: '2026-12-31',
  },
  {
    name: 'ownerFirmVat',
    type: 'text',
    label: L('P. IVA proprietario', 'SIRET du propriétaire', 'Owner VAT / SIRET'),
    aliases: [
      'partita iva proprietario',
      'piva proprietario',
      'proprietario',
      'siret proprietaire',
      'proprietaire',
      'owner vat',
      'owner',
    ],
    maxLength: 20,
    example: 'IT01234567890',
  },
  crisisCaseRef,
  {
    name: 'skills',
    type: 'list',
    label: L('Competenze per l’uso (ESCO)', 'Compétences d’utilisation (ESCO)', 'Skills to operate (ESCO)'),
    aliases: ['competenze', 'competences', 'skills', 'required skills'],
    example: { it: ['manovrare gru'], fr: ['faire fonctionner des grues'], en: ['operate cranes'] },
  },
  {
    name: 'status',
    type: 'enum',
    label: L('Stato', 'Statut', 'Status'),
    aliases: ['stato risorsa', 'stato annuncio', 'statut annonce'],
    enumValues: ASSET_STATUS,
    example: 'available',
  },
];

const firms: readonly FieldDef[] = [
  {
    name: 'vat',
    type: 'text',
    required: true,
    label: L('Partita IVA / SIRET', 'TVA / SIRET', 'VAT / SIRET'),
    aliases: [
      'partita iva',
      'p iva',
      'piva',
      'siret',
      'siren',
      'numero de tva',
      'tva intracommunautaire',
      'vat number',
      'vat',
    ],
    maxLength: 20,
    example: 'IT01234567890',
  },
  {
    name: 'name',
    type: 'text',
    required: true,
    label: L('Ragione sociale', 'Raison sociale', 'Company name'),
    aliases: [
      'denominazione',
      'nome impresa',
      'impresa',
      'azienda',
      'denomination',
      'nom de l entreprise',
      'entreprise',
      'company',
      'firm',
      'name',
    ],
    maxLength: 300,
    example: 'Cantiere Navale Esempio S.r.l.',
  },
  {
    name: 'naceCode',
    type: 'text',
    label: L('Codice ATECO / NACE', 'Code NAF / NACE', 'NACE code'),
    aliases: ['ateco', 'codice ateco', 'nace', 'naf', 'code naf', 'code ape', 'ape', 'nace rev 2'],
    maxLength: 10,
    example: '30.11',
  },
  supplyChains,
  municipality,
  {
    name: 'sizeBand',
    type: 'enum',
    label: L('Dimensione', 'Taille', 'Size band'),
    aliases: [
      'classe dimensionale',
      'dimensione impresa',
      'tranche d effectif',
      'taille entreprise',
      'company size',
      'size',
    ],
    enumValues: SIZE_BANDS,
    example: 'small',
  },
  {
    name: 'state',
    type: 'enum',
    label: L('Stato impresa', 'Situation de l’entreprise', 'Firm state'),
    aliases: ['stato', 'situazione', 'etat', 'situation', 'state', 'status'],
    enumValues: FIRM_STATES,
    example: 'in_crisis',
  },
];

const needs: readonly FieldDef[] = [
  externalRef('NEED-2026-007'),
  {
    name: 'firmVat',
    type: 'text',
    required: true,
    label: L('P. IVA impresa', 'TVA / SIRET de l’entreprise', 'Firm VAT / SIRET'),
    aliases: ['partita iva', 'piva', 'impresa', 'siret', 'entreprise', 'firm vat', 'vat', 'company vat'],
    maxLength: 20,
    example: 'IT01234567890',
  },
  {
    name: 'needType',
    type: 'enum',
    required: true,
    label: L('Tipo di fabbisogno', 'Type de besoin', 'Need type'),
    aliases: ['tipo', 'type', 'fabbisogno', 'besoin', 'need'],
    enumValues: NEED_TYPES,
    example: 'job',
  },
  {
    name: 'title',
    type: 'text',
    required: true,
    label: L('Titolo', 'Intitulé', 'Title'),
    aliases: ['descrizione breve', 'titre', 'name'],
    maxLength: 300,
    example: '2 saldatori TIG',
  },
  {
    name: 'description',
    type: 'text',
    label: L('Descrizione', 'Description', 'Description'),
    maxLength: 10_000,
    example: '',
  },
  {
    name: 'occupation',
    type: 'text',
    label: L('Professione (ESCO)', 'Métier (ESCO)', 'Occupation (ESCO)'),
    aliases: ['professione', 'qualifica', 'mansione', 'metier', 'profession', 'occupation'],
    maxLength: 300,
    example: WELDER,
  },
  {
    name: 'essentialSkills',
    type: 'list',
    label: L('Competenze essenziali', 'Compétences essentielles', 'Essential skills'),
    aliases: ['competenze richieste', 'competences requises', 'required skills'],
    example: { it: [TIG_WELDING.it], fr: [TIG_WELDING.fr], en: [TIG_WELDING.en] },
  },
  {
    name: 'optionalSkills',
    type: 'list',
    label: L('Competenze facoltative', 'Compétences optionnelles', 'Optional skills'),
    aliases: ['competenze gradite', 'competences souhaitees', 'nice to have skills'],
    example: [],
  },
  {
    name: 'positions',
    type: 'integer',
    label: L('Posti', 'Postes', 'Positions'),
    aliases: ['numero posti', 'n posti', 'nombre de postes', 'headcount', 'openings'],
    min: 1,
    max: 10_000,
    example: 2,
  },
  {
    name: 'contractType',
    type: 'enum',
    label: L('Tipo di contratto', 'Type de contrat', 'Contract type'),
    aliases: ['contratto', 'contrat', 'contract'],
    enumValues: CONTRACT_TYPES,
    example: 'permanent',
  },
  municipality,
  {
    name: 'radiusKm',
    type: 'number',
    label: L('Raggio (km)', 'Rayon (km)', 'Radius (km)'),
    aliases: ['raggio', 'distanza km', 'rayon', 'radius'],
    min: 0,
    max: 2000,
    example: 40,
  },
  languages,
  {
    name: 'minEqfLevel',
    type: 'integer',
    label: L('EQF minimo', 'Niveau CEC minimum', 'Minimum EQF level'),
    aliases: ['livello eqf minimo', 'eqf', 'niveau cec', 'min eqf'],
    min: 1,
    max: 8,
    example: 3,
  },
  {
    name: 'startDate',
    type: 'date',
    label: L('Data di inizio', 'Date de début', 'Start date'),
    aliases: ['inizio', 'debut', 'start'],
    example: '2026-04-01',
  },
  {
    name: 'expiresAt',
    type: 'date',
    label: L('Scadenza', 'Date d’expiration', 'Expiry date'),
    aliases: ['data di scadenza', 'expiration', 'expires', 'expiry'],
    example: '2026-06-30',
  },
  {
    name: 'assetKind',
    type: 'enum',
    label: L('Tipo di risorsa', 'Type de bien', 'Asset kind'),
    aliases: ['tipologia risorsa', 'asset type'],
    enumValues: ASSET_KINDS,
    example: '',
  },
  {
    name: 'assetCategory',
    type: 'text',
    label: L('Categoria risorsa', 'Catégorie de bien', 'Asset category'),
    maxLength: 200,
    example: '',
  },
  area(
    'minCoveredAreaM2',
    L('Superficie coperta minima (m²)', 'Surface couverte minimale (m²)', 'Minimum covered area (m²)'),
    ['superficie minima', 'surface minimale', 'min covered area'],
    0,
  ),
  area(
    'maxCoveredAreaM2',
    L('Superficie coperta massima (m²)', 'Surface couverte maximale (m²)', 'Maximum covered area (m²)'),
    ['superficie massima', 'surface maximale', 'max covered area'],
    0,
  ),
  {
    name: 'minPowerKw',
    type: 'number',
    label: L('Potenza minima (kW)', 'Puissance minimale (kW)', 'Minimum power (kW)'),
    min: 0,
    max: 1e7,
    example: 0,
  },
  {
    name: 'minCraneTonnage',
    type: 'number',
    label: L('Carroponte minimo (t)', 'Pont roulant minimal (t)', 'Minimum crane capacity (t)'),
    min: 0,
    max: 10_000,
    example: 0,
  },
  {
    name: 'quayAccess',
    type: 'boolean',
    label: L('Accesso banchina', 'Accès quai', 'Quay access'),
    aliases: ['banchina', 'quai'],
    example: false,
  },
  {
    name: 'acquisition',
    type: 'enum',
    label: L('Acquisto o locazione', 'Achat ou location', 'Buy or lease'),
    aliases: ['modalita', 'formule', 'buy lease'],
    enumValues: ACQUISITION,
    example: '',
  },
  money('budgetEur', L('Budget (€)', 'Budget (€)', 'Budget (€)'), ['budget', 'budget eur'], 0),
  money(
    'monthlyBudgetEur',
    L('Budget mensile (€)', 'Budget mensuel (€)', 'Monthly budget (€)'),
    ['budget mensile', 'canone massimo', 'budget mensuel', 'loyer maximum', 'monthly budget', 'max rent'],
    0,
  ),
  {
    name: 'neededBy',
    type: 'date',
    label: L('Entro il', 'Au plus tard le', 'Needed by'),
    aliases: ['entro', 'data entro', 'avant le', 'by'],
    example: '',
  },
  supplyChains,
];

const opportunities: readonly FieldDef[] = [
  externalRef('OPP-2026-003'),
  {
    name: 'title',
    type: 'text',
    required: true,
    label: L('Titolo', 'Intitulé', 'Title'),
    aliases: ['nome', 'titre', 'name'],
    maxLength: 300,
    example: 'WBO Officine Meccaniche',
  },
  {
    name: 'opportunityType',
    type: 'enum',
    required: true,
    label: L('Tipo di opportunità', 'Type d’opportunité', 'Opportunity type'),
    aliases: ['tipo', 'type', 'opportunita'],
    enumValues: OPPORTUNITY_TYPES,
    example: 'wbo',
  },
  {
    name: 'description',
    type: 'text',
    label: L('Descrizione', 'Description', 'Description'),
    maxLength: 10_000,
    example: '',
  },
  {
    name: 'sourceFirmVat',
    type: 'text',
    label: L('P. IVA impresa di origine', 'SIRET de l’entreprise d’origine', 'Source firm VAT / SIRET'),
    aliases: ['impresa di origine', 'entreprise d origine', 'source firm'],
    maxLength: 20,
    example: 'IT01234567890',
  },
  crisisCaseRef,
  municipality,
  {
    name: 'roles',
    type: 'list',
    label: L('Ruoli richiesti', 'Rôles recherchés', 'Required roles'),
    aliases: ['ruoli', 'figure richieste', 'roles', 'postes recherches'],
    example: ['tornitore x 3', 'saldatore x 2'],
  },
  {
    name: 'assets',
    type: 'list',
    label: L(
      'Beni inclusi (n. inventario)',
      'Biens inclus (n° d’inventaire)',
      'Included assets (inventory numbers)',
    ),
    aliases: ['beni', 'risorse', 'biens', 'assets'],
    example: ['INV-2026-0042'],
  },
  money(
    'capitalNeededEur',
    L('Capitale necessario (€)', 'Capital nécessaire (€)', 'Capital needed (€)'),
    ['capitale', 'capitale necessario', 'capital', 'capital needed'],
    250000,
  ),
  {
    name: 'deadline',
    type: 'date',
    label: L('Scadenza', 'Échéance', 'Deadline'),
    aliases: ['termine', 'date limite', 'due date'],
    example: '2026-09-30',
  },
  supplyChains,
  {
    name: 'status',
    type: 'enum',
    label: L('Stato', 'Statut', 'Status'),
    aliases: ['etat'],
    enumValues: OPPORTUNITY_STATUS,
    example: 'open',
  },
];

export const ENTITY_FIELDS: Readonly<Record<EntityName, readonly FieldDef[]>> = {
  profiles,
  assets,
  firms,
  needs,
  opportunities,
};

/**
 * The fields an upsert keys on (D8), within the desk/tenant the lead adds: re-importing a file
 * updates the same rows instead of duplicating them.
 */
export const NATURAL_KEYS: Readonly<Record<EntityName, readonly string[]>> = {
  profiles: ['externalRef'],
  assets: ['inventoryNumber'],
  firms: ['vat'],
  needs: ['externalRef'],
  opportunities: ['externalRef'],
};

export function fieldsOf(entity: EntityName): readonly FieldDef[] {
  return ENTITY_FIELDS[entity];
}
