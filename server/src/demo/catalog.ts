/**
 * Hand-written facts the demo generator draws from: the desks, the crisis cases, which ESCO occupations
 * each kind of crisis displaces, firm and asset templates, names. Everything else is derived from the
 * reference data (municipalities, NACE codes, occupation–skill relations) at generation time.
 */
import type {
  ASSET_AVAILABILITIES,
  ASSET_CATEGORIES,
  ASSET_KINDS,
  CRISIS_PROCEDURES,
  OPPORTUNITY_KINDS,
  SUPPLY_CHAINS,
} from '../domain/vocabulary.js';
import type { Rng } from './prng.js';

export type SupplyChain = (typeof SUPPLY_CHAINS)[number];
export type AssetKind = (typeof ASSET_KINDS)[number];
export type AssetCategory = (typeof ASSET_CATEGORIES)[number];
export type AssetAvailability = (typeof ASSET_AVAILABILITIES)[number];
export type CrisisProcedure = (typeof CRISIS_PROCEDURES)[number];
export type OpportunityKind = (typeof OPPORTUNITY_KINDS)[number];
export type Country = 'IT' | 'FR';

const OCC = 'http://data.europa.eu/esco/occupation/';

export interface DemoOccupation {
  uri: string;
  /** Short job titles for need titles: singular and plural, Italian and French. */
  it: [string, string];
  fr: [string, string];
  eqf: [number, number];
}

/**
 * The ~45 ESCO occupations the demo uses (ISCO groups 7212, 7214, 7215, 7233, 7412, 7131, 2144, 8350,
 * 8160, 7511, 9333, 8344, 7127, 5120, 5131, 4224, 1411, 3131, 7411, 7413, 4323, 8343, 3343, 2411, 1321
 * and a few neighbours). The small test fixture of reference data is cut around the same list.
 */
export const OCCUPATIONS = {
  welder: {
    uri: `${OCC}7aedaa07-3884-4c5b-88f9-80997b2aa54b`,
    it: ['saldatore TIG', 'saldatori TIG'],
    fr: ['soudeur TIG', 'soudeurs TIG'],
    eqf: [3, 4],
  },
  pipeWelder: {
    uri: `${OCC}2ff73126-7aff-4233-9d9c-d8725e1c6822`,
    it: ['saldatore di tubazioni', 'saldatori di tubazioni'],
    fr: ['soudeur tuyauteur', 'soudeurs tuyauteurs'],
    eqf: [3, 4],
  },
  shipwright: {
    uri: `${OCC}8afab6c4-6145-4ea1-a0ae-d2c3438bda7e`,
    it: ['carpentiere navale', 'carpentieri navali'],
    fr: ['charpentier de marine', 'charpentiers de marine'],
    eqf: [3, 4],
  },
  boatRigger: {
    uri: `${OCC}26a86453-4236-49a3-ae3a-313c1cacb5ff`,
    it: ['attrezzatore navale', 'attrezzatori navali'],
    fr: ['accastilleur', 'accastilleurs'],
    eqf: [3, 4],
  },
  sheetMetal: {
    uri: `${OCC}572c9810-e1ee-4f7a-a71f-820f17c0c25b`,
    it: ['lattoniere', 'lattonieri'],
    fr: ['tôlier', 'tôliers'],
    eqf: [3, 4],
  },
  marineMechanic: {
    uri: `${OCC}88589d68-b870-440e-8444-32e9935cbbbc`,
    it: ['motorista navale', 'motoristi navali'],
    fr: ['mécanicien marine', 'mécaniciens marine'],
    eqf: [3, 5],
  },
  machineryMechanic: {
    uri: `${OCC}269c47e7-9017-4aa6-bce8-49e89a696a64`,
    it: ['manutentore meccanico', 'manutentori meccanici'],
    fr: ['mécanicien industriel', 'mécaniciens industriels'],
    eqf: [3, 5],
  },
  marineElectrician: {
    uri: `${OCC}9422c30d-c5ef-4fcc-a493-d67ee42189c0`,
    it: ['elettricista navale', 'elettricisti navali'],
    fr: ['électricien marine', 'électriciens marine'],
    eqf: [3, 5],
  },
  marinePainter: {
    uri: `${OCC}f0691bb2-c717-4215-a814-88a15b10ee4d`,
    it: ['pittore navale', 'pittori navali'],
    fr: ['peintre naval', 'peintres navals'],
    eqf: [2, 3],
  },
  marineEngineer: {
    uri: `${OCC}c36fc197-1f5b-4563-acd8-6f1d06aa1c03`,
    it: ['ingegnere navale', 'ingegneri navali'],
    fr: ['ingénieur naval', 'ingénieurs navals'],
    eqf: [6, 7],
  },
  navalArchitect: {
    uri: `${OCC}5a58da2b-2fa0-40d4-a9f5-fead48e7de88`,
    it: ['progettista navale', 'progettisti navali'],
    fr: ['architecte naval', 'architectes navals'],
    eqf: [6, 7],
  },
  shipDutyEngineer: {
    uri: `${OCC}6ce86c90-36cc-43ef-a1e0-885d8151f976`,
    it: ['ufficiale di macchina', 'ufficiali di macchina'],
    fr: ['officier mécanicien', 'officiers mécaniciens'],
    eqf: [4, 6],
  },
  boatswain: {
    uri: `${OCC}2e46a2a3-4d33-469e-8d50-588cc17e6bed`,
    it: ['nostromo', 'nostromi'],
    fr: ["maître d'équipage", "maîtres d'équipage"],
    eqf: [3, 4],
  },
  deckhand: {
    uri: `${OCC}18dafd4f-8c37-4276-b4b3-cfa31059b2b6`,
    it: ['marinaio pescatore', 'marinai pescatori'],
    fr: ['marin-pêcheur', 'marins-pêcheurs'],
    eqf: [2, 3],
  },
  latheOperator: {
    uri: `${OCC}63042e8f-dd59-47fe-87f3-3b2ce21f196a`,
    it: ['tornitore CNC', 'tornitori CNC'],
    fr: ['tourneur CN', 'tourneurs CN'],
    eqf: [3, 4],
  },
  millingOperator: {
    uri: `${OCC}a1c9f8b7-c4ce-4b15-ac3c-3378c300d8f2`,
    it: ['fresatore CNC', 'fresatori CNC'],
    fr: ['fraiseur CN', 'fraiseurs CN'],
    eqf: [3, 4],
  },
  mechanicalEngineer: {
    uri: `${OCC}579254cf-6d69-4889-9000-9c79dc568644`,
    it: ['ingegnere meccanico', 'ingegneri meccanici'],
    fr: ['ingénieur mécanicien', 'ingénieurs mécaniciens'],
    eqf: [6, 7],
  },
  foodOperator: {
    uri: `${OCC}e3dc66de-99c7-4607-a82b-7244036d316d`,
    it: ['operatore di produzione alimentare', 'operatori di produzione alimentare'],
    fr: ['opérateur agroalimentaire', 'opérateurs agroalimentaires'],
    eqf: [2, 3],
  },
  fishOperator: {
    uri: `${OCC}83de6811-975d-4f7c-b81e-604c0c17e800`,
    it: ['addetto lavorazione pesce', 'addetti lavorazione pesce'],
    fr: ['opérateur de production de poisson', 'opérateurs de production de poisson'],
    eqf: [2, 3],
  },
  fishCanning: {
    uri: `${OCC}709170ae-2b9a-4e7a-8201-260da7211898`,
    it: ['addetto inscatolamento', 'addetti inscatolamento'],
    fr: ['opérateur de conserverie', 'opérateurs de conserverie'],
    eqf: [2, 3],
  },
  fishTrimmer: {
    uri: `${OCC}6c39cf1c-7332-41c1-86c3-6ed3daf3c479`,
    it: ['filettatore di pesce', 'filettatori di pesce'],
    fr: ['fileteur de poisson', 'fileteurs de poisson'],
    eqf: [2, 3],
  },
  chillingOperator: {
    uri: `${OCC}2a2da883-8af5-4b98-832e-00e6681b22c3`,
    it: ['addetto impianti di refrigerazione', 'addetti impianti di refrigerazione'],
    fr: ['opérateur de réfrigération', 'opérateurs de réfrigération'],
    eqf: [2, 3],
  },
  refrigerationTech: {
    uri: `${OCC}8234eee9-1647-460d-8d62-7fe02cb884b0`,
    it: ['frigorista', 'frigoristi'],
    fr: ['frigoriste', 'frigoristes'],
    eqf: [4, 5],
  },
  hvacEngineer: {
    uri: `${OCC}79f435d0-9bc6-4d25-a26a-acbe16569ebb`,
    it: ['tecnico impianti termici', 'tecnici impianti termici'],
    fr: ['technicien CVC', 'techniciens CVC'],
    eqf: [4, 5],
  },
  foodProductionManager: {
    uri: `${OCC}a7d6a377-3d3b-41cf-9301-f4a0a7ad3d96`,
    it: ['responsabile di produzione alimentare', 'responsabili di produzione alimentare'],
    fr: ['responsable de production agroalimentaire', 'responsables de production agroalimentaire'],
    eqf: [5, 7],
  },
  warehouseWorker: {
    uri: `${OCC}bea705fe-06ac-4147-b8e0-6e8ac1208d8f`,
    it: ['magazziniere', 'magazzinieri'],
    fr: ['magasinier', 'magasiniers'],
    eqf: [2, 3],
  },
  materialsHandler: {
    uri: `${OCC}808becc8-5a4e-4e71-a043-c2ea32b56ae3`,
    it: ['addetto movimentazione merci', 'addetti movimentazione merci'],
    fr: ['manutentionnaire', 'manutentionnaires'],
    eqf: [1, 3],
  },
  stevedore: {
    uri: `${OCC}b567a979-c556-49fa-8b36-8af6cfe97624`,
    it: ['lavoratore portuale', 'lavoratori portuali'],
    fr: ['docker', 'dockers'],
    eqf: [2, 3],
  },
  forklift: {
    uri: `${OCC}eeac6251-1974-42f5-91ed-513c6c883755`,
    it: ['carrellista', 'carrellisti'],
    fr: ['cariste', 'caristes'],
    eqf: [2, 3],
  },
  containerCrane: {
    uri: `${OCC}dc90cee4-bf4a-4d62-b729-faf49e62643e`,
    it: ['gruista portuale', 'gruisti portuali'],
    fr: ['grutier portuaire', 'grutiers portuaires'],
    eqf: [3, 4],
  },
  plantCrane: {
    uri: `${OCC}1de948c1-192a-4810-afb7-48548217a912`,
    it: ['gruista carroponte', 'gruisti carroponte'],
    fr: ['pontier', 'pontiers'],
    eqf: [2, 3],
  },
  portCoordinator: {
    uri: `${OCC}fa404a79-4091-47f9-a635-c2e3c576ece8`,
    it: ['coordinatore operazioni portuali', 'coordinatori operazioni portuali'],
    fr: ['coordinateur portuaire', 'coordinateurs portuaires'],
    eqf: [5, 6],
  },
  cook: {
    uri: `${OCC}90f75f67-495d-49fa-ab57-2f320e251d7e`,
    it: ['cuoco', 'cuochi'],
    fr: ['cuisinier', 'cuisiniers'],
    eqf: [3, 4],
  },
  waiter: {
    uri: `${OCC}d5db9d5c-2ebf-4a54-a79a-1b7e7ff70471`,
    it: ['cameriere di sala', 'camerieri di sala'],
    fr: ['serveur', 'serveurs'],
    eqf: [2, 3],
  },
  receptionist: {
    uri: `${OCC}82025c02-9082-416c-998b-f51eb0359ee6`,
    it: ['receptionist', 'receptionist'],
    fr: ['réceptionniste', 'réceptionnistes'],
    eqf: [3, 5],
  },
  housekeeping: {
    uri: `${OCC}fae51298-03a8-4df4-829a-685dddc1580e`,
    it: ['governante', 'governanti'],
    fr: ['gouvernante', 'gouvernantes'],
    eqf: [3, 4],
  },
  accommodationManager: {
    uri: `${OCC}53cdd34e-22f2-41bd-b3c7-de22bf9bbcae`,
    it: ["direttore d'albergo", "direttori d'albergo"],
    fr: ["directeur d'hôtel", "directeurs d'hôtel"],
    eqf: [5, 7],
  },
  electrician: {
    uri: `${OCC}4910419f-b4af-4f59-b544-9dbebc8a74f0`,
    it: ['elettricista', 'elettricisti'],
    fr: ['électricien', 'électriciens'],
    eqf: [3, 4],
  },
  industrialElectrician: {
    uri: `${OCC}5df63943-f1bc-4438-90f1-92768a7a23c8`,
    it: ['elettricista industriale', 'elettricisti industriali'],
    fr: ['électricien industriel', 'électriciens industriels'],
    eqf: [3, 5],
  },
  solarTech: {
    uri: `${OCC}75b63949-1b93-4bf2-a777-ccf978dc3e8a`,
    it: ['installatore fotovoltaico', 'installatori fotovoltaici'],
    fr: ['électricien photovoltaïque', 'électriciens photovoltaïques'],
    eqf: [3, 5],
  },
  windTech: {
    uri: `${OCC}a32187fa-bc37-4fc2-8e89-296632bfc271`,
    it: ['tecnico eolico', 'tecnici eolici'],
    fr: ['technicien éolien', 'techniciens éoliens'],
    eqf: [4, 5],
  },
  plantOperator: {
    uri: `${OCC}72381086-cb6e-455e-a40b-ccb26550aab6`,
    it: ['conduttore di centrale', 'conduttori di centrale'],
    fr: ['opérateur de centrale', 'opérateurs de centrale'],
    eqf: [4, 5],
  },
  lineWorker: {
    uri: `${OCC}c89afd9a-7dad-4bae-9315-5fcadd9ad8b6`,
    it: ['tecnico reti elettriche', 'tecnici reti elettriche'],
    fr: ['technicien réseaux électriques', 'techniciens réseaux électriques'],
    eqf: [3, 5],
  },
  adminAssistant: {
    uri: `${OCC}044d78cc-f62f-4532-83a5-8e04f2889652`,
    it: ['impiegato amministrativo', 'impiegati amministrativi'],
    fr: ['assistant administratif', 'assistants administratifs'],
    eqf: [4, 6],
  },
  supplyChainAssistant: {
    uri: `${OCC}c8b296be-54ae-48cf-be21-031fa8457937`,
    it: ['addetto logistica', 'addetti logistica'],
    fr: ['assistant logistique', 'assistants logistique'],
    eqf: [4, 6],
  },
  accountant: {
    uri: `${OCC}eda0d957-3c3c-4139-b89a-a18bc9e18897`,
    it: ['contabile', 'contabili'],
    fr: ['comptable', 'comptables'],
    eqf: [5, 7],
  },
  productionManager: {
    uri: `${OCC}eb9479c6-5fdf-4f45-ace4-28b547b8c7e5`,
    it: ['responsabile di produzione', 'responsabili di produzione'],
    fr: ['responsable de production', 'responsables de production'],
    eqf: [6, 7],
  },
  aquacultureTech: {
    uri: `${OCC}e0628770-57f0-4cf2-952e-5b16547db8c1`,
    it: ['tecnico di acquacoltura', 'tecnici di acquacoltura'],
    fr: ['technicien aquacole', 'techniciens aquacoles'],
    eqf: [3, 5],
  },
  aquacultureBiologist: {
    uri: `${OCC}68f4fdd9-182c-4c0d-a73d-f767b8a8355e`,
    it: ['biologo marino', 'biologi marini'],
    fr: ['biologiste aquacole', 'biologistes aquacoles'],
    eqf: [6, 8],
  },
} satisfies Record<string, DemoOccupation>;

