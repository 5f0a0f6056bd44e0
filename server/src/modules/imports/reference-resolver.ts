import { and, eq, inArray, like, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../../db/client.js';
import {
  assets,
  crisisCases,
  escoLabels,
  escoOccupations,
  escoSkills,
  firms,
  municipalities,
  naceCodes,
} from '../../db/schema.js';
import { escapeLike, foldLabel } from '../../lib/text.js';
import { candidatePrefix, conceptIndexFor, meaningfulWords, readConcept } from '../reference/index.js';
import type { ImportIssueCode, Suggestion } from './import-codes.js';
import { yieldToLoop } from '../../lib/event-loop.js';

export type Resolved<T> =
  { ok: true; value: T } | { ok: false; code: ImportIssueCode; suggestions?: Suggestion[] };

export interface Place {
  country: string;
  code: string;
  lat: number;
  lon: number;
}

/** A firm identifier as written ("IT 01234567890", "123 456 789 00012") reduced to what the database keys on. */
export function parseFirmIdentifier(
  raw: string,
): { country: 'IT'; vatNumber: string } | { country: 'FR'; siret: string } | undefined {
  const s = raw.replace(/[\s.\-/]/g, '').toUpperCase();
  const it = /^(?:IT)?(\d{11})$/.exec(s);
  if (it) return { country: 'IT', vatNumber: it[1]! };
  const fr = /^(\d{14})$/.exec(s);
  if (fr) return { country: 'FR', siret: fr[1]! };
  return undefined;
}

const ESCO_URI = {
  occupation: /^http:\/\/data\.europa\.eu\/esco\/occupation\/[0-9a-f-]{36}$/,
  skill: /^http:\/\/data\.europa\.eu\/esco\/skill\/[0-9a-f-]{36}$/,
} as const;
const ESCO_OCCUPATION_CODE = /^\d{4}(?:\.\d+)+$/;

/**
 * Resolves what a desk wrote in a reference column to the record it means, for one import job.
 * Only exact matches resolve (a code, a URI, a label equal after folding case and accents);
 * anything else comes back as a reason, with ranked suggestions for ESCO labels, and is never
 * guessed. Answers are cached for the job: a 100,000-row file names the same few places.
 */
/** Places read per query when the resolver loads them (see loadPlaces). */
const PLACES_PAGE = 500;

export function createReferenceResolver(initial: DbOrTx, deskId: string) {
  // The batch's transaction: PGlite has one connection, so lookups must run inside it.
  let db = initial;
  /** The database itself, which the free-text index is kept for across batches and jobs. */
  const root = initial;
  let places:
    | Promise<{
        byKey: Map<string, Place>;
        byName: Map<string, Place[]>;
        byPostal: Map<string, Place[]>;
        names: Map<string, string>;
      }>
    | undefined;
  const cache = new Map<string, Promise<Resolved<unknown>>>();
  const cached = <T>(key: string, load: () => Promise<Resolved<T>>): Promise<Resolved<T>> => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load();
      cache.set(key, hit);
    }
    return hit as Promise<Resolved<T>>;
  };

  function loadPlaces() {
    places ??= (async () => {
      const byKey = new Map<string, Place>();
      const byName = new Map<string, Place[]>();
      const byPostal = new Map<string, Place[]>();
      const names = new Map<string, string>();
      const push = (map: Map<string, Place[]>, key: string, p: Place) => {
        const list = map.get(key);
        if (list) list.push(p);
        else map.set(key, [p]);
      };
      // Read in pages, with a turn of the event loop between them: on PGlite one query for all 43,000
      // places held the server thread for most of a second (finding 17). The transaction of the batch
      // that asked is used throughout (PGlite has one connection).
      const conn = db;
      let after: { country: string; code: string } | undefined;
      for (;;) {
        const rows = await conn
          .select({
            country: municipalities.country,
            code: municipalities.code,
            name: municipalities.name,
            folded: municipalities.folded,
            provinceAbbr: municipalities.provinceAbbr,
            lat: municipalities.lat,
            lon: municipalities.lon,
            postalCodes: municipalities.postalCodes,
          })
          .from(municipalities)
          .where(
            after
              ? sql`(${municipalities.country}, ${municipalities.code}) > (${after.country}, ${after.code})`
              : undefined,
          )
          .orderBy(municipalities.country, municipalities.code)
          .limit(PLACES_PAGE);
        for (const r of rows) {
          const p: Place = { country: r.country, code: r.code, lat: r.lat, lon: r.lon };
          byKey.set(`${r.country}:${r.code}`, p);
          names.set(`${r.country}:${r.code}`, r.provinceAbbr ? `${r.name} (${r.provinceAbbr})` : r.name);
          push(byName, r.folded, p);
          for (const pc of r.postalCodes) push(byPostal, pc, p);
        }
        const last = rows.at(-1);
        if (!last || rows.length < PLACES_PAGE) break;
        after = { country: last.country, code: last.code };
        await yieldToLoop();
      }
      return { byKey, byName, byPostal, names };
    })();
    return places;
  }

  async function municipality(raw: string): Promise<Resolved<Place>> {
    const { byKey, byName, byPostal, names } = await loadPlaces();
    const text = raw.trim();
    const one = (list: Place[] | undefined): Resolved<Place> | undefined => {
      const unique = [...new Map((list ?? []).map((p) => [`${p.country}:${p.code}`, p])).values()];
      if (unique.length === 1) return { ok: true, value: unique[0]! };
      if (unique.length > 1)
        return {
          ok: false,
          code: 'MUNICIPALITY_AMBIGUOUS',
          suggestions: unique.slice(0, 5).map((p) => ({
            uri: `${p.country}:${p.code}`,
            label: names.get(`${p.country}:${p.code}`) ?? p.code,
            confidence: 1 / unique.length,
          })),
        };
      return undefined;
    };
    if (/^\d{6}$/.test(text)) return one(byKey.has(`IT:${text}`) ? [byKey.get(`IT:${text}`)!] : []) ?? miss();
    if (/^[0-9][0-9AB]\d{3}$/i.test(text)) {
      const code = text.toUpperCase();
      const insee = byKey.get(`FR:${code}`);
      // A five-digit value is an INSEE code or a postal code (IT CAP or FR); it must point at one place.
      return one([...(insee ? [insee] : []), ...(byPostal.get(code) ?? [])]) ?? miss();
    }
    return (
      one(byName.get(foldLabel(text))) ??
      one(byName.get(foldLabel(text.replace(/\s*\([^)]*\)\s*$/, '')))) ??
      miss()
    );
  }
  async function placeOf(country: string, code: string): Promise<Place | undefined> {
    return (await loadPlaces()).byKey.get(`${country}:${code}`);
  }
  const miss = (): Resolved<Place> => ({ ok: false, code: 'MUNICIPALITY_UNKNOWN' });

  /**
   * What a value the importer could not read for certain probably names: the free-text interpreter's
   * best three of the kind (the same ranking as POST /reference/interpret), each labelled with the label
   * it matched, `confidence` being the share of the value's words it matched. The desk accepts one per
   * row or for every row with the same value (ImportOptions.corrections); none is ever applied unasked.
   */
  async function suggestEsco(kind: 'occupation' | 'skill', text: string): Promise<Suggestion[]> {
    const index = await conceptIndexFor(db, root);
    const reading = index.interpret(text, {
      occupations: kind === 'occupation' ? 3 : 0,
      skills: kind === 'skill' ? 3 : 0,
    });
    const hits = kind === 'occupation' ? reading.occupations : reading.skills;
    return hits.map((h) => ({
      uri: h.uri,
      label: h.matchedLabel,
      confidence: Math.round((h.matched.length / Math.max(1, reading.words)) * 100) / 100,
    }));
  }

  /**
   * Every label of the kind with a word starting like the query's most selective word: all a strict
   * reading can match (every query word must be in the label), so a unique answer is really unique.
   * Null when there are too many to be sure (a one-word query as common as "tecnico").
   */
  async function labelsLike(kind: 'occupation' | 'skill', text: string) {
    const words = meaningfulWords(text);
    if (words.length === 0) return null;
    const prefix = escapeLike(words.map(candidatePrefix).reduce((a, b) => (b.length > a.length ? b : a)));
    const cap = 5000;
    const rows = await db
      .select({
        uri: escoLabels.conceptUri,
        lang: escoLabels.lang,
        label: escoLabels.label,
        preferred: escoLabels.preferred,
      })
      .from(escoLabels)
      .where(
        and(
          eq(escoLabels.conceptKind, kind),
          or(
            like(escoLabels.folded, `${prefix}%`),
            like(escoLabels.folded, `% ${prefix}%`),
            like(escoLabels.folded, `%/${prefix}%`),
            like(escoLabels.folded, `%-${prefix}%`),
            like(escoLabels.folded, `%'${prefix}%`),
          ),
        ),
      )
      .limit(cap + 1);
    return rows.length > cap ? null : rows.map((r) => ({ ...r, depth: 0 }));
  }

  function esco(kind: 'occupation' | 'skill', raw: string): Promise<Resolved<string>> {
    const text = raw.trim();
    return cached(`esco:${kind}:${text}`, async (): Promise<Resolved<string>> => {
      if (ESCO_URI[kind].test(text)) {
        const table = kind === 'occupation' ? escoOccupations : escoSkills;
        const [row] = await db.select({ uri: table.uri }).from(table).where(eq(table.uri, text));
        return row ? { ok: true, value: row.uri } : { ok: false, code: 'ESCO_URI_UNKNOWN' };
      }
      if (kind === 'occupation' && ESCO_OCCUPATION_CODE.test(text)) {
        const rows = await db
          .select({ uri: escoOccupations.uri })
          .from(escoOccupations)
          .where(eq(escoOccupations.code, text));
        if (rows.length === 1) return { ok: true, value: rows[0]!.uri };
      }
      const folded = foldLabel(text);
      const exact = await db
        .selectDistinct({
          uri: escoLabels.conceptUri,
          label: escoLabels.label,
          preferred: escoLabels.preferred,
        })
        .from(escoLabels)
        .where(and(eq(escoLabels.conceptKind, kind), eq(escoLabels.folded, folded)));
      const uris = [...new Set(exact.map((r) => r.uri))];
      if (uris.length === 1) return { ok: true, value: uris[0]! };
      // ESCO reuses labels: "welder" is one occupation's preferred label and another's alternative.
      // A label that is the preferred label of exactly one concept names that concept.
      const preferred = [...new Set(exact.filter((r) => r.preferred).map((r) => r.uri))];
      if (preferred.length === 1) return { ok: true, value: preferred[0]! };
      // The words as a desk writes them, in Italian, French or English: "saldatori" and "saldatore" are
      // the gendered half of "saldatore/saldatrice"; "gruista portuale" the one label holding both words.
      const candidates = await labelsLike(kind, text);
      const reading = candidates ? readConcept(text, candidates) : null;
      if (reading && 'uri' in reading) return { ok: true, value: reading.uri };
      const ambiguous = reading?.ambiguous ?? (uris.length > 1 ? uris : []);
      if (ambiguous.length > 1) {
        const labelOf = (uri: string) =>
          candidates?.find((c) => c.uri === uri && c.preferred)?.label ??
          exact.find((r) => r.uri === uri)?.label ??
          candidates?.find((c) => c.uri === uri)?.label ??
          uri;
        return {
          ok: false,
          code: 'ESCO_AMBIGUOUS',
          suggestions: ambiguous.slice(0, 3).map((uri) => ({
            uri,
            label: labelOf(uri),
            confidence: Math.round((1 / ambiguous.length) * 100) / 100,
          })),
        };
      }
      return { ok: false, code: 'ESCO_SUGGESTION', suggestions: await suggestEsco(kind, text) };
    });
  }

  function firm(raw: string): Promise<Resolved<string>> {
    return cached(`firm:${raw}`, async (): Promise<Resolved<string>> => {
      const id = parseFirmIdentifier(raw);
      if (!id) return { ok: false, code: 'FIRM_ID_INVALID' };
      const [row] = await db
        .select({ id: firms.id })
        .from(firms)
        .where('vatNumber' in id ? eq(firms.vatNumber, id.vatNumber) : eq(firms.siret, id.siret));
      return row ? { ok: true, value: row.id } : { ok: false, code: 'FIRM_UNKNOWN' };
    });
  }

  function crisisCase(ref: string): Promise<Resolved<string>> {
    return cached(`crisis:${ref}`, async (): Promise<Resolved<string>> => {
      const [row] = await db
        .select({ id: crisisCases.id })
        .from(crisisCases)
        .where(and(eq(crisisCases.deskId, deskId), eq(crisisCases.externalRef, ref.trim())));
      return row ? { ok: true, value: row.id } : { ok: false, code: 'CRISIS_CASE_UNKNOWN' };
    });
  }

  async function assetIds(inventoryNumbers: string[]): Promise<Map<string, string>> {
    if (inventoryNumbers.length === 0) return new Map();
    const rows = await db
      .select({ id: assets.id, inventoryNumber: assets.inventoryNumber })
      .from(assets)
      .where(inArray(assets.inventoryNumber, inventoryNumbers));
    return new Map(rows.map((r) => [r.inventoryNumber, r.id]));
  }

  function nace(code: string): Promise<Resolved<string>> {
    return cached(`nace:${code}`, async (): Promise<Resolved<string>> => {
      const [row] = await db.select({ code: naceCodes.code }).from(naceCodes).where(eq(naceCodes.code, code));
      return row ? { ok: true, value: row.code } : { ok: false, code: 'NACE_UNKNOWN' };
    });
  }

  const use = (tx: DbOrTx) => {
    db = tx;
  };
  return { use, placeOf, municipality, esco, firm, crisisCase, assetIds, nace };
}
export type ReferenceResolver = ReturnType<typeof createReferenceResolver>;
