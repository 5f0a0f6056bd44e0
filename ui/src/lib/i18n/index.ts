import { addMessages, init, locale, getLocaleFromNavigator } from 'svelte-i18n';
import { PLACE_NAMES, VALUE_LABELS } from '@rilancio/vocabulary';
import it from './it.json';
import fr from './fr.json';
import en from './en.json';

export const LOCALES = ['it', 'fr', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
const KEY = 'rilancio.locale';

// The words for the values of closed lists (`value.*`) are the one catalogue the server words its files,
// exports and explanations with (@rilancio/vocabulary), and so are the regions' and provinces' names
// (`place.*`); the screens' own words are in the JSON files.
addMessages('it', it, { value: VALUE_LABELS.it, place: PLACE_NAMES.it });
addMessages('fr', fr, { value: VALUE_LABELS.fr, place: PLACE_NAMES.fr });
addMessages('en', en, { value: VALUE_LABELS.en, place: PLACE_NAMES.en });

function isLocale(v: string | null | undefined): v is Locale {
  return !!v && (LOCALES as readonly string[]).includes(v);
}

/** Italian unless the user chose otherwise (persisted) or asked with ?lang=. */
export function setupI18n(): void {
  let initial: Locale = 'it';
  if (typeof window !== 'undefined') {
    const fromUrl = new URL(window.location.href).searchParams.get('lang');
    const saved = localStorage.getItem(KEY);
    if (isLocale(fromUrl)) initial = fromUrl;
    else if (isLocale(saved)) initial = saved;
    else {
      // Only French or English browsers move away from the Italian default.
      const nav = getLocaleFromNavigator()?.slice(0, 2);
      if (nav === 'fr') initial = 'fr';
    }
    localStorage.setItem(KEY, initial);
    document.documentElement.lang = initial;
  }
  init({ fallbackLocale: 'it', initialLocale: initial });
}

export function setLocale(l: Locale): void {
  locale.set(l);
  localStorage.setItem(KEY, l);
  document.documentElement.lang = l;
}