export type OccupationKey = keyof typeof OCCUPATIONS;

/** Who works where: the workforce of each kind of firm, as relative weights. */
export const WORKFORCES = {
  shipyard: {
    welder: 14,
    pipeWelder: 5,
    shipwright: 8,
    sheetMetal: 6,
    marineMechanic: 6,
    marineElectrician: 7,
    marinePainter: 5,
    boatRigger: 3,
    latheOperator: 3,
    millingOperator: 2,
    plantCrane: 3,
    navalArchitect: 1,
    marineEngineer: 2,
    productionManager: 1,
    adminAssistant: 3,
    accountant: 1,
    warehouseWorker: 2,
  },
  yachtRefit: {
    welder: 6,
    shipwright: 5,
    boatRigger: 7,
    marinePainter: 7,
    marineMechanic: 8,
    marineElectrician: 8,
    shipDutyEngineer: 2,
    boatswain: 2,
    sheetMetal: 2,
    adminAssistant: 2,
    accountant: 1,
  },
  coldStorage: {
    warehouseWorker: 10,
    forklift: 10,
    materialsHandler: 6,
    chillingOperator: 6,
    refrigerationTech: 4,
    hvacEngineer: 2,
    industrialElectrician: 2,
    supplyChainAssistant: 2,
    adminAssistant: 2,
  },
  fishProcessing: {
    fishOperator: 12,
    fishTrimmer: 8,
    fishCanning: 6,
    foodOperator: 6,
    chillingOperator: 3,
    forklift: 3,
    machineryMechanic: 2,
    foodProductionManager: 1,
    adminAssistant: 2,
  },
  hotel: {
    cook: 8,
    waiter: 10,
    receptionist: 6,
    housekeeping: 3,
    accommodationManager: 1,
    adminAssistant: 2,
    accountant: 1,
    electrician: 1,
  },
  powerPlant: {
    plantOperator: 8,
    industrialElectrician: 6,
    electrician: 3,
    machineryMechanic: 5,
    lineWorker: 3,
    solarTech: 3,
    windTech: 2,
    welder: 2,
    mechanicalEngineer: 1,
    adminAssistant: 2,
  },
  portTerminal: {
    stevedore: 10,
    containerCrane: 5,
    forklift: 6,
    portCoordinator: 3,
    warehouseWorker: 4,
    machineryMechanic: 2,
    adminAssistant: 2,
  },
  machining: {
    latheOperator: 8,
    millingOperator: 7,
    machineryMechanic: 4,
    welder: 4,
    sheetMetal: 3,
    mechanicalEngineer: 1,
    productionManager: 1,
    adminAssistant: 2,
  },
  aquaculture: {
    aquacultureTech: 8,
    deckhand: 5,
    boatswain: 2,
    aquacultureBiologist: 1,
    fishOperator: 3,
    marineMechanic: 2,
  },
  renewables: {
    solarTech: 6,
    windTech: 5,
    electrician: 4,
    industrialElectrician: 3,
    lineWorker: 2,
    mechanicalEngineer: 1,
    adminAssistant: 1,
  },
} satisfies Record<string, Partial<Record<OccupationKey, number>>>;

export type WorkforceKey = keyof typeof WORKFORCES;

export interface RegionSpec {
  name: string;
  country: Country;
  /** Towns where the network's firms, assets and needs cluster (weighted by population). */
  hubs: string[];
  desk: { code: string; name: string; town: string };
}

