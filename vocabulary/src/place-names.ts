/**
 * The area's regions and provinces (départements) as each language says them, keyed by the official name
 * that the reference data, the records and the search index carry. A name not listed here is the same in
 * every language and is shown as it is officially written.
 */
const EXONYMS: Readonly<Record<string, Readonly<Partial<Record<'it' | 'fr' | 'en', string>>>>> = {
  // Regions
  Liguria: { fr: 'Ligurie' },
  Toscana: { fr: 'Toscane', en: 'Tuscany' },
  Sardegna: { fr: 'Sardaigne', en: 'Sardinia' },
  Corse: { it: 'Corsica', en: 'Corsica' },
  "Provence-Alpes-Côte d'Azur": { it: 'Provenza-Alpi-Costa Azzurra' },
  // Italian provinces
  Genova: { fr: 'Gênes', en: 'Genoa' },
  Savona: { fr: 'Savone' },
  Firenze: { fr: 'Florence', en: 'Florence' },
  Livorno: { fr: 'Livourne' },
  Lucca: { fr: 'Lucques' },
  Pisa: { fr: 'Pise' },
  Siena: { fr: 'Sienne' },
  'Sud Sardegna': { fr: 'Sardaigne du Sud', en: 'South Sardinia' },
  // French départements
  'Alpes-de-Haute-Provence': { it: "Alpi dell'Alta Provenza" },
  'Hautes-Alpes': { it: 'Alte Alpi' },
  'Alpes-Maritimes': { it: 'Alpi Marittime' },
  'Bouches-du-Rhône': { it: 'Bocche del Rodano' },
  'Corse-du-Sud': { it: 'Corsica del Sud', en: 'South Corsica' },
  'Haute-Corse': { it: 'Alta Corsica', en: 'Upper Corsica' },
  Var: { it: 'Varo' },
  Vaucluse: { it: 'Valchiusa' },
};

const inLanguage = (lang: 'it' | 'fr' | 'en'): Readonly<Record<string, string>> =>
  Object.fromEntries(Object.entries(EXONYMS).map(([name, says]) => [name, says[lang] ?? name]));

/** Per language, official name → the name said in that language (the UI loads each as its `place.*` messages). */
export const PLACE_NAMES = { it: inLanguage('it'), fr: inLanguage('fr'), en: inLanguage('en') } as const;

/** A region's or province's name in a language; the official name when the language says it the same way. */
export function placeName(name: string, lang: 'it' | 'fr' | 'en'): string {
  return Object.hasOwn(EXONYMS, name) ? (EXONYMS[name]![lang] ?? name) : name;
}
