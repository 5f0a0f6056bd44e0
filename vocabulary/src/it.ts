/**
 * The words for every closed list of values (enums) in Italian: one catalogue per language, read by the
 * server (files, exports, import reports, explanations, search terms) and by the UI (`value.*`).
 * Keys are the domain's codes, as the API and the database store them.
 */
export const it = {
  /** Kinds of asset (also the kind an asset need asks for). */
  kind: {
    machine: 'Macchinario',
    equipment: 'Attrezzatura',
    plant: 'Impianto',
    area: 'Area industriale',
    building: 'Capannone / edificio',
  },
  /** Asset categories. */
  category: {
    machine_tools: 'Macchine utensili',
    welding: 'Saldatura',
    lifting_cranes: 'Sollevamento e gru',
    marine_equipment: 'Attrezzature navali',
    cold_storage: 'Celle frigorifere',
    food_processing: 'Trasformazione alimentare',
    workshop: 'Officina',
    warehouse: 'Magazzino',
    office: 'Uffici',
    shipyard: 'Cantiere navale',
    energy: 'Energia',
    vehicles: 'Veicoli',
    other: 'Altro',
  },
  /** How an asset is offered. */
  availability: {
    sale: 'Vendita',
    lease: 'Locazione',
    free_loan: "Comodato d'uso",
    auction: 'Asta',
  },
  /** Condition of an asset. */
  condition: {
    new: 'Nuovo',
    good: 'Buono',
    fair: 'Discreto',
    needs_repair: 'Da riparare',
    for_parts: 'Per ricambi',
  },
  /** Statuses as the screens name them, whatever the object (a facet, a badge). */
  status: {
    draft: 'Bozza',
    available: 'Disponibile',
    reserved: 'Riservato',
    assigned: 'Assegnato',
    withdrawn: 'Ritirato',
    open: 'Aperto',
    closed: 'Chiuso',
    filled: 'Coperto',
    in_progress: 'In corso',
    active: 'Attiva',
    in_crisis: 'In crisi',
    expired: 'Scaduto',
  },
  /** Supply chains (a profile's past work, a firm, a need, an opportunity). */
  supplyChain: {
    nautical_shipbuilding: 'Nautica e cantieristica',
    sustainable_tourism: 'Turismo innovativo e sostenibile',
    blue_green_biotech: 'Biotecnologie blu e verdi',
    renewable_energy: 'Energie rinnovabili blu e verdi',
    ports_logistics: 'Porti e logistica',
    fishing_aquaculture: 'Pesca e acquacoltura',
    agri_food: 'Agroalimentare',
    mechanics_metalworking: 'Meccanica e metalmeccanica',
    other: 'Altro',
  },
  /** A person's employment situation. */
  employmentStatus: {
    unemployed: 'Disoccupato',
    at_risk: 'A rischio',
    furloughed: 'In cassa integrazione',
  },
  /** What a person wants to do next. */
  desiredPaths: {
    employment: 'Lavoro dipendente',
    start_up: 'Start-up',
    workers_buy_out: 'Workers buy-out',
    spin_off: 'Spin-off',
    community_coop: 'Cooperativa di comunità',
  },
  /** A need asks for people or for an asset. */
  needType: {
    job: 'Personale',
    asset: 'Risorsa',
  },
  /** Kinds of venture. */
  opportunityKind: {
    wbo: 'Workers buy-out',
    mbo: 'Management buy-out',
    spin_off: 'Spin-off',
    start_up: 'Start-up',
    community_coop: 'Cooperativa di comunità',
  },
  /** Crisis procedures (Italian and French law). */
  procedure: {
    liquidazione_giudiziale: 'Liquidazione giudiziale',
    concordato_preventivo: 'Concordato preventivo',
    amministrazione_straordinaria: 'Amministrazione straordinaria',
    cassa_integrazione_straordinaria: 'Cassa integrazione straordinaria',
    licenziamento_collettivo: 'Licenziamento collettivo',
    redressement_judiciaire: 'Redressement judiciaire',
    liquidation_judiciaire: 'Liquidation judiciaire (FR)',
    pse: "Piano di salvaguardia dell'occupazione (PSE)",
    other: 'Altra procedura',
  },
  /** Contracts a job need offers. */
  contractType: {
    permanent: 'Tempo indeterminato',
    fixed_term: 'Tempo determinato',
    seasonal: 'Stagionale',
    apprenticeship: 'Apprendistato',
    other: 'Altro',
  },
  /** Decisions on a match. */
  action: {
    shortlist: 'In lista breve',
    approve: 'Approvato',
    reject: 'Scartato',
    rerank: 'Posizione modificata',
    revoke: 'Approvazione revocata',
  },
  /** Whether a site reaches a quay. */
  quayAccess: {
    true: 'Con accesso alla banchina',
    false: 'Senza accesso alla banchina',
  },
  /** Where a person's skill comes from. */
  skillSource: {
    declared: 'dichiarata',
    certified: 'certificata',
    inferred: 'dedotta dalla professione',
  },
  /** How an asset need wants to acquire. */
  acquisitionMode: {
    buy: 'Acquisto',
    lease: 'Locazione',
    either: 'Indifferente',
  },
  /** Why a match was decided so. */
  decisionReason: {
    good_fit: 'Profilo adatto',
    skills_gap: 'Competenze insufficienti',
    too_far: 'Troppo lontano',
    not_available: 'Non disponibile',
    person_declined: 'La persona ha rinunciato',
    firm_declined: "L'impresa ha rinunciato",
    better_candidate: "C'è un candidato più adatto",
    data_outdated: 'Dati non aggiornati',
    other: 'Altro (specificare nella nota)',
  },
  /** Firm size bands (employees). */
  sizeBand: {
    micro: 'Micro (0-9)',
    small: 'Piccola (10-49)',
    medium: 'Media (50-249)',
    large: 'Grande (250+)',
  },
  /** A firm's state. */
  firmState: {
    active: 'Attiva',
    in_crisis: 'In crisi',
    closed: 'Cessata',
  },
  /** An asset's status, worded for an asset (files and exports). */
  assetStatus: {
    draft: 'Bozza',
    available: 'Disponibile',
    reserved: 'Riservato',
    assigned: 'Assegnato',
    withdrawn: 'Ritirato',
    expired: 'Scaduto',
  },
  /** A need's status, worded for a need (files and exports). */
  needStatus: {
    draft: 'Bozza',
    open: 'Aperto',
    filled: 'Coperto',
    closed: 'Chiuso',
  },
  /** An opportunity's status, worded for an opportunity (files and exports). */
  opportunityStatus: {
    draft: 'Bozza',
    open: 'Aperta',
    in_progress: 'In corso',
    closed: 'Chiusa',
  },
  /** What became of an approved match. */
  outcome: {
    contacted: 'Contattato',
    interviewed: 'Colloquio svolto',
    hired: 'Assunto',
    not_hired: 'Non assunto',
    withdrawn: 'Ritirato dalla selezione',
  },
  /** How a person gave consent. */
  consentChannel: {
    desk: 'Allo sportello',
    email: 'E-mail',
    online: 'Online',
    paper: 'Modulo cartaceo',
  },
  /** What a person consented to. */
  consentPurpose: {
    contact_by_companies: 'Contatto da parte delle imprese',
    share_with_companies: 'Condivisione con le imprese',
    talent_pool_extension: 'Estensione della banca dati dei talenti',
  },
  /** Why two records look like the same person, asset or firm (modules/duplicates, scoring.ts). */
  duplicateReason: {
    SAME_EMAIL: 'Stessa e-mail',
    SAME_PHONE: 'Stesso telefono',
    SAME_NAME: 'Stesso nome e cognome',
    SAME_MUNICIPALITY: 'Stesso comune',
    SAME_KIND_AND_PLACE: 'Stesso tipo di bene nello stesso comune',
    SIMILAR_AREA: 'Superficie simile',
    SAME_BRAND_MODEL: 'Stessa marca e modello',
    SAME_YEAR: 'Stesso anno',
    SAME_OWNER_FIRM: 'Stessa impresa proprietaria',
    SAME_VAT: 'Stessa partita IVA',
    SAME_SIRET: 'Stesso SIRET',
    SAME_SIREN: 'Stesso SIREN (altro stabilimento)',
    SAME_FIRM_NAME: 'Stessa ragione sociale',
  },
  /** Why personal data was erased (GDPR Art. 17). */
  erasureReason: {
    consent_withdrawn: 'Consenso revocato',
    data_subject_request: "Richiesta dell'interessato",
    legal_obligation: 'Obbligo di legge',
    no_longer_necessary: 'Dati non più necessari',
    objection: 'Opposizione al trattamento',
    unlawful_processing: 'Trattamento illecito',
  },
} as const;

/** The shape every language's catalogue has: the Italian one's vocabularies and codes. */
export type Catalogue = { readonly [V in keyof typeof it]: { readonly [C in keyof (typeof it)[V]]: string } };