export const REGIONS: RegionSpec[] = [
  {
    name: 'Liguria',
    country: 'IT',
    hubs: [
      'La Spezia',
      'Genova',
      'Savona',
      'Lerici',
      'Sarzana',
      'Chiavari',
      'Sestri Levante',
      'Vado Ligure',
      'Imperia',
      'Sanremo',
      'Arcola',
      'Portovenere',
    ],
    desk: { code: 'CPI-SP', name: "Centro per l'impiego La Spezia", town: 'La Spezia' },
  },
  {
    name: 'Toscana',
    country: 'IT',
    hubs: [
      'Livorno',
      'Piombino',
      'Viareggio',
      'Carrara',
      'Massa',
      'Pisa',
      'Collesalvetti',
      'Rosignano Marittimo',
      'Cecina',
      'Portoferraio',
      'Orbetello',
    ],
    desk: { code: 'CPI-LI', name: "Centro per l'impiego Livorno", town: 'Livorno' },
  },
  {
    name: 'Sardegna',
    country: 'IT',
    hubs: [
      'Cagliari',
      'Olbia',
      'Porto Torres',
      'Sarroch',
      'Assemini',
      "Quartu Sant'Elena",
      'Alghero',
      'Tortolì',
      'Oristano',
      'Carloforte',
      'Elmas',
    ],
    desk: { code: 'CPI-CA', name: "Centro per l'impiego Cagliari", town: 'Cagliari' },
  },
  {
    name: 'Corse',
    country: 'FR',
    hubs: ['Ajaccio', 'Bastia', 'Porto-Vecchio', 'Calvi', 'Propriano'],
    desk: { code: 'FT-AJA', name: 'France Travail Ajaccio', town: 'Ajaccio' },
  },
  {
    name: "Provence-Alpes-Côte d'Azur",
    country: 'FR',
    hubs: [
      'Marseille',
      'Toulon',
      'La Seyne-sur-Mer',
      'La Ciotat',
      'Martigues',
      'Fos-sur-Mer',
      'Port-de-Bouc',
      'Marignane',
      'Hyères',
      'Nice',
      'Antibes',
    ],
    desk: { code: 'FT-MRS', name: 'France Travail Marseille', town: 'Marseille' },
  },
];

/** Kinds of firm: their chain, NACE classes, workforce and how their name is made up. */
export interface FirmKind {
  chain: SupplyChain;
  nace: string[];
  workforce: WorkforceKey;
  namesIt: string[];
  namesFr: string[];
  weight: number;
}

// `{n}` is a surname, `{t}` a town.
export const FIRM_KINDS: Record<string, FirmKind> = {
  shipbuilding: {
    chain: 'nautical_shipbuilding',
    nace: ['30.11', '30.12'],
    workforce: 'shipyard',
    namesIt: ['Cantiere Navale {n} S.p.A.', 'Cantieri {t} S.r.l.', '{n} Yachts S.r.l.'],
    namesFr: ['Chantier naval {n} SAS', 'Constructions navales de {t} SAS'],
    weight: 10,
  },
  shipRepair: {
    chain: 'nautical_shipbuilding',
    nace: ['33.15'],
    workforce: 'yachtRefit',
    namesIt: ['Riparazioni Navali {n} S.r.l.', '{n} Refit S.r.l.'],
    namesFr: ['{n} Marine Services SARL', 'Réparation navale {t} SAS'],
    weight: 10,
  },
  machining: {
    chain: 'mechanics_metalworking',
    nace: ['25.62', '25.11', '28.22', '33.12'],
    workforce: 'machining',
    namesIt: ['Officine Meccaniche {n} S.r.l.', 'Carpenteria {n} S.n.c.', 'Meccanica {t} S.r.l.'],
    namesFr: ['Mécanique de précision {n} SAS', 'Ateliers {n} SARL'],
    weight: 9,
  },
  fishProcessing: {
    chain: 'fishing_aquaculture',
    nace: ['10.20'],
    workforce: 'fishProcessing',
    namesIt: ['Ittica {n} S.r.l.', 'Conserve {t} S.p.A.'],
    namesFr: ['Conserverie {n} SAS', 'Marée de {t} SARL'],
    weight: 6,
  },
  aquaculture: {
    chain: 'fishing_aquaculture',
    nace: ['03.21', '03.11'],
    workforce: 'aquaculture',
    namesIt: ['Acquacoltura {t} Soc. Agr.', 'Maricoltura {n} S.r.l.'],
    namesFr: ['Aquaculture {t} SAS', 'Fermes marines {n} SARL'],
    weight: 5,
  },
  coldChain: {
    chain: 'ports_logistics',
    nace: ['52.10', '46.38'],
    workforce: 'coldStorage',
    namesIt: ['Frigoriferi {t} S.r.l.', '{n} Logistica del Freddo S.p.A.'],
    namesFr: ['Entrepôts frigorifiques {n} SAS', 'Froid logistique {t} SAS'],
    weight: 6,
  },
  port: {
    chain: 'ports_logistics',
    nace: ['52.22', '52.24', '50.20'],
    workforce: 'portTerminal',
    namesIt: ['Terminal {t} S.p.A.', 'Compagnia Portuale {n} Soc. Coop.'],
    namesFr: ['Manutention portuaire {n} SAS', 'Terminal de {t} SAS'],
    weight: 7,
  },
  hotel: {
    chain: 'sustainable_tourism',
    nace: ['55.10', '56.10', '55.30'],
    workforce: 'hotel',
    namesIt: ['Hotel {n} S.r.l.', 'Gruppo Alberghiero {t} S.p.A.', 'Ristorante {n} S.n.c.'],
    namesFr: ['Hôtel {n} SARL', 'Résidences de {t} SAS'],
    weight: 10,
  },
  energy: {
    chain: 'renewable_energy',
    nace: ['35.11', '43.21', '35.14'],
    workforce: 'renewables',
    namesIt: ['{n} Energia S.r.l.', 'Solare {t} S.r.l.'],
    namesFr: ['{n} Énergies SAS', 'Soleil de {t} SAS'],
    weight: 6,
  },
  biotech: {
    chain: 'blue_green_biotech',
    nace: ['72.11', '21.20', '20.59'],
    workforce: 'aquaculture',
    namesIt: ['{n} Blue Biotech S.r.l.'],
    namesFr: ['{n} Biotech Marine SAS'],
    weight: 2,
  },
};

export type FirmKindKey = keyof typeof FIRM_KINDS;

export interface CrisisSpec {
  firmName: string;
  firmKind: FirmKindKey;
  nace: string;
  town: string;
  region: string;
  procedure: CrisisProcedure;
  workforce: WorkforceKey;
  workers: number;
  opened: string;
  title: string;
  description: string;
  /** What a restart would do, for the opportunity titles. */
  activity: string;
  opportunities: OpportunityKind[];
  assets: AssetTemplateKey[];
  employmentStatus: 'unemployed' | 'at_risk' | 'furloughed';
}

