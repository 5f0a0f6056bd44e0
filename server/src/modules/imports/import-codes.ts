import type { Localized, RowIssue } from '../../files/index.js';

/** Problems only the database side can see: references, API rules, duplicates. */
export const IMPORT_MESSAGES = {
  MUNICIPALITY_UNKNOWN: {
    it: 'Comune non trovato (nome, CAP, codice ISTAT o INSEE).',
    fr: 'Commune introuvable (nom, code postal, code INSEE ou ISTAT).',
    en: 'Municipality not found (name, postal code, ISTAT or INSEE code).',
  },
  MUNICIPALITY_AMBIGUOUS: {
    it: 'Più comuni corrispondono: indicare il codice ISTAT/INSEE.',
    fr: 'Plusieurs communes correspondent : indiquer le code INSEE/ISTAT.',
    en: 'Several municipalities match: give the ISTAT/INSEE code.',
  },
  ESCO_SUGGESTION: {
    it: 'Voce ESCO non riconosciuta con certezza: vedere i suggerimenti (non importata).',
    fr: 'Entrée ESCO non reconnue avec certitude : voir les suggestions (non importée).',
    en: 'ESCO entry not recognised exactly: see the suggestions (not imported).',
  },
  ESCO_REQUIRED_SUGGESTION: {
    it: 'Professione ESCO non riconosciuta con certezza: usare l’URI o il codice suggerito.',
    fr: 'Métier ESCO non reconnu avec certitude : utiliser l’URI ou le code suggéré.',
    en: 'ESCO occupation not recognised exactly: use the suggested URI or code.',
  },
  ESCO_URI_UNKNOWN: {
    it: 'URI ESCO inesistente nei dati di riferimento: usare il nome della voce o un URI esistente.',
    fr: 'URI ESCO absente des données de référence : utiliser le libellé ou une URI existante.',
    en: 'ESCO URI not in the reference data: use the label or an existing URI.',
  },
  ESCO_AMBIGUOUS: {
    it: 'Più voci ESCO corrispondono: scegliere tra i suggerimenti e usarne il nome completo o l’URI.',
    fr: 'Plusieurs entrées ESCO correspondent : choisir parmi les suggestions et en utiliser le libellé complet ou l’URI.',
    en: 'Several ESCO entries match: pick one of the suggestions and use its full label or URI.',
  },
  FIRM_UNKNOWN: {
    it: 'Impresa non trovata (partita IVA / SIRET): importare prima le imprese.',
    fr: 'Entreprise introuvable (TVA / SIRET) : importer d’abord les entreprises.',
    en: 'Firm not found (VAT / SIRET): import the firms first.',
  },
  FIRM_ID_INVALID: {
    it: 'Partita IVA (11 cifre) o SIRET (14 cifre) non valido.',
    fr: 'Numéro de TVA italien (11 chiffres) ou SIRET (14 chiffres) invalide.',
    en: 'Not a valid Italian VAT number (11 digits) or SIRET (14 digits).',
  },
  CRISIS_CASE_UNKNOWN: {
    it: 'Dossier di crisi non trovato per questo sportello.',
    fr: 'Dossier de crise introuvable pour ce guichet.',
    en: 'Crisis case not found for this desk.',
  },
  ASSET_UNKNOWN: {
    it: 'Bene non trovato (numero di inventario).',
    fr: 'Bien introuvable (numéro d’inventaire).',
    en: 'Asset not found (inventory number).',
  },
  CATEGORY_INVALID: {
    it: 'Categoria non prevista.',
    fr: 'Catégorie non prévue.',
    en: 'Category not allowed.',
  },
  NACE_UNKNOWN: {
    it: 'Codice ATECO/NACE sconosciuto.',
    fr: 'Code NAF/NACE inconnu.',
    en: 'Unknown NACE code.',
  },
  ROLE_INVALID: {
    it: 'Ruolo non valido: usare "professione x numero".',
    fr: 'Rôle invalide : utiliser « métier x nombre ».',
    en: 'Invalid role: use "occupation x count".',
  },
  SINGLE_VALUE_EXPECTED: {
    it: 'Indicare un solo valore.',
    fr: 'Indiquer une seule valeur.',
    en: 'Give a single value.',
  },
  DUPLICATE_IN_FILE: {
    it: 'Stesso codice di una riga precedente del file.',
    fr: 'Même référence qu’une ligne précédente du fichier.',
    en: 'Same key as an earlier row of the file.',
  },
  OTHER_DESK: {
    it: 'Il record appartiene a un altro sportello.',
    fr: 'L’enregistrement appartient à un autre guichet.',
    en: 'The record belongs to another desk.',
  },
  RULE_VIOLATED: {
    it: 'Valore non ammesso dalle regole dei dati.',
    fr: 'Valeur refusée par les règles des données.',
    en: 'Value refused by the data rules.',
  },
  WRITE_FAILED: {
    it: 'La riga non è stata salvata (conflitto con dati esistenti).',
    fr: 'La ligne n’a pas été enregistrée (conflit avec des données existantes).',
    en: 'The row was not saved (conflict with existing data).',
  },
} as const satisfies Record<string, Localized>;

export type ImportIssueCode = keyof typeof IMPORT_MESSAGES;

export interface Suggestion {
  uri: string;
  label: string;
  confidence: number;
}

/**
 * One line of an import report: a files-layer RowIssue or an import-side one. `severity`
 * 'warning' means the row was (or would be) written without the item; 'error' means it was not.
 */
export interface ReportEntry extends Omit<RowIssue, 'code'> {
  code: string;
  severity: 'error' | 'warning';
  /** The rule text from the API validation, when the reason is RULE_VIOLATED. */
  detail?: string;
  suggestions?: Suggestion[];
  /**
   * LIKELY_DUPLICATE (a stored record) and LIKELY_DUPLICATE_IN_FILE (an earlier row, whose number is the
   * value): how likely (0–1) and why, as duplicate-reason codes (vocabulary duplicateReason).
   */
  score?: number;
  reasons?: string[];
}
