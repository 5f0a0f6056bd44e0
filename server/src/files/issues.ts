import type { ValueReason } from './values.js';

export type Lang = 'it' | 'fr' | 'en';
export const LANGS: readonly Lang[] = ['it', 'fr', 'en'];
export type Localized = Readonly<Record<Lang, string>>;

/** Stable reason codes for everything reported per row or per header; the UI and API key on them. */
export type IssueCode =
  | ValueReason
  | 'REQUIRED'
  | 'CSV_STRAY_QUOTE'
  | 'CSV_TEXT_AFTER_QUOTE'
  | 'ROW_TOO_MANY_FIELDS'
  | 'HEADER_UNKNOWN'
  | 'HEADER_MISSING_REQUIRED'
  | 'HEADER_DUPLICATE'
  | 'HEADER_OVERRIDE_INVALID';

/**
 * The reason table in the three languages of the desks. Kept next to the codes so a new code
 * without a translation fails to compile (the `satisfies` below).
 */
export const ISSUE_MESSAGES = {
  REQUIRED: {
    it: 'Valore obbligatorio mancante.',
    fr: 'Valeur obligatoire manquante.',
    en: 'Required value is missing.',
  },
  NUMBER_INVALID: {
    it: 'Non è un numero valido.',
    fr: "Ce n'est pas un nombre valide.",
    en: 'Not a valid number.',
  },
  NUMBER_AMBIGUOUS: {
    it: 'Numero ambiguo: non si capisce se il separatore è dei decimali o delle migliaia (es. 1.234).',
    fr: 'Nombre ambigu : séparateur décimal ou de milliers ? (ex. 1.234).',
    en: 'Ambiguous number: decimal or thousands separator? (e.g. 1.234).',
  },
  NUMBER_OUT_OF_RANGE: {
    it: 'Numero fuori dall’intervallo ammesso.',
    fr: 'Nombre hors de la plage autorisée.',
    en: 'Number out of the allowed range.',
  },
  INTEGER_EXPECTED: {
    it: 'È richiesto un numero intero.',
    fr: 'Un nombre entier est attendu.',
    en: 'A whole number is expected.',
  },
  DATE_INVALID: {
    it: 'Data non valida (usare GG/MM/AAAA o AAAA-MM-GG).',
    fr: 'Date invalide (utiliser JJ/MM/AAAA ou AAAA-MM-JJ).',
    en: 'Invalid date (use DD/MM/YYYY or YYYY-MM-DD).',
  },
  BOOLEAN_INVALID: {
    it: 'Valore sì/no non riconosciuto.',
    fr: 'Valeur oui/non non reconnue.',
    en: 'Yes/no value not recognised.',
  },
  ENUM_INVALID: {
    it: 'Valore non previsto per questo campo.',
    fr: 'Valeur non prévue pour ce champ.',
    en: 'Value not allowed for this field.',
  },
  EMAIL_INVALID: {
    it: 'Indirizzo e-mail non valido.',
    fr: 'Adresse e-mail invalide.',
    en: 'Invalid e-mail address.',
  },
  PHONE_INVALID: {
    it: 'Numero di telefono non valido.',
    fr: 'Numéro de téléphone invalide.',
    en: 'Invalid phone number.',
  },
  TEXT_TOO_LONG: { it: 'Testo troppo lungo.', fr: 'Texte trop long.', en: 'Text too long.' },
  LIST_TOO_LONG: {
    it: 'Troppi elementi nell’elenco.',
    fr: 'Trop d’éléments dans la liste.',
    en: 'Too many items in the list.',
  },
  LANGUAGE_INVALID: {
    it: 'Lingua non riconosciuta (es. "Inglese B2; fr C1").',
    fr: 'Langue non reconnue (ex. « anglais B2 ; it C1 »).',
    en: 'Language not recognised (e.g. "English B2; fr C1").',
  },
  CEFR_INVALID: {
    it: 'Livello QCER mancante o non valido (A1–C2).',
    fr: 'Niveau CECRL manquant ou invalide (A1–C2).',
    en: 'Missing or invalid CEFR level (A1–C2).',
  },
  CSV_STRAY_QUOTE: {
    it: 'Virgolette fuori posto nella cella: controllare la riga.',
    fr: 'Guillemet mal placé dans la cellule : vérifier la ligne.',
    en: 'Misplaced quote in the cell: check the row.',
  },
  CSV_TEXT_AFTER_QUOTE: {
    it: 'Testo dopo le virgolette di chiusura: controllare la riga.',
    fr: 'Texte après le guillemet fermant : vérifier la ligne.',
    en: 'Text after a closing quote: check the row.',
  },
  ROW_TOO_MANY_FIELDS: {
    it: 'La riga ha più colonne dell’intestazione.',
    fr: 'La ligne a plus de colonnes que l’en-tête.',
    en: 'The row has more columns than the header.',
  },
  HEADER_UNKNOWN: {
    it: 'Colonna non riconosciuta: verrà ignorata.',
    fr: 'Colonne non reconnue : elle sera ignorée.',
    en: 'Unrecognised column: it will be ignored.',
  },
  HEADER_MISSING_REQUIRED: {
    it: 'Manca una colonna obbligatoria.',
    fr: 'Une colonne obligatoire manque.',
    en: 'A required column is missing.',
  },
  HEADER_DUPLICATE: {
    it: 'Più colonne corrispondono allo stesso campo: si usa la prima.',
    fr: 'Plusieurs colonnes correspondent au même champ : la première est utilisée.',
    en: 'Several columns match the same field: the first one is used.',
  },
  HEADER_OVERRIDE_INVALID: {
    it: 'La corrispondenza indicata punta a un campo inesistente.',
    fr: 'La correspondance indiquée vise un champ inexistant.',
    en: 'The mapping points to a field that does not exist.',
  },
} as const satisfies Record<IssueCode, Localized>;

export interface IssueColumn {
  /** 0-based column index. */
  index: number;
  /** Spreadsheet letter, "A" for index 0. */
  letter: string;
  /** Header text as it appears in the file. */
  header: string;
}

/** One problem in one row (or in the header row): what the dry-run report lists. */
export interface RowIssue {
  /** Spreadsheet row number (1-based, header row included); 0 for file-wide header issues. */
  row: number;
  /** Physical CSV line where the row starts, when it differs from `row` or is useful. */
  line?: number;
  column?: IssueColumn;
  /** Canonical field name the column maps to. */
  field?: string;
  /** The offending value, as text, cut to 200 characters. */
  value?: string;
  code: IssueCode;
  message: Localized;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AB" → 27 (0-based); undefined if not letters. */
export function columnIndex(letters: string): number | undefined {
  if (!/^[A-Z]{1,3}$/.test(letters)) return undefined;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

export function makeIssue(init: Omit<RowIssue, 'message' | 'value'> & { value?: unknown }): RowIssue {
  const { value, ...rest } = init;
  const issue: RowIssue = { ...rest, message: ISSUE_MESSAGES[init.code] };
  if (value !== undefined && value !== null) issue.value = String(value).slice(0, 200);
  return issue;
}