export const CRISES: CrisisSpec[] = [
  {
    firmName: 'Cantiere Navale del Golfo S.p.A.',
    firmKind: 'shipbuilding',
    nace: '30.11',
    town: 'La Spezia',
    region: 'Liguria',
    procedure: 'liquidazione_giudiziale',
    workforce: 'shipyard',
    workers: 180,
    opened: '2026-03-12',
    title: 'Cantiere Navale del Golfo — liquidazione giudiziale',
    description:
      'Cantiere di costruzione di navi da lavoro e traghetti. Commesse sospese, 180 lavoratori coinvolti; il curatore mette all’asta capannoni, scalo e attrezzature.',
    activity: 'riparazione e refit di navi da lavoro',
    opportunities: ['wbo', 'spin_off', 'start_up'],
    assets: [
      'quayShed',
      'slipway',
      'overheadCrane',
      'tigStation',
      'cncLathe',
      'plasmaCutter',
      'pressBrake',
      'officeBlock',
    ],
    employmentStatus: 'unemployed',
  },
  {
    firmName: 'Frigoriferi Portuali Labronici S.r.l.',
    firmKind: 'coldChain',
    nace: '52.10',
    town: 'Livorno',
    region: 'Toscana',
    procedure: 'licenziamento_collettivo',
    workforce: 'coldStorage',
    workers: 85,
    opened: '2026-05-04',
    title: 'Frigoriferi Portuali Labronici — chiusura del magazzino frigorifero',
    description:
      'Chiusura del polo del freddo in area portuale: celle a -25 °C, banchine di carico, flotta di carrelli elevatori.',
    activity: 'logistica del freddo per i prodotti ittici',
    opportunities: ['wbo', 'community_coop'],
    assets: ['coldWarehouse', 'coldRoom', 'blastChiller', 'forkliftTruck', 'refrigerationPlant'],
    employmentStatus: 'unemployed',
  },
  {
    firmName: 'Conserveries de la Côte Bleue SAS',
    firmKind: 'fishProcessing',
    nace: '10.20',
    town: 'Martigues',
    region: "Provence-Alpes-Côte d'Azur",
    procedure: 'redressement_judiciaire',
    workforce: 'fishProcessing',
    workers: 120,
    opened: '2026-01-20',
    title: 'Conserveries de la Côte Bleue — redressement judiciaire',
    description:
      'Conserverie de poisson (sardines, anchois) en redressement judiciaire ; plan de cession en préparation, salariés en attente.',
    activity: 'transformation du poisson de la pêche locale',
    opportunities: ['wbo', 'spin_off', 'community_coop'],
    assets: ['foodPlant', 'filletingLine', 'coldRoom', 'vacuumPacker', 'blastChiller'],
    employmentStatus: 'at_risk',
  },
  {
    firmName: 'Gruppo Alberghiero Gallura Mare S.p.A.',
    firmKind: 'hotel',
    nace: '55.10',
    town: 'Olbia',
    region: 'Sardegna',
    procedure: 'concordato_preventivo',
    workforce: 'hotel',
    workers: 140,
    opened: '2025-11-18',
    title: 'Gruppo Alberghiero Gallura Mare — concordato preventivo',
    description:
      'Tre strutture alberghiere sulla costa gallurese in concordato; due chiuse, cucine e arredi in vendita.',
    activity: 'turismo sostenibile e ristorazione di filiera corta',
    opportunities: ['community_coop', 'wbo', 'start_up'],
    assets: ['hotelBuilding', 'combiOven', 'dishwasher', 'coldRoom'],
    employmentStatus: 'unemployed',
  },
  {
    firmName: 'Méditerranée Refit SAS',
    firmKind: 'shipRepair',
    nace: '33.15',
    town: 'La Ciotat',
    region: "Provence-Alpes-Côte d'Azur",
    procedure: 'liquidation_judiciaire',
    workforce: 'yachtRefit',
    workers: 95,
    opened: '2026-02-09',
    title: 'Méditerranée Refit — liquidation judiciaire',
    description:
      'Chantier de refit de grands yachts : élévateur à bateaux, hangars de peinture, ateliers. Liquidation prononcée.',
    activity: 'refit de yachts et entretien de navires de plaisance',
    opportunities: ['spin_off', 'wbo'],
    assets: ['travelLift', 'quayShed', 'paintBooth', 'tigStation', 'overheadCrane'],
    employmentStatus: 'unemployed',
  },
  {
    firmName: 'Officine Meccaniche Apuane S.r.l.',
    firmKind: 'machining',
    nace: '25.62',
    town: 'Carrara',
    region: 'Toscana',
    procedure: 'cassa_integrazione_straordinaria',
    workforce: 'machining',
    workers: 60,
    opened: '2026-06-15',
    title: 'Officine Meccaniche Apuane — cassa integrazione straordinaria',
    description:
      'Officina di lavorazioni meccaniche per la nautica e il lapideo; reparto tornitura chiuso, 60 addetti in CIGS.',
    activity: 'lavorazioni meccaniche di precisione per la nautica',
    opportunities: ['wbo', 'mbo'],
    assets: ['cncLathe', 'millingCentre', 'tigStation', 'workshopShed', 'compressor'],
    employmentStatus: 'furloughed',
  },
  {
    firmName: 'Energie del Nord Sardegna S.p.A.',
    firmKind: 'energy',
    nace: '35.11',
    town: 'Porto Torres',
    region: 'Sardegna',
    procedure: 'licenziamento_collettivo',
    workforce: 'powerPlant',
    workers: 110,
    opened: '2026-04-01',
    title: 'Energie del Nord Sardegna — chiusura della centrale a carbone',
    description:
      'Phase-out del carbone: la centrale chiude, l’area industriale resta con sottostazione e banchina.',
    activity: 'impianti fotovoltaici e manutenzione eolica',
    opportunities: ['spin_off', 'start_up', 'community_coop'],
    assets: ['industrialArea', 'transformer', 'workshopShed', 'overheadCrane'],
    employmentStatus: 'at_risk',
  },
  {
    firmName: 'Terminal Tirreno S.r.l.',
    firmKind: 'port',
    nace: '52.24',
    town: 'Piombino',
    region: 'Toscana',
    procedure: 'amministrazione_straordinaria',
    workforce: 'portTerminal',
    workers: 90,
    opened: '2025-12-02',
    title: 'Terminal Tirreno — amministrazione straordinaria',
    description:
      'Terminal multipurpose in amministrazione straordinaria dopo il calo dei traffici siderurgici.',
    activity: 'servizi portuali per l’eolico offshore',
    opportunities: ['wbo', 'spin_off'],
    assets: ['portYard', 'mobileCrane', 'forkliftTruck', 'quayShed'],
    employmentStatus: 'furloughed',
  },
  {
    firmName: "Aquaculture du Golfe d'Ajaccio SAS",
    firmKind: 'aquaculture',
    nace: '03.21',
    town: 'Ajaccio',
    region: 'Corse',
    procedure: 'liquidation_judiciaire',
    workforce: 'aquaculture',
    workers: 45,
    opened: '2026-07-07',
    title: "Aquaculture du Golfe d'Ajaccio — liquidation judiciaire",
    description:
      'Ferme aquacole (loup, daurade) en mer ouverte ; cages, bateau de service et écloserie à reprendre.',
    activity: 'aquaculture durable et écloserie',
    opportunities: ['community_coop', 'start_up'],
    assets: ['hatchery', 'workBoat', 'coldRoom'],
    employmentStatus: 'unemployed',
  },
  {
    firmName: 'Hôtels de Bastia Marine SAS',
    firmKind: 'hotel',
    nace: '55.10',
    town: 'Bastia',
    region: 'Corse',
    procedure: 'pse',
    workforce: 'hotel',
    workers: 70,
    opened: '2026-08-25',
    title: 'Hôtels de Bastia Marine — plan de sauvegarde de l’emploi',
    description: 'PSE dans un groupe hôtelier du Cap Corse : fermeture de deux établissements hors saison.',
    activity: 'tourisme durable quatre saisons',
    opportunities: ['community_coop', 'wbo'],
    assets: ['hotelBuilding', 'combiOven', 'dishwasher'],
    employmentStatus: 'at_risk',
  },
  {
    firmName: 'Riparazioni Navali Genovesi S.r.l.',
    firmKind: 'shipRepair',
    nace: '33.15',
    town: 'Genova',
    region: 'Liguria',
    procedure: 'concordato_preventivo',
    workforce: 'yachtRefit',
    workers: 75,
    opened: '2026-02-27',
    title: 'Riparazioni Navali Genovesi — concordato preventivo',
    description:
      'Officina di riparazioni navali nel porto di Genova in concordato; bacino in concessione, officine e carroponte.',
    activity: 'riparazioni navali e green retrofit',
    opportunities: ['wbo', 'spin_off'],
    assets: ['quayShed', 'overheadCrane', 'tigStation', 'millingCentre', 'cncLathe'],
    employmentStatus: 'furloughed',
  },
  {
    firmName: 'Électricité Navale Varoise SAS',
    firmKind: 'shipRepair',
    nace: '33.15',
    town: 'La Seyne-sur-Mer',
    region: "Provence-Alpes-Côte d'Azur",
    procedure: 'redressement_judiciaire',
    workforce: 'yachtRefit',
    workers: 55,
    opened: '2026-05-19',
    title: 'Électricité Navale Varoise — redressement judiciaire',
    description:
      'Sous-traitant en électricité et mécanique navales, en redressement ; atelier et stock à reprendre.',
    activity: 'électrification des navires et bornes à quai',
    opportunities: ['wbo', 'start_up'],
    assets: ['workshopShed', 'transformer', 'tigStation'],
    employmentStatus: 'at_risk',
  },
];

export interface AssetSpecs {
  brand?: string;
  model?: string;
  year?: number;
  condition?: 'new' | 'good' | 'fair' | 'needs_repair' | 'for_parts';
  powerKw?: number;
  coveredAreaM2?: number;
  landAreaM2?: number;
  heightM?: number;
  craneTonnage?: number;
  loadingBays?: number;
  powerKva?: number;
  quayAccess?: boolean;
  draftM?: number;
  slipway?: boolean;
  maritimeConcession?: boolean;
  distanceToPortKm?: number;
}

export interface AssetTemplate {
  kind: AssetKind;
  category: AssetCategory;
  chains: SupplyChain[];
  /** Occupation whose essential skills are needed to operate it. */
  operator?: OccupationKey;
  /** Brand/model pairs a real plant would have. */
  makes?: [string, string][];
  /** Price band in euro for a sale. */
  price: [number, number];
  titleIt: (s: AssetSpecs) => string;
  titleFr: (s: AssetSpecs) => string;
  descIt: (s: AssetSpecs) => string;
  descFr: (s: AssetSpecs) => string;
  specs: (r: Rng) => AssetSpecs;
}

const fmt = (n: number | undefined, locale: 'it' | 'fr') =>
  (n ?? 0).toLocaleString(locale === 'it' ? 'it-IT' : 'fr-FR');
const yesNo = (v: boolean | undefined, locale: 'it' | 'fr') =>
  v ? (locale === 'it' ? 'sì' : 'oui') : locale === 'it' ? 'no' : 'non';

