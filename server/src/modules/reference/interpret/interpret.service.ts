/**
 * Free text to ESCO for the API, the forms and the import: keeps one ConceptIndex per database, built
 * from the labels in `esco_labels` (so official labels imported later count), rebuilt when the
 * vocabulary changes, and labels the hits in the user's language.
 */
import type { DbOrTx } from '../../../db/client.js';
import {
  occupationIscoGroups,
  preferredLabelsInLang,
  vocabularyFingerprint,
  vocabularyPage,
} from '../reference.repository.js';
import { ConceptIndex, type InterpretHit, type Lang } from './concept-index.js';
import { yieldToLoop } from '../../../lib/event-loop.js';

/**
 * Concepts read per query (about 12 labels each): small enough that indexing one page holds the thread
 * for tens of milliseconds, not hundreds (the importer may build the index in the middle of a run).
 */
const PAGE = 500;
/** How long a built index is trusted before the fingerprint is read again. */
const RECHECK_MS = 60_000;

interface Cached {
  fingerprint: string;
  checkedAt: number;
  index: Promise<ConceptIndex>;
}

const cache = new WeakMap<object, Cached>();

/** Builds the index page by page, yielding between pages so requests keep flowing meanwhile. */
async function buildIndex(db: DbOrTx): Promise<ConceptIndex> {
  const index = ConceptIndex.builder();
  let after: string | null = null;
  for (;;) {
    const concepts = await vocabularyPage(db, after, PAGE);
    index.add(
      concepts.flatMap((c) =>
        c.labels.map((l) => ({
          uri: c.uri,
          kind: c.kind,
          lang: l.lang,
          label: l.label,
          preferred: l.preferred,
          depth: c.code ? c.code.split('.').length - 1 : 0,
        })),
      ),
    );
    const last = concepts.at(-1);
    if (!last || concepts.length < PAGE) break;
    after = last.uri;
    await yieldToLoop();
  }
  index.finish();
  return index;
}

/**
 * The index for a database, built on first use and again when its labels change. `cacheKey` is the
 * database the index belongs to when `db` is one of its transactions (the importer reads through its
 * batch's transaction: PGlite has one connection), so the index outlives the transaction.
 */
export async function conceptIndexFor(db: DbOrTx, cacheKey: object = db): Promise<ConceptIndex> {
  const now = Date.now();
  const hit = cache.get(cacheKey);
  if (hit && now - hit.checkedAt < RECHECK_MS) return hit.index;
  const fingerprint = await vocabularyFingerprint(db);
  if (hit && hit.fingerprint === fingerprint) {
    hit.checkedAt = now;
    return hit.index;
  }
  const index = buildIndex(db);
  const entry: Cached = { fingerprint, checkedAt: now, index };
  cache.set(cacheKey, entry);
  // A failed build is not cached: the next request tries again.
  index.catch(() => {
    if (cache.get(cacheKey) === entry) cache.delete(cacheKey);
  });
  return index;
}

export interface InterpretOptions {
  /** The language labels are shown in (the user's). */
  lang: Lang;
  /** The language the text is written in; detected from its words when absent. */
  textLang?: Lang;
  occupations: number;
  skills: number;
}

export function createInterpretService(db: DbOrTx) {
  return {
    async interpret(text: string, options: InterpretOptions) {
      const index = await conceptIndexFor(db);
      const result = index.interpret(text, {
        lang: options.textLang,
        hint: options.lang,
        occupations: options.occupations,
        skills: options.skills,
      });
      const hits = [...result.occupations, ...result.skills];
      const uris = hits.map((h) => h.uri);
      const [labels, isco] = await Promise.all([
        preferredLabelsInLang(db, uris, options.lang),
        occupationIscoGroups(
          db,
          result.occupations.map((h) => h.uri),
        ),
      ]);
      const view = (h: InterpretHit) => {
        const l = labels.get(h.uri);
        return {
          uri: h.uri,
          label: l?.label ?? h.matchedLabel,
          labelLang: l?.lang ?? h.matchedLabelLang,
          provisional: l?.source === 'provisional',
          score: h.score,
          matchedLabel: h.matchedLabel,
          matchedLabelLang: h.matchedLabelLang,
          matched: h.matched,
        };
      };
      return {
        textLang: result.lang,
        detected: result.detected,
        occupations: result.occupations.map((h) => ({ ...view(h), iscoGroup: isco.get(h.uri) ?? null })),
        skills: result.skills.map(view),
      };
    },
  };
}
export type InterpretService = ReturnType<typeof createInterpretService>;
