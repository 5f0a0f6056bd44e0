// How a ferry link is said on the map: operators, crossing time, how often, and the season.
import type { FerryLinks } from '$lib/geo';

type Link = FerryLinks['links'][number];
type Translate = (key: string, options?: { values?: Record<string, string | number> }) => string;

/** "1 h 05", "45 min", as the matcher's explanations write durations. */
export function formatMinutes(m: number): string {
  const r = Math.round(m);
  if (r < 60) return `${r} min`;
  const h = Math.floor(r / 60);
  const rest = r % 60;
  return rest === 0 ? `${h} h` : `${h} h ${String(rest).padStart(2, '0')}`;
}

function monthName(month: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2026, month - 1, 15)),
  );
}

export function seasonText(link: Link, locale: string, t: Translate): string {
  const [from, to] = link.seasonMonths ?? [];
  if (link.allYear || from === undefined || to === undefined) return t('map.ferry.allYear');
  return t('map.ferry.seasonal', { values: { from: monthName(from, locale), to: monthName(to, locale) } });
}

function escape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The popup's HTML (escaped: names come from the bundled table, but a popup is markup). */
export function ferryPopup(link: Link, from: string, to: string, locale: string, t: Translate): string {
  const perDay =
    link.departuresPerDay >= 1
      ? t('map.ferry.perDay', { values: { n: Math.round(link.departuresPerDay) } })
      : t('map.ferry.perWeek', { values: { n: Math.max(1, Math.round(link.departuresPerDay * 7)) } });
  return [
    `<strong>${escape(from)} – ${escape(to)}</strong>`,
    escape(link.operators.join(', ')),
    escape(t('map.ferry.crossing', { values: { time: formatMinutes(link.crossingMinutes) } })),
    escape(perDay),
    escape(seasonText(link, locale, t)),
  ].join('<br>');
}