export const ASSET_TEMPLATES = {
  quayShed: {
    kind: 'building',
    category: 'shipyard',
    chains: ['nautical_shipbuilding', 'ports_logistics'],
    price: [900_000, 4_500_000],
    specs: (r) => {
      const covered = r.int(8, 60) * 100;
      return {
        coveredAreaM2: covered,
        landAreaM2: covered * r.int(2, 4),
        heightM: r.int(10, 22),
        craneTonnage: r.chance(0.8) ? r.int(2, 8) * 5 : 0,
        loadingBays: r.int(1, 6),
        powerKva: r.int(4, 20) * 50,
        quayAccess: true,
        draftM: r.range(4, 11, 1),
        maritimeConcession: r.chance(0.7),
        distanceToPortKm: 0,
      };
    },
    titleIt: (s) => `Capannone con banchina e carroponte ${s.craneTonnage || 10} t`,
    titleFr: (s) => `Hangar avec quai et pont roulant ${s.craneTonnage || 10} t`,
    descIt: (s) =>
      `Capannone industriale di ${fmt(s.coveredAreaM2, 'it')} m² coperti su ${fmt(s.landAreaM2, 'it')} m² di piazzale, altezza sotto catena ${s.heightM} m, ${s.loadingBays} portoni, cabina ${s.powerKva} kVA. Banchina diretta con pescaggio ${fmt(s.draftM, 'it')} m; concessione demaniale: ${yesNo(s.maritimeConcession, 'it')}.`,
    descFr: (s) =>
      `Bâtiment industriel de ${fmt(s.coveredAreaM2, 'fr')} m² couverts sur ${fmt(s.landAreaM2, 'fr')} m² de terrain, hauteur sous crochet ${s.heightM} m, ${s.loadingBays} portes sectionnelles, poste ${s.powerKva} kVA. Accès direct au quai, tirant d'eau ${fmt(s.draftM, 'fr')} m ; concession portuaire : ${yesNo(s.maritimeConcession, 'fr')}.`,
  },
  workshopShed: {
    kind: 'building',
    category: 'workshop',
    chains: ['mechanics_metalworking', 'nautical_shipbuilding', 'renewable_energy'],
    price: [350_000, 1_800_000],
    specs: (r) => {
      const covered = r.int(6, 40) * 100;
      return {
        coveredAreaM2: covered,
        landAreaM2: covered + r.int(5, 40) * 100,
        heightM: r.int(7, 14),
        craneTonnage: r.chance(0.6) ? r.int(1, 4) * 5 : 0,
        loadingBays: r.int(1, 4),
        powerKva: r.int(2, 10) * 50,
        distanceToPortKm: r.range(0.5, 25, 1),
      };
    },
    titleIt: (s) =>
      `Capannone artigianale ${fmt(s.coveredAreaM2, 'it')} m²${s.craneTonnage ? ` con carroponte ${s.craneTonnage} t` : ''}`,
    titleFr: (s) =>
      `Atelier ${fmt(s.coveredAreaM2, 'fr')} m²${s.craneTonnage ? ` avec pont roulant ${s.craneTonnage} t` : ''}`,
    descIt: (s) =>
      `Capannone in zona industriale, ${fmt(s.coveredAreaM2, 'it')} m² coperti, piazzale ${fmt(s.landAreaM2, 'it')} m², altezza ${s.heightM} m, ${s.loadingBays} ribalte di carico, potenza ${s.powerKva} kVA, a ${fmt(s.distanceToPortKm, 'it')} km dal porto.`,
    descFr: (s) =>
      `Bâtiment en zone d'activités, ${fmt(s.coveredAreaM2, 'fr')} m² couverts, terrain ${fmt(s.landAreaM2, 'fr')} m², hauteur ${s.heightM} m, ${s.loadingBays} quais de chargement, puissance ${s.powerKva} kVA, à ${fmt(s.distanceToPortKm, 'fr')} km du port.`,
  },
  coldWarehouse: {
    kind: 'building',
    category: 'cold_storage',
    chains: ['ports_logistics', 'agri_food', 'fishing_aquaculture'],
    price: [1_200_000, 5_000_000],
    specs: (r) => {
      const covered = r.int(15, 80) * 100;
      return {
        coveredAreaM2: covered,
        landAreaM2: covered * 2,
        heightM: r.int(9, 14),
        loadingBays: r.int(4, 16),
        powerKva: r.int(8, 30) * 50,
        quayAccess: r.chance(0.4),
        distanceToPortKm: r.range(0, 8, 1),
      };
    },
    titleIt: (s) =>
      `Magazzino frigorifero ${fmt(s.coveredAreaM2, 'it')} m² con ${s.loadingBays} baie di carico`,
    titleFr: (s) => `Entrepôt frigorifique ${fmt(s.coveredAreaM2, 'fr')} m² avec ${s.loadingBays} quais`,
    descIt: (s) =>
      `Polo del freddo con celle a temperatura positiva e negativa (fino a -25 °C), ${s.loadingBays} baie con rampe idrauliche, cabina ${s.powerKva} kVA, ${fmt(s.distanceToPortKm, 'it')} km dal porto.`,
    descFr: (s) =>
      `Plateforme froid positif et négatif (jusqu'à -25 °C), ${s.loadingBays} quais niveleurs, poste ${s.powerKva} kVA, à ${fmt(s.distanceToPortKm, 'fr')} km du port.`,
  },
  foodPlant: {
    kind: 'plant',
    category: 'food_processing',
    chains: ['fishing_aquaculture', 'agri_food'],
    price: [600_000, 2_500_000],
    specs: (r) => ({
      coveredAreaM2: r.int(10, 50) * 100,
      landAreaM2: r.int(30, 120) * 100,
      heightM: r.int(6, 10),
      loadingBays: r.int(2, 6),
      powerKva: r.int(4, 16) * 50,
      distanceToPortKm: r.range(0.5, 15, 1),
    }),
    titleIt: (s) => `Stabilimento di trasformazione ittica ${fmt(s.coveredAreaM2, 'it')} m² con bollo CE`,
    titleFr: (s) =>
      `Usine de transformation des produits de la mer ${fmt(s.coveredAreaM2, 'fr')} m² agréée CE`,
    descIt: (s) =>
      `Stabilimento alimentare con reparti di lavorazione, confezionamento e celle, ${s.loadingBays} baie di carico, cabina ${s.powerKva} kVA.`,
    descFr: (s) =>
      `Usine agroalimentaire avec ateliers de découpe, conditionnement et chambres froides, ${s.loadingBays} quais, poste ${s.powerKva} kVA.`,
  },
  industrialArea: {
    kind: 'area',
    category: 'energy',
    chains: ['renewable_energy', 'ports_logistics'],
    price: [2_000_000, 9_000_000],
    specs: (r) => ({
      landAreaM2: r.int(5, 40) * 10_000,
      coveredAreaM2: r.int(0, 30) * 100,
      powerKva: r.int(10, 60) * 1000,
      quayAccess: r.chance(0.5),
      draftM: r.range(6, 12, 1),
      distanceToPortKm: r.range(0, 3, 1),
    }),
    titleIt: (s) =>
      `Area industriale ${fmt((s.landAreaM2 ?? 0) / 10_000, 'it')} ha con sottostazione elettrica`,
    titleFr: (s) => `Terrain industriel ${fmt((s.landAreaM2 ?? 0) / 10_000, 'fr')} ha avec poste électrique`,
    descIt: (s) =>
      `Area ex centrale, ${fmt(s.landAreaM2, 'it')} m², connessione alla rete ${fmt(s.powerKva, 'it')} kVA, banchina: ${yesNo(s.quayAccess, 'it')}. Adatta a fotovoltaico, accumuli, logistica dell'eolico offshore.`,
    descFr: (s) =>
      `Ancien site de centrale, ${fmt(s.landAreaM2, 'fr')} m², raccordement ${fmt(s.powerKva, 'fr')} kVA, quai : ${yesNo(s.quayAccess, 'fr')}. Adapté au photovoltaïque, au stockage, à la logistique de l'éolien en mer.`,
  },
  portYard: {
    kind: 'area',
    category: 'warehouse',
    chains: ['ports_logistics'],
    price: [1_500_000, 6_000_000],
    specs: (r) => ({
      landAreaM2: r.int(2, 12) * 10_000,
      coveredAreaM2: r.int(5, 30) * 100,
      quayAccess: true,
      draftM: r.range(8, 14, 1),
      maritimeConcession: true,
      distanceToPortKm: 0,
      powerKva: r.int(4, 20) * 100,
    }),
    titleIt: (s) =>
      `Piazzale portuale ${fmt(s.landAreaM2, 'it')} m² con banchina (fondale ${fmt(s.draftM, 'it')} m)`,
    titleFr: (s) =>
      `Terre-plein portuaire ${fmt(s.landAreaM2, 'fr')} m² avec quai (tirant d'eau ${fmt(s.draftM, 'fr')} m)`,
    descIt: (s) =>
      `Piazzale in concessione demaniale con banchina operativa, ${fmt(s.coveredAreaM2, 'it')} m² di magazzini coperti.`,
    descFr: (s) =>
      `Terre-plein sous concession portuaire, quai opérationnel, ${fmt(s.coveredAreaM2, 'fr')} m² de magasins couverts.`,
  },
  hotelBuilding: {
    kind: 'building',
    category: 'other',
    chains: ['sustainable_tourism'],
    price: [2_500_000, 12_000_000],
    specs: (r) => ({
      coveredAreaM2: r.int(20, 90) * 100,
      landAreaM2: r.int(40, 200) * 100,
      distanceToPortKm: r.range(0.2, 20, 1),
    }),
    titleIt: (s) => `Struttura alberghiera ${fmt(s.coveredAreaM2, 'it')} m² vista mare`,
    titleFr: (s) => `Établissement hôtelier ${fmt(s.coveredAreaM2, 'fr')} m² vue mer`,
    descIt: (s) =>
      `Hotel chiuso con cucina professionale, sala ristorante e ${Math.round((s.coveredAreaM2 ?? 0) / 45)} camere; parco di ${fmt(s.landAreaM2, 'it')} m².`,
    descFr: (s) =>
      `Hôtel fermé avec cuisine professionnelle, salle de restaurant et ${Math.round((s.coveredAreaM2 ?? 0) / 45)} chambres ; parc de ${fmt(s.landAreaM2, 'fr')} m².`,
  },
  officeBlock: {
    kind: 'building',
    category: 'office',
    chains: ['other'],
    price: [250_000, 1_200_000],
    specs: (r) => ({ coveredAreaM2: r.int(3, 20) * 100, powerKva: r.int(1, 4) * 50 }),
    titleIt: (s) => `Palazzina uffici ${fmt(s.coveredAreaM2, 'it')} m²`,
    titleFr: (s) => `Immeuble de bureaux ${fmt(s.coveredAreaM2, 'fr')} m²`,
    descIt: (s) =>
      `Uffici direzionali su due piani, ${fmt(s.coveredAreaM2, 'it')} m², cablati, con sala riunioni.`,
    descFr: (s) =>
      `Bureaux sur deux niveaux, ${fmt(s.coveredAreaM2, 'fr')} m², câblés, avec salle de réunion.`,
  },
  slipway: {
    kind: 'plant',
    category: 'shipyard',
    chains: ['nautical_shipbuilding'],
    price: [400_000, 2_000_000],
    operator: 'shipwright',
    specs: (r) => ({
      landAreaM2: r.int(20, 80) * 100,
      slipway: true,
      quayAccess: true,
      draftM: r.range(3, 8, 1),
      craneTonnage: r.int(2, 12) * 50,
      maritimeConcession: true,
      distanceToPortKm: 0,
      condition: r.chance(0.5) ? 'fair' : 'good',
    }),
    titleIt: (s) => `Scalo di alaggio per unità fino a ${s.craneTonnage} t`,
    titleFr: (s) => `Cale de halage pour navires jusqu'à ${s.craneTonnage} t`,
    descIt: (s) =>
      `Scalo inclinato con argano e carrelli, piazzale ${fmt(s.landAreaM2, 'it')} m², fondale ${fmt(s.draftM, 'it')} m, in concessione.`,
    descFr: (s) =>
      `Cale inclinée avec treuil et ber, terre-plein ${fmt(s.landAreaM2, 'fr')} m², tirant d'eau ${fmt(s.draftM, 'fr')} m, sous concession.`,
  },
  travelLift: {
    kind: 'machine',
    category: 'lifting_cranes',
    chains: ['nautical_shipbuilding'],
    operator: 'boatRigger',
    price: [150_000, 900_000],
    makes: [
      ['Ascom', 'TL 100'],
      ['Ascom', 'TL 200'],
      ['Marine Travelift', '150 BFMII'],
      ['Cimolai Technology', 'MBH 300'],
      ['Wise', 'WHE 75'],
    ],
    specs: (r) => ({
      craneTonnage: r.pick([75, 100, 150, 200, 300]),
      powerKw: r.int(60, 180),
      year: r.int(1998, 2020),
      condition: r.pick(['good', 'fair', 'fair', 'needs_repair']),
      quayAccess: true,
    }),
    titleIt: (s) => `Travel lift ${s.brand} ${s.craneTonnage} t`,
    titleFr: (s) => `Élévateur à bateaux ${s.brand} ${s.craneTonnage} t`,
    descIt: (s) =>
      `Gru a portale semovente ${s.brand} ${s.model}, portata ${s.craneTonnage} t, anno ${s.year}, motore ${s.powerKw} kW. Con pontile di alaggio.`,
    descFr: (s) =>
      `Portique automoteur ${s.brand} ${s.model}, capacité ${s.craneTonnage} t, année ${s.year}, moteur ${s.powerKw} kW. Avec darse de levage.`,
  },
  overheadCrane: {
    kind: 'equipment',
    category: 'lifting_cranes',
    chains: ['nautical_shipbuilding', 'mechanics_metalworking'],
    operator: 'plantCrane',
    price: [20_000, 180_000],
    makes: [
      ['Demag', 'EKKE'],
      ['ABUS', 'ZLK'],
      ['Konecranes', 'CXT'],
      ['GH Cranes', 'GHB'],
      ['Donati', 'DRH'],
    ],
    specs: (r) => ({
      craneTonnage: r.pick([5, 10, 16, 20, 32, 50]),
      powerKw: r.int(8, 60),
      year: r.int(1995, 2021),
      condition: r.pick(['good', 'good', 'fair', 'needs_repair']),
    }),
    titleIt: (s) => `Carroponte bitrave ${s.brand} ${s.craneTonnage} t`,
    titleFr: (s) => `Pont roulant bipoutre ${s.brand} ${s.craneTonnage} t`,
    descIt: (s) =>
      `Carroponte ${s.brand} ${s.model}, portata ${s.craneTonnage} t, anno ${s.year}, potenza ${s.powerKw} kW, con radiocomando; smontaggio a carico dell'acquirente.`,
    descFr: (s) =>
      `Pont roulant ${s.brand} ${s.model}, ${s.craneTonnage} t, année ${s.year}, ${s.powerKw} kW, radiocommande ; démontage à la charge de l'acquéreur.`,
  },
  mobileCrane: {
    kind: 'machine',
    category: 'lifting_cranes',
    chains: ['ports_logistics'],
    operator: 'containerCrane',
    price: [300_000, 2_500_000],
    makes: [
      ['Liebherr', 'LHM 420'],
      ['Liebherr', 'LHM 550'],
      ['Konecranes Gottwald', 'Model 6'],
      ['Fantuzzi', 'CF45'],
    ],
    specs: (r) => ({
      craneTonnage: r.pick([45, 84, 124, 144]),
      powerKw: r.int(400, 1200),
      year: r.int(2000, 2018),
      condition: r.pick(['good', 'fair']),
      quayAccess: true,
    }),
    titleIt: (s) => `Gru mobile portuale ${s.brand} ${s.model}`,
    titleFr: (s) => `Grue mobile portuaire ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Gru mobile su gomma ${s.brand} ${s.model}, portata ${s.craneTonnage} t, anno ${s.year}, ${fmt(s.powerKw, 'it')} kW.`,
    descFr: (s) =>
      `Grue mobile sur pneus ${s.brand} ${s.model}, ${s.craneTonnage} t, année ${s.year}, ${fmt(s.powerKw, 'fr')} kW.`,
  },
  forkliftTruck: {
    kind: 'machine',
    category: 'vehicles',
    chains: ['ports_logistics', 'agri_food'],
    operator: 'forklift',
    price: [8_000, 60_000],
    makes: [
      ['Linde', 'H30D'],
      ['Linde', 'E25'],
      ['Still', 'RX70-30'],
      ['Toyota', '8FBE18'],
      ['Jungheinrich', 'EFG 320'],
    ],
    specs: (r) => ({
      craneTonnage: r.pick([1.8, 2.5, 3, 5]),
      powerKw: r.int(15, 60),
      year: r.int(2008, 2022),
      condition: r.pick(['good', 'fair', 'fair']),
    }),
    titleIt: (s) => `Carrello elevatore ${s.brand} ${s.model}`,
    titleFr: (s) => `Chariot élévateur ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Carrello elevatore ${s.brand} ${s.model}, portata ${fmt(s.craneTonnage, 'it')} t, anno ${s.year}, ${s.powerKw} kW.`,
    descFr: (s) =>
      `Chariot ${s.brand} ${s.model}, capacité ${fmt(s.craneTonnage, 'fr')} t, année ${s.year}, ${s.powerKw} kW.`,
  },
  cncLathe: {
    kind: 'machine',
    category: 'machine_tools',
    chains: ['mechanics_metalworking', 'nautical_shipbuilding'],
    operator: 'latheOperator',
    price: [25_000, 180_000],
    makes: [
      ['Mazak', 'QT-250'],
      ['Mazak', 'Integrex i-200'],
      ['Haas', 'ST-20'],
      ['DMG Mori', 'NLX 2500'],
      ['Okuma', 'Genos L300'],
      ['Doosan', 'Lynx 220'],
    ],
    specs: (r) => ({
      powerKw: r.int(11, 30),
      year: r.int(2004, 2021),
      condition: r.pick(['good', 'good', 'fair']),
    }),
    titleIt: (s) => `Tornio CNC ${s.brand} ${s.model}`,
    titleFr: (s) => `Tour CN ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Tornio a controllo numerico ${s.brand} ${s.model}, anno ${s.year}, mandrino ${s.powerKw} kW, con caricatore barre e utensileria.`,
    descFr: (s) =>
      `Tour à commande numérique ${s.brand} ${s.model}, année ${s.year}, broche ${s.powerKw} kW, avec ravitailleur de barres et outillage.`,
  },
  millingCentre: {
    kind: 'machine',
    category: 'machine_tools',
    chains: ['mechanics_metalworking'],
    operator: 'millingOperator',
    price: [30_000, 250_000],
    makes: [
      ['DMG Mori', 'DMU 50'],
      ['Haas', 'VF-2'],
      ['Hermle', 'C 32'],
      ['Mazak', 'VCN-530C'],
      ['Fidia', 'D165'],
    ],
    specs: (r) => ({ powerKw: r.int(15, 40), year: r.int(2005, 2021), condition: r.pick(['good', 'fair']) }),
    titleIt: (s) => `Centro di lavoro / fresatrice CNC ${s.brand} ${s.model}`,
    titleFr: (s) => `Centre d'usinage / fraiseuse CN ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Fresatrice a 5 assi ${s.brand} ${s.model}, anno ${s.year}, ${s.powerKw} kW, cambio utensile automatico.`,
    descFr: (s) =>
      `Fraiseuse 5 axes ${s.brand} ${s.model}, année ${s.year}, ${s.powerKw} kW, changeur d'outils automatique.`,
  },
  tigStation: {
    kind: 'equipment',
    category: 'welding',
    chains: ['nautical_shipbuilding', 'mechanics_metalworking'],
    operator: 'welder',
    price: [2_000, 15_000],
    makes: [
      ['Fronius', 'MagicWave 230i'],
      ['Fronius', 'iWave 300i'],
      ['ESAB', 'Aristo Tig 4000i'],
      ['Lincoln Electric', 'Invertec 300TPX'],
      ['Miller', 'Dynasty 280'],
      ['Kemppi', 'MasterTig 335'],
    ],
    specs: (r) => ({
      powerKw: r.range(7, 16, 1),
      year: r.int(2010, 2023),
      condition: r.pick(['new', 'good', 'good', 'fair']),
    }),
    titleIt: (s) => `Postazione di saldatura TIG ${s.brand} ${s.model}`,
    titleFr: (s) => `Poste de soudage TIG ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Generatore TIG AC/DC ${s.brand} ${s.model}, anno ${s.year}, ${fmt(s.powerKw, 'it')} kW, con torcia raffreddata ad acqua, banco e aspirazione fumi.`,
    descFr: (s) =>
      `Générateur TIG AC/DC ${s.brand} ${s.model}, année ${s.year}, ${fmt(s.powerKw, 'fr')} kW, torche refroidie par eau, table et aspiration des fumées.`,
  },
  plasmaCutter: {
    kind: 'machine',
    category: 'machine_tools',
    chains: ['nautical_shipbuilding', 'mechanics_metalworking'],
    operator: 'sheetMetal',
    price: [40_000, 300_000],
    makes: [
      ['Hypertherm', 'XPR300'],
      ['Kjellberg', 'HiFocus 280i'],
      ['Messer', 'MetalMaster'],
    ],
    specs: (r) => ({ powerKw: r.int(30, 90), year: r.int(2008, 2021), condition: r.pick(['good', 'fair']) }),
    titleIt: (s) => `Impianto di taglio plasma ${s.brand} ${s.model}`,
    titleFr: (s) => `Table de découpe plasma ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Pantografo di taglio plasma ${s.brand} ${s.model}, anno ${s.year}, ${s.powerKw} kW, banco 12 × 3 m per lamiere navali.`,
    descFr: (s) =>
      `Découpe plasma ${s.brand} ${s.model}, année ${s.year}, ${s.powerKw} kW, table 12 × 3 m pour tôles navales.`,
  },
  pressBrake: {
    kind: 'machine',
    category: 'machine_tools',
    chains: ['mechanics_metalworking', 'nautical_shipbuilding'],
    operator: 'sheetMetal',
    price: [30_000, 200_000],
    makes: [
      ['Amada', 'HG 2204'],
      ['Trumpf', 'TruBend 5230'],
      ['Salvagnini', 'B3'],
      ['LVD', 'PPEB 320'],
    ],
    specs: (r) => ({ powerKw: r.int(15, 45), year: r.int(2005, 2020), condition: r.pick(['good', 'fair']) }),
    titleIt: (s) => `Pressa piegatrice ${s.brand} ${s.model}`,
    titleFr: (s) => `Presse plieuse ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Piegatrice idraulica ${s.brand} ${s.model}, anno ${s.year}, ${s.powerKw} kW, controllo CNC.`,
    descFr: (s) =>
      `Presse plieuse hydraulique ${s.brand} ${s.model}, année ${s.year}, ${s.powerKw} kW, commande CN.`,
  },
  compressor: {
    kind: 'equipment',
    category: 'workshop',
    chains: ['mechanics_metalworking'],
    operator: 'machineryMechanic',
    price: [5_000, 40_000],
    makes: [
      ['Atlas Copco', 'GA 37 VSD'],
      ['Kaeser', 'ASD 40'],
      ['Ceccato', 'CSM 30'],
    ],
    specs: (r) => ({
      powerKw: r.pick([22, 30, 37, 45, 55]),
      year: r.int(2008, 2022),
      condition: r.pick(['good', 'fair']),
    }),
    titleIt: (s) => `Compressore a vite ${s.brand} ${s.powerKw} kW`,
    titleFr: (s) => `Compresseur à vis ${s.brand} ${s.powerKw} kW`,
    descIt: (s) => `Compressore ${s.brand} ${s.model}, anno ${s.year}, con essiccatore e serbatoio.`,
    descFr: (s) => `Compresseur ${s.brand} ${s.model}, année ${s.year}, avec sécheur et réservoir.`,
  },
  coldRoom: {
    kind: 'equipment',
    category: 'cold_storage',
    chains: ['fishing_aquaculture', 'agri_food', 'sustainable_tourism'],
    operator: 'chillingOperator',
    price: [8_000, 90_000],
    makes: [
      ['Zanotti', 'Uniblock'],
      ['Rivacold', 'FSM'],
      ['Epta', 'Costan'],
      ['Bitzer', 'Ecoline'],
    ],
    specs: (r) => ({
      coveredAreaM2: r.int(2, 20) * 10,
      powerKw: r.int(5, 40),
      year: r.int(2006, 2022),
      condition: r.pick(['good', 'good', 'fair', 'needs_repair']),
    }),
    titleIt: (s) => `Cella frigorifera ${fmt((s.coveredAreaM2 ?? 0) * 4, 'it')} m³ ${s.brand}`,
    titleFr: (s) => `Chambre froide ${fmt((s.coveredAreaM2 ?? 0) * 4, 'fr')} m³ ${s.brand}`,
    descIt: (s) =>
      `Cella a bassa temperatura (-25 °C) in pannelli sandwich, gruppo ${s.brand} ${s.model}, ${s.powerKw} kW, anno ${s.year}.`,
    descFr: (s) =>
      `Chambre froide négative (-25 °C) en panneaux sandwich, groupe ${s.brand} ${s.model}, ${s.powerKw} kW, année ${s.year}.`,
  },
  blastChiller: {
    kind: 'equipment',
    category: 'cold_storage',
    chains: ['fishing_aquaculture', 'agri_food'],
    operator: 'chillingOperator',
    price: [5_000, 45_000],
    makes: [
      ['Irinox', 'MultiFresh MF 100.2'],
      ['Irinox', 'MultiFresh MF 70.2'],
      ['Friulinox', 'Modulo 150'],
      ['Hiber', 'RDM 051S'],
    ],
    specs: (r) => ({
      powerKw: r.range(4, 25, 1),
      year: r.int(2010, 2023),
      condition: r.pick(['good', 'fair']),
    }),
    titleIt: (s) => `Abbattitore di temperatura ${s.brand} ${s.model}`,
    titleFr: (s) => `Cellule de refroidissement rapide ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Abbattitore/surgelatore ${s.brand} ${s.model}, anno ${s.year}, ${fmt(s.powerKw, 'it')} kW.`,
    descFr: (s) =>
      `Cellule de refroidissement et surgélation ${s.brand} ${s.model}, année ${s.year}, ${fmt(s.powerKw, 'fr')} kW.`,
  },
  refrigerationPlant: {
    kind: 'plant',
    category: 'cold_storage',
    chains: ['ports_logistics', 'agri_food'],
    operator: 'refrigerationTech',
    price: [60_000, 400_000],
    makes: [
      ['GEA', 'Grasso V'],
      ['Bitzer', 'CSH'],
      ['Frascold', 'SK'],
    ],
    specs: (r) => ({
      powerKw: r.int(150, 900),
      year: r.int(2000, 2019),
      condition: r.pick(['good', 'fair', 'needs_repair']),
    }),
    titleIt: (s) => `Centrale frigorifera ad ammoniaca ${s.brand} ${s.powerKw} kW`,
    titleFr: (s) => `Centrale frigorifique à l'ammoniac ${s.brand} ${s.powerKw} kW`,
    descIt: (s) =>
      `Impianto frigorifero NH3 ${s.brand} ${s.model}, anno ${s.year}, con condensatori evaporativi.`,
    descFr: (s) => `Installation NH3 ${s.brand} ${s.model}, année ${s.year}, avec condenseurs évaporatifs.`,
  },
  filletingLine: {
    kind: 'plant',
    category: 'food_processing',
    chains: ['fishing_aquaculture'],
    operator: 'fishTrimmer',
    price: [40_000, 350_000],
    makes: [
      ['Baader', '581'],
      ['Marel', 'FleXicut'],
      ['Baader', '184'],
    ],
    specs: (r) => ({ powerKw: r.int(10, 60), year: r.int(2005, 2020), condition: r.pick(['good', 'fair']) }),
    titleIt: (s) => `Linea di filettatura pesce ${s.brand} ${s.model}`,
    titleFr: (s) => `Ligne de filetage ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Linea completa di eviscerazione e filettatura ${s.brand} ${s.model}, anno ${s.year}, ${s.powerKw} kW.`,
    descFr: (s) =>
      `Ligne complète d'étêtage, éviscération et filetage ${s.brand} ${s.model}, année ${s.year}, ${s.powerKw} kW.`,
  },
  vacuumPacker: {
    kind: 'machine',
    category: 'food_processing',
    chains: ['fishing_aquaculture', 'agri_food'],
    operator: 'foodOperator',
    price: [10_000, 120_000],
    makes: [
      ['Multivac', 'R 245'],
      ['Multivac', 'C 500'],
      ['ULMA', 'TFS 400'],
    ],
    specs: (r) => ({
      powerKw: r.range(3, 25, 1),
      year: r.int(2008, 2022),
      condition: r.pick(['good', 'fair']),
    }),
    titleIt: (s) => `Confezionatrice sottovuoto ${s.brand} ${s.model}`,
    titleFr: (s) => `Thermoformeuse sous vide ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Termoformatrice ${s.brand} ${s.model}, anno ${s.year}, ${fmt(s.powerKw, 'it')} kW, in atmosfera modificata.`,
    descFr: (s) =>
      `Thermoformeuse ${s.brand} ${s.model}, année ${s.year}, ${fmt(s.powerKw, 'fr')} kW, sous atmosphère modifiée.`,
  },
  combiOven: {
    kind: 'equipment',
    category: 'food_processing',
    chains: ['sustainable_tourism'],
    operator: 'cook',
    price: [4_000, 25_000],
    makes: [
      ['Rational', 'iCombi Pro 10-1/1'],
      ['Rational', 'iCombi Pro 20-1/1'],
      ['Unox', 'Cheftop Mind.Maps'],
      ['Electrolux', 'SkyLine Pro'],
    ],
    specs: (r) => ({
      powerKw: r.range(10, 37, 1),
      year: r.int(2012, 2023),
      condition: r.pick(['good', 'good', 'fair']),
    }),
    titleIt: (s) => `Forno combinato ${s.brand} ${s.model}`,
    titleFr: (s) => `Four mixte ${s.brand} ${s.model}`,
    descIt: (s) =>
      `Forno combinato vapore ${s.brand} ${s.model}, anno ${s.year}, ${fmt(s.powerKw, 'it')} kW, da cucina d'albergo.`,
    descFr: (s) =>
      `Four mixte ${s.brand} ${s.model}, année ${s.year}, ${fmt(s.powerKw, 'fr')} kW, issu d'une cuisine d'hôtel.`,
  },
  dishwasher: {
    kind: 'equipment',
    category: 'other',
    chains: ['sustainable_tourism'],
    price: [3_000, 30_000],
    makes: [
      ['Winterhalter', 'MT2'],
      ['Meiko', 'M-iQ'],
      ['Hobart', 'Profi FTNi'],
    ],
    specs: (r) => ({ powerKw: r.int(15, 45), year: r.int(2010, 2022), condition: r.pick(['good', 'fair']) }),
    titleIt: (s) => `Lavastoviglie a nastro ${s.brand} ${s.model}`,
    titleFr: (s) => `Lave-vaisselle à convoyeur ${s.brand} ${s.model}`,
    descIt: (s) => `Lavastoviglie a traino ${s.brand} ${s.model}, anno ${s.year}, ${s.powerKw} kW.`,
    descFr: (s) => `Lave-vaisselle à convoyeur ${s.brand} ${s.model}, année ${s.year}, ${s.powerKw} kW.`,
  },
  paintBooth: {
    kind: 'plant',
    category: 'shipyard',
    chains: ['nautical_shipbuilding'],
    operator: 'marinePainter',
    price: [80_000, 600_000],
    makes: [
      ['Blowtherm', 'Yacht Line'],
      ['Nova Verta', 'Marine'],
      ['Cefla', 'Marine Booth'],
    ],
    specs: (r) => ({
      coveredAreaM2: r.int(3, 15) * 100,
      heightM: r.int(12, 25),
      powerKw: r.int(60, 250),
      year: r.int(2005, 2020),
      condition: r.pick(['good', 'fair']),
    }),
    titleIt: (s) => `Capannone di verniciatura yacht ${fmt(s.coveredAreaM2, 'it')} m²`,
    titleFr: (s) => `Hangar de peinture pour yachts ${fmt(s.coveredAreaM2, 'fr')} m²`,
    descIt: (s) =>
      `Cabina di verniciatura ${s.brand} ${s.model} a temperatura controllata, altezza ${s.heightM} m, ${s.powerKw} kW.`,
    descFr: (s) =>
      `Cabine de peinture ${s.brand} ${s.model} à température contrôlée, hauteur ${s.heightM} m, ${s.powerKw} kW.`,
  },
  transformer: {
    kind: 'equipment',
    category: 'energy',
    chains: ['renewable_energy'],
    operator: 'industrialElectrician',
    price: [15_000, 150_000],
    makes: [
      ['ABB', 'RESIBLOC'],
      ['Schneider Electric', 'Trihal'],
      ['Siemens', 'GEAFOL'],
    ],
    specs: (r) => ({
      powerKva: r.pick([630, 1000, 1600, 2500]),
      year: r.int(2005, 2021),
      condition: r.pick(['good', 'fair']),
    }),
    titleIt: (s) => `Trasformatore MT/BT ${s.brand} ${s.powerKva} kVA`,
    titleFr: (s) => `Transformateur HTA/BT ${s.brand} ${s.powerKva} kVA`,
    descIt: (s) =>
      `Trasformatore in resina ${s.brand} ${s.model}, ${s.powerKva} kVA, anno ${s.year}, con quadri di media tensione.`,
    descFr: (s) =>
      `Transformateur sec ${s.brand} ${s.model}, ${s.powerKva} kVA, année ${s.year}, avec cellules HTA.`,
  },
  hatchery: {
    kind: 'plant',
    category: 'marine_equipment',
    chains: ['fishing_aquaculture', 'blue_green_biotech'],
    operator: 'aquacultureTech',
    price: [150_000, 900_000],
    specs: (r) => ({
      coveredAreaM2: r.int(5, 25) * 100,
      landAreaM2: r.int(20, 60) * 100,
      powerKva: r.int(2, 8) * 100,
      quayAccess: r.chance(0.5),
      distanceToPortKm: r.range(0, 6, 1),
      maritimeConcession: true,
    }),
    titleIt: (s) => `Avannotteria con vasche a ricircolo ${fmt(s.coveredAreaM2, 'it')} m²`,
    titleFr: (s) => `Écloserie avec bassins en recirculation ${fmt(s.coveredAreaM2, 'fr')} m²`,
    descIt: (s) => `Avannotteria per spigola e orata, sistemi RAS, presa a mare, cabina ${s.powerKva} kVA.`,
    descFr: (s) =>
      `Écloserie pour loup et daurade, systèmes RAS, prise d'eau de mer, poste ${s.powerKva} kVA.`,
  },
  workBoat: {
    kind: 'machine',
    category: 'marine_equipment',
    chains: ['fishing_aquaculture'],
    operator: 'boatswain',
    price: [60_000, 400_000],
    makes: [
      ['Alunaut', 'Work 1200'],
      ['Damen', 'Multi Cat 1506'],
      ['Cantiere Navale Vittoria', 'Service 15'],
    ],
    specs: (r) => ({
      powerKw: r.int(150, 700),
      year: r.int(1998, 2018),
      condition: r.pick(['good', 'fair', 'needs_repair']),
      craneTonnage: r.int(2, 10),
      draftM: r.range(1, 2.5, 1),
    }),
    titleIt: (s) => `Imbarcazione di servizio ${s.brand} ${s.model} con gru ${s.craneTonnage} t`,
    titleFr: (s) => `Bateau de servitude ${s.brand} ${s.model} avec grue ${s.craneTonnage} t`,
    descIt: (s) =>
      `Workboat ${s.brand} ${s.model}, anno ${s.year}, ${s.powerKw} kW, pescaggio ${fmt(s.draftM, 'it')} m, gru idraulica.`,
    descFr: (s) =>
      `Bateau de travail ${s.brand} ${s.model}, année ${s.year}, ${s.powerKw} kW, tirant d'eau ${fmt(s.draftM, 'fr')} m, grue hydraulique.`,
  },
} satisfies Record<string, AssetTemplate>;

