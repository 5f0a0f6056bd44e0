/**
 * The offer pack of an asset: a one- or two-page PDF a marketing officer hands to an investor. It holds
 * the site sheet, the skilled people nearby as protected counts (docs/decisions/0004-people-in-aggregate.md:
 * cells under 5 left out, the rest rounded to 5), the issuing desk and its contact, a reference and the
 * date. Only an asset on offer has one: a withdrawn or assigned asset is refused with the reason.
 */
import { placeName } from '@rilancio/vocabulary';
import { formatDuration } from '@rilancio/matcher';
import type { Principal } from '../../auth/principal.js';
import type { Database } from '../../db/client.js';
import { deskLine, issuerHeader, issuerOf, referenceFileName } from '../../documents/issuer.js';
import { renderPdfSheet, type PdfSection } from '../../documents/pdf-document.js';
import { ConflictError } from '../../errors.js';
import { preferredLabels } from '../reference/index.js';
import type { AssetView } from './assets.schema.js';
import type { AssetsService } from './assets.service.js';
import { assetValueLabel, FIELD_LABELS, fill, OFFER_TEXT, type OfferLang } from './offer-pack.labels.js';

/** Statuses under which an asset is on offer; the others have nothing to offer. */
export const OFFERABLE_STATUSES = ['available', 'reserved'] as const;
/**
 * People are counted within this door-to-door time of the asset by default (one of the fixed budgets,
 * shared/travel-budgets.ts): an hour is what a worker commutes, and the asset page starts at it too.
 */
export const OFFER_PEOPLE_MINUTES = 60;

/**
 * Protected counts of people within a travel time of a point, by ESCO occupation: the nearby module's
 * `createPeopleNearby(...)` (the asset page's counts), given here by shape since that module reads assets.
 */
export interface PeopleCounter {
  count(
    point: { lat: number; lon: number },
    minutes: number,
  ): Promise<{ occupationUris: Record<string, number> }>;
}
/** The occupations listed, most frequent first: enough to show the labour pool, few enough for two pages. */
const MAX_OCCUPATIONS = 15;
/** Long descriptions are cut at a sentence so the sheet stays within two pages. */
const MAX_DESCRIPTION_CHARS = 1400;

const NUMBER_FIELDS: [keyof AssetView, string][] = [
  ['coveredAreaM2', 'm²'],
  ['landAreaM2', 'm²'],
  ['heightM', 'm'],
  ['powerKw', 'kW'],
  ['powerKva', 'kVA'],
  ['craneTonnage', 't'],
  ['loadingBays', ''],
  ['draftM', 'm'],
  ['distanceToPortKm', 'km'],
];
const FLAGS: (keyof AssetView)[] = ['quayAccess', 'slipway', 'maritimeConcession'];

const LOCALES: Record<OfferLang, string> = { it: 'it-IT', fr: 'fr-FR', en: 'en-GB' };

