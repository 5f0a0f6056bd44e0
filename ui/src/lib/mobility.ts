// A person's mobility said in words on the profile page: the travel time when they state one (matching
// then judges by it), otherwise the kilometres, and the weekly ferry commute when they accept it.
import { formatMinutes } from './ferry';

type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** From a profile as the API returns it (mobilityKm, maxTravelMinutes, weeklyFerryCommute). */
export function mobilityWords(p: Record<string, unknown>, t: Translate, locale = 'it'): string {
  const parts: string[] = [];
  if (typeof p.maxTravelMinutes === 'number' && p.maxTravelMinutes > 0) {
    parts.push(t('profile.mobilityWords.time', { values: { time: formatMinutes(p.maxTravelMinutes) } }));
  } else if (typeof p.mobilityKm === 'number') {
    parts.push(t('profile.mobilityWords.km', { values: { km: p.mobilityKm.toLocaleString(locale) } }));
  }
  if (p.weeklyFerryCommute === true) parts.push(t('profile.mobilityWords.weekly'));
  const text = parts.join('; ');
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}