export type AssetTemplateKey = keyof typeof ASSET_TEMPLATES;

/** Which templates a generic (non-crisis) asset of a chain draws from. */
export const ASSETS_BY_CHAIN: Record<SupplyChain, AssetTemplateKey[]> = {
  nautical_shipbuilding: [
    'quayShed',
    'slipway',
    'travelLift',
    'overheadCrane',
    'tigStation',
    'plasmaCutter',
    'paintBooth',
  ],
  sustainable_tourism: ['hotelBuilding', 'combiOven', 'dishwasher', 'coldRoom'],
  blue_green_biotech: ['hatchery', 'workshopShed', 'coldRoom'],
  renewable_energy: ['industrialArea', 'transformer', 'workshopShed'],
  ports_logistics: ['portYard', 'coldWarehouse', 'forkliftTruck', 'mobileCrane', 'quayShed'],
  fishing_aquaculture: ['foodPlant', 'filletingLine', 'coldRoom', 'blastChiller', 'workBoat', 'hatchery'],
  agri_food: ['foodPlant', 'vacuumPacker', 'coldRoom', 'blastChiller', 'refrigerationPlant'],
  mechanics_metalworking: [
    'cncLathe',
    'millingCentre',
    'tigStation',
    'pressBrake',
    'compressor',
    'workshopShed',
    'overheadCrane',
  ],
  other: ['officeBlock', 'workshopShed'],
};

