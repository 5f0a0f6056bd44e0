import { valueLabel, type VocabularyName } from '@rilancio/vocabulary';
/**
 * The offer pack's words in Italian, French and English. Field and value names are the UI catalogue's
 * (ui/src/lib/i18n/*.json), so a sheet and the screen call things the same.
 */
export const OFFER_LANGS = ['it', 'fr', 'en'] as const;
export type OfferLang = (typeof OFFER_LANGS)[number];

export const OFFER_TEXT = {
  it: {
    title: 'Scheda di offerta',
    reference: 'Riferimento',
    date: 'Data',
    desk: 'Sportello',
    contact: 'Referente',
    site: 'Scheda del sito',
    description: 'Descrizione',
    people: 'Competenze disponibili entro {time} di viaggio',
    occupation: 'Professione',
    count: 'Persone',
    peopleNote:
      'Persone iscritte allo sportello che abitano entro questo tempo porta a porta su strada e con i traghetti tutto l’anno (non in linea d’aria); conteggi arrotondati a multipli di 5, le professioni con meno di 5 persone non sono mostrate.',
    peopleEmpty: 'Nessuna professione con almeno 5 persone iscritte entro {time} di viaggio.',
    page: 'Pagina {n} di {total}',
    yes: 'sì',
    no: 'no',
    footer: 'Rilancio · {desk} · documento informativo, non costituisce offerta contrattuale',
    location: 'Ubicazione',
    coordinates: 'Coordinate',
    monthly: '{v} €/mese',
    inventory: 'N. inventario',
  },
  fr: {
    title: "Dossier d'offre",
    reference: 'Référence',
    date: 'Date',
    desk: 'Guichet',
    contact: 'Contact',
    site: 'Fiche du site',
    description: 'Description',
    people: 'Compétences disponibles à moins de {time} de trajet',
    occupation: 'Métier',
    count: 'Personnes',
    peopleNote:
      'Personnes inscrites au guichet qui habitent à moins de ce temps porte à porte par la route et les ferries à l’année (pas à vol d’oiseau) ; nombres arrondis au multiple de 5, les métiers de moins de 5 personnes ne sont pas affichés.',
    peopleEmpty: 'Aucun métier ne compte au moins 5 personnes inscrites à moins de {time} de trajet.',
    page: 'Page {n} sur {total}',
    yes: 'oui',
    no: 'non',
    footer: "Rilancio · {desk} · document d'information, sans valeur d'offre contractuelle",
    location: 'Localisation',
    coordinates: 'Coordonnées',
    monthly: '{v} €/mois',
    inventory: "N° d'inventaire",
  },
  en: {
    title: 'Offer pack',
    reference: 'Reference',
    date: 'Date',
    desk: 'Desk',
    contact: 'Contact',
    site: 'Site sheet',
    description: 'Description',
    people: 'Skills available within {time} of travel',
    occupation: 'Occupation',
    count: 'People',
    peopleNote:
      'People registered with the desk who live within this door-to-door time by road and all-year ferries (not as the crow flies); counts rounded to multiples of 5, occupations with fewer than 5 people are not shown.',
    peopleEmpty: 'No occupation has at least 5 registered people within {time} of travel.',
    page: 'Page {n} of {total}',
    yes: 'yes',
    no: 'no',
    footer: 'Rilancio · {desk} · for information only, not a contractual offer',
    location: 'Location',
    coordinates: 'Coordinates',
    monthly: '{v} €/month',
    inventory: 'Inventory no.',
  },
} as const;

export const FIELD_LABELS: Record<OfferLang, Record<string, string>> = {
  it: {
    kind: 'Tipo',
    category: 'Categoria',
    municipality: 'Comune',
    availability: 'Disponibilità',
    condition: 'Condizioni',
    status: 'Stato',
    coveredAreaM2: 'Superficie coperta',
    landAreaM2: 'Superficie del lotto',
    heightM: 'Altezza',
    powerKw: 'Potenza',
    powerKva: 'Potenza elettrica impegnata',
    craneTonnage: 'Carroponte',
    loadingBays: 'Baie di carico',
    quayAccess: 'Accesso alla banchina',
    draftM: 'Pescaggio',
    slipway: 'Scalo di alaggio',
    maritimeConcession: 'Concessione demaniale marittima',
    distanceToPortKm: 'Distanza dal porto',
    year: 'Anno',
    brand: 'Marca',
    model: 'Modello',
    priceEur: 'Prezzo',
    rentEurMonth: 'Canone mensile',
    availableFrom: 'Disponibile dal',
    availableUntil: 'Disponibile fino al',
    supplyChains: 'Filiera',
  },
  fr: {
    kind: 'Type',
    category: 'Catégorie',
    municipality: 'Commune',
    availability: 'Disponibilité',
    condition: 'État',
    status: 'Statut',
    coveredAreaM2: 'Surface couverte',
    landAreaM2: 'Surface du terrain',
    heightM: 'Hauteur',
    powerKw: 'Puissance',
    powerKva: 'Puissance électrique souscrite',
    craneTonnage: 'Pont roulant',
    loadingBays: 'Quais de chargement',
    quayAccess: 'Accès au quai',
    draftM: "Tirant d'eau",
    slipway: 'Cale de halage',
    maritimeConcession: 'Concession maritime',
    distanceToPortKm: 'Distance au port',
    year: 'Année',
    brand: 'Marque',
    model: 'Modèle',
    priceEur: 'Prix',
    rentEurMonth: 'Loyer mensuel',
    availableFrom: 'Disponible à partir du',
    availableUntil: "Disponible jusqu'au",
    supplyChains: 'Filière',
  },
  en: {
    kind: 'Kind',
    category: 'Category',
    municipality: 'Municipality',
    availability: 'Availability',
    condition: 'Condition',
    status: 'Status',
    coveredAreaM2: 'Covered area',
    landAreaM2: 'Land area',
    heightM: 'Height',
    powerKw: 'Power',
    powerKva: 'Electrical supply',
    craneTonnage: 'Crane capacity',
    loadingBays: 'Loading bays',
    quayAccess: 'Quay access',
    draftM: 'Draft',
    slipway: 'Slipway',
    maritimeConcession: 'Maritime concession',
    distanceToPortKm: 'Distance to port',
    year: 'Year',
    brand: 'Brand',
    model: 'Model',
    priceEur: 'Price',
    rentEurMonth: 'Monthly rent',
    availableFrom: 'Available from',
    availableUntil: 'Available until',
    supplyChains: 'Supply chain',
  },
};

/** The vocabulary in @rilancio/vocabulary that words each asset field of the sheet. */
const VOCABULARY_OF: Readonly<Record<string, VocabularyName>> = {
  availability: 'availability',
  condition: 'condition',
  status: 'assetStatus',
  kind: 'kind',
  category: 'category',
  supplyChain: 'supplyChain',
};

/**
 * A field's value in the document's language, from the one catalogue the screens use; a code the
 * catalogue lacks is shown with spaces for underscores rather than as a raw code.
 */
export function assetValueLabel(field: string, code: string, lang: OfferLang): string {
  const vocabulary = VOCABULARY_OF[field];
  return (vocabulary && valueLabel(vocabulary, code, lang)) ?? code.replace(/_/g, ' ');
}

/** "{time}"-style placeholders filled in. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? `{${k}}`));
}