export function createOfferPackService(db: Database, people: PeopleCounter, assets: AssetsService) {
  async function occupationsNear(
    a: AssetView,
    minutes: number,
    lang: OfferLang,
  ): Promise<[string, string][]> {
    // Already suppressed under 5 and rounded to 5 by the counter.
    const counts = await people.count({ lat: a.lat, lon: a.lon }, minutes);
    const cells = Object.entries(counts.occupationUris)
      .sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0]))
      .slice(0, MAX_OCCUPATIONS);
    const labels = await preferredLabels(
      db,
      cells.map(([uri]) => uri),
      lang,
    );
    const nf = new Intl.NumberFormat(LOCALES[lang]);
    // A concept without a label in the reference data is left out rather than shown as a URI.
    return cells.flatMap(([uri, n]) => (labels.has(uri) ? [[labels.get(uri)!, nf.format(n)]] : []));
  }

  return {
    async render(
      id: string,
      lang: OfferLang,
      principal: Principal,
      minutes: number = OFFER_PEOPLE_MINUTES,
      now = new Date(),
    ) {
      const a = await assets.get(id, principal);
      if (!(OFFERABLE_STATUSES as readonly string[]).includes(a.status))
        throw new ConflictError(
          'ASSET_NOT_ON_OFFER',
          `This asset is ${a.status}: only an available or reserved asset has an offer pack`,
          [{ path: 'status', reason: `${a.status}: not on offer` }],
        );
      const issuer = await issuerOf(db, a.deskId, principal);
      const t = OFFER_TEXT[lang];
      const F = FIELD_LABELS[lang];
      const value = (group: string, code: string | null) => (code ? assetValueLabel(group, code, lang) : '');
      const nf = new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 2 });
      const money = (n: number) => `${nf.format(n)} €`;
      const date = new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: 'Europe/Rome' });
      const day = (iso: string) => date.format(new Date(iso));

      const facts: [string, string][] = [
        [t.inventory, a.inventoryNumber],
        [F.kind!, value('kind', a.kind)],
        [F.category!, value('category', a.category)],
        [F.status!, value('status', a.status)],
        [F.availability!, value('availability', a.availability)],
      ];
      if (a.condition) facts.push([F.condition!, value('condition', a.condition)]);
      if (a.municipality)
        facts.push([
          t.location,
          [a.municipality.name, a.municipality.province, a.municipality.region]
            .map((name, i) => (i > 0 && name ? placeName(name, lang) : name))
            .filter(Boolean)
            .join(', '),
        ]);
      facts.push([t.coordinates, `${a.lat.toFixed(4)}, ${a.lon.toFixed(4)}`]);
      for (const [field, unit] of NUMBER_FIELDS) {
        const v = a[field];
        if (typeof v === 'number') facts.push([F[field]!, `${nf.format(v)}${unit ? ` ${unit}` : ''}`]);
      }
      for (const flag of FLAGS) if (a[flag] === true) facts.push([F[flag]!, t.yes]);
      if (a.year) facts.push([F.year!, String(a.year)]);
      if (a.brand) facts.push([F.brand!, a.brand]);
      if (a.model) facts.push([F.model!, a.model]);
      if (a.priceEur !== null) facts.push([F.priceEur!, money(a.priceEur)]);
      if (a.rentEurMonth !== null)
        facts.push([F.rentEurMonth!, fill(t.monthly, { v: nf.format(a.rentEurMonth) })]);
      if (a.availableFrom) facts.push([F.availableFrom!, day(a.availableFrom)]);
      if (a.availableUntil) facts.push([F.availableUntil!, day(a.availableUntil)]);
      if (a.supplyChains.length)
        facts.push([F.supplyChains!, a.supplyChains.map((c) => value('supplyChain', c)).join(', ')]);

      const sections: PdfSection[] = [{ kind: 'facts', heading: t.site, rows: facts }];
      if (a.description.trim())
        sections.push({ kind: 'text', heading: t.description, text: shorten(a.description) });
      const time = formatDuration(minutes);
      sections.push({
        kind: 'table',
        heading: fill(t.people, { time }),
        columns: [t.occupation, t.count],
        rows: await occupationsNear(a, minutes, lang),
        note: t.peopleNote,
        empty: fill(t.peopleEmpty, { time }),
      });

      const deskName = deskLine(issuer);
      const stamp = now.toISOString().slice(0, 10);
      const reference = `${issuer.desk?.code ?? 'RIL'}-${a.inventoryNumber}-${stamp.replaceAll('-', '')}`;
      const header = issuerHeader(issuer, t, reference, date.format(now));
      const pdf = await renderPdfSheet({
        lang,
        title: a.title,
        subtitle: `${t.title} · ${value('kind', a.kind)}`,
        header,
        sections,
        footer: fill(t.footer, { desk: issuer.desk?.name ?? '' }),
        pageLabel: (n, total) => fill(t.page, { n, total }),
        author: deskName,
        subject: t.title,
      });
      return { pdf, filename: referenceFileName('rilancio-offer', reference) };
    },
  };
}
export type OfferPackService = ReturnType<typeof createOfferPackService>;

function shorten(text: string): string {
  if (text.length <= MAX_DESCRIPTION_CHARS) return text;
  const cut = text.slice(0, MAX_DESCRIPTION_CHARS);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('.\n'));
  return end > MAX_DESCRIPTION_CHARS / 2 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}