export const FIRST_NAMES_IT = [
  'Marco',
  'Giulia',
  'Alessandro',
  'Francesca',
  'Luca',
  'Chiara',
  'Andrea',
  'Sara',
  'Matteo',
  'Elena',
  'Davide',
  'Martina',
  'Stefano',
  'Valentina',
  'Simone',
  'Federica',
  'Paolo',
  'Silvia',
  'Giovanni',
  'Laura',
  'Roberto',
  'Alessia',
  'Fabio',
  'Ilaria',
  'Riccardo',
  'Monica',
  'Daniele',
  'Paola',
  'Lorenzo',
  'Anna',
  'Emanuele',
  'Barbara',
  'Massimo',
  'Cristina',
  'Antonio',
  'Roberta',
  'Giuseppe',
  'Manuela',
  'Efisio',
  'Gavino',
  'Salvatore',
  'Maria',
  'Ignazio',
  'Bonaria',
];
export const LAST_NAMES_IT = [
  'Rossi',
  'Bianchi',
  'Ferrari',
  'Esposito',
  'Romano',
  'Colombo',
  'Ricci',
  'Marino',
  'Greco',
  'Bruno',
  'Gallo',
  'Conti',
  'De Luca',
  'Costa',
  'Giordano',
  'Mancini',
  'Lombardi',
  'Moretti',
  'Barbieri',
  'Fontana',
  'Parodi',
  'Repetto',
  'Ferrando',
  'Canepa',
  'Bertolotti',
  'Cozzani',
  'Guidi',
  'Nardi',
  'Bacci',
  'Lenzi',
  'Orsini',
  'Pinna',
  'Sanna',
  'Piras',
  'Melis',
  'Serra',
  'Carta',
  'Mura',
  'Deiana',
  'Usai',
  'Porcu',
  'Murgia',
];
export const FIRST_NAMES_FR = [
  'Lucas',
  'Emma',
  'Hugo',
  'Léa',
  'Louis',
  'Chloé',
  'Nathan',
  'Manon',
  'Thomas',
  'Camille',
  'Julien',
  'Sarah',
  'Nicolas',
  'Laura',
  'Maxime',
  'Julie',
  'Antoine',
  'Marine',
  'Romain',
  'Pauline',
  'Mathieu',
  'Céline',
  'Kevin',
  'Aurélie',
  'Sébastien',
  'Sandrine',
  'Olivier',
  'Nathalie',
  'Jean-Pierre',
  'Marie-Laure',
  'Ange',
  'Paul-Antoine',
  'Dominique',
  'Marie-Josée',
  'Karim',
  'Nadia',
  'Yassine',
  'Sofia',
];
export const LAST_NAMES_FR = [
  'Martin',
  'Bernard',
  'Dubois',
  'Thomas',
  'Robert',
  'Richard',
  'Petit',
  'Durand',
  'Leroy',
  'Moreau',
  'Simon',
  'Laurent',
  'Michel',
  'Garcia',
  'Fabre',
  'Roux',
  'Blanc',
  'Fournier',
  'Giraud',
  'Bonnet',
  'Olivier',
  'Arnaud',
  'Gauthier',
  'Marchetti',
  'Santoni',
  'Luciani',
  'Leca',
  'Paoli',
  'Mattei',
  'Colonna',
  'Casanova',
  'Pietri',
  'Benali',
  'Haddad',
  'Nguyen',
  'Ferrara',
  'Rinaldi',
  'Orsini',
];

export const DRIVING_LICENCES = ['B', 'C', 'CE', 'D', 'A'];
