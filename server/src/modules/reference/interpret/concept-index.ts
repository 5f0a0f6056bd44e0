/**
 * Free text to ESCO: ranks the occupations and skills a CV line, a job ad or an import cell names
 * ("saldatore TIG in cantiere navale", "soudeur naval", "TIG welder"), with the words that matched.
 * Pure: built once from the labels the project ships (preferred and alternative, IT/FR/EN), no I/O after.
 *
 * Scoring, per label, then the best label of each concept:
 * - each query word counts by its rarity (IDF over concepts) times how well it matched a label word:
 *   1 the same word, 0.9 the same gender/plural stem, 0.7 the same word family ("saldatura"/"saldare"),
 *   0.85 through a trade synonym ("TIG" → "tungsten inert gas");
 * - times label coverage (0.35 + 0.65 × the share of the label's own weight that the text matched), so
 *   "saldatore" beats "saldatore di tubazioni" for a line that says nothing of pipes;
 * - plus a phrase bonus for words adjacent in both, in the same order;
 * - labels in the text's language count fully, others at 0.85 (English labels still find "CNC");
 *   preferred labels get 5 % over alternative ones; between equals, the more general occupation.
 */
import { labelWords, queryWords, wordKeys, type TextWord } from './words.js';
import { TRADE_SYNONYMS } from './synonyms.js';

export type ConceptKind = 'occupation' | 'skill';
export type Lang = 'it' | 'fr' | 'en';
export const LANGS: readonly Lang[] = ['it', 'fr', 'en'];

export interface VocabularyLabel {
  uri: string;
  kind: ConceptKind;
  lang: string;
  label: string;
  preferred: boolean;
  /** Occupations: levels below the ISCO unit group (ESCO code "7212.3" = 1); skills 0. */
  depth?: number;
}

export interface MatchedWord {
  /** The word as written in the text. */
  text: string;
  start: number;
  end: number;
}

export interface InterpretHit {
  uri: string;
  kind: ConceptKind;
  score: number;
  /** The label that matched best, and its language. */
  matchedLabel: string;
  matchedLabelLang: string;
  /** Words of the text that matched, in text order (a synonym credits the word it stands for). */
  matched: MatchedWord[];
}

export interface InterpretResult {
  /** The language the text was read as: detected from the vocabulary, else the hint. */
  lang: Lang;
  detected: boolean;
  /** How many words of the text could name a trade (no filler, article or number): what `matched` is out of. */
  words: number;
  occupations: InterpretHit[];
  skills: InterpretHit[];
}

const QUALITY = [1, 0.9, 0.7] as const;
const SYNONYM_QUALITY = 0.85;
const OTHER_LANG = 0.85;
const PREFERRED = 1.05;
const PHRASE_BONUS = 0.3;
const WHOLE = 1.3;
/** A hit must reach this share of the best score of its kind: the rest is noise from one common word. */
const RELATIVE_FLOOR = 0.3;
/** At most this many query words are read: a pasted ad longer than that is cut, not refused. */
export const MAX_WORDS = 60;

interface Label {
  concept: number;
  lang: number;
  preferred: boolean;
  /** Key ids of each word: [word, stem, root] per word, flattened. */
  keys: Int32Array;
  /** Sum of the IDF of its words (exact keys). */
  weight: number;
}

interface Slot {
  word: TextWord;
  /** Key ids of the word ([word, stem, root]); -1 where the vocabulary lacks a key. */
  keys: [number, number, number];
  idf: number;
}

interface Expansion {
  /** Slots the synonym phrase covers in the query. */
  slots: number[];
  /** Key triples of each of its words. */
  words: Array<[number, number, number]>;
  idf: number;
}

export class ConceptIndex {
  private readonly keyIds = new Map<string, number>();
  private readonly concepts: Array<{ uri: string; kind: ConceptKind; depth: number }> = [];
  private readonly labels: Label[] = [];
  private readonly labelText: string[] = [];
  private readonly postings: number[][] = [];
  private idfByKey = new Float64Array(0);
  /** Languages whose labels hold each exact word (bit per LANGS index). */
  private langMask = new Uint8Array(0);
  private readonly synonymPhrases: Array<{ words: string[]; group: number }> = [];

  static build(labels: Iterable<VocabularyLabel>): ConceptIndex {
    const index = new ConceptIndex();
    index.add(labels);
    index.finish();
    return index;
  }

  /**
   * An empty index to fill in pages (`add`, then `finish` once): the caller can yield to the event loop
   * between pages, so building over 200,000 labels never holds a server thread for long.
   */
  static builder(): ConceptIndex {
    return new ConceptIndex();
  }

  /** Number of concepts and labels indexed (for the health of the cache and the bench). */
  get size() {
    return { concepts: this.concepts.length, labels: this.labels.length, keys: this.keyIds.size };
  }

  private keyId(key: string): number {
    let id = this.keyIds.get(key);
    if (id === undefined) {
      id = this.keyIds.size;
      this.keyIds.set(key, id);
      this.postings.push([]);
    }
    return id;
  }

  private readonly conceptIds = new Map<string, number>();
  private readonly masks: number[] = [];
  /** A word's keys once per word: the labels repeat some 40,000 words about a million times. */
  private readonly keysOfWord = new Map<string, number[]>();
  private finished = false;

  private idsOfNewWord(w: string): number[] {
    let ids = this.keysOfWord.get(w);
    if (!ids) {
      ids = wordKeys(w).map((k) => this.keyId(k));
      this.keysOfWord.set(w, ids);
    }
    return ids;
  }

  /** Adds labels; only before `finish`. */
  add(source: Iterable<VocabularyLabel>) {
    if (this.finished) throw new Error('ConceptIndex: add after finish');
    const conceptIds = this.conceptIds;
    const masks = this.masks;
    for (const l of source) {
      const langIndex = LANGS.indexOf(l.lang as Lang);
      if (langIndex < 0) continue;
      let concept = conceptIds.get(l.uri);
      if (concept === undefined) {
        concept = this.concepts.length;
        conceptIds.set(l.uri, concept);
        this.concepts.push({ uri: l.uri, kind: l.kind, depth: l.depth ?? 0 });
      }
      // "saldatore/saldatrice": each gendered half is a label of its own.
      const texts = l.label.includes('/') ? [l.label, ...l.label.split('/').map((s) => s.trim())] : [l.label];
      for (const text of texts) {
        const words = labelWords(text);
        if (words.length === 0) continue;
        const keys = new Int32Array(words.length * 3);
        const labelIndex = this.labels.length;
        words.forEach((w, i) => {
          this.idsOfNewWord(w).forEach((id, j) => {
            keys[i * 3 + j] = id;
            const posting = this.postings[id]!;
            if (posting.at(-1) !== labelIndex) posting.push(labelIndex);
            if (j === 0) masks[id] = (masks[id] ?? 0) | (1 << langIndex);
          });
        });
        this.labels.push({ concept, lang: langIndex, preferred: l.preferred, keys, weight: 0 });
        this.labelText.push(text);
      }
    }
  }

  /** Computes the word weights; the index answers queries from then on. */
  finish() {
    if (this.finished) return;
    this.finished = true;
    this.keysOfWord.clear();
    const masks = this.masks;
    const n = this.concepts.length;
    this.idfByKey = new Float64Array(this.keyIds.size);
    this.langMask = new Uint8Array(this.keyIds.size);
    // Document frequency counts concepts, not labels: a concept with twenty alternative labels saying
    // "welder" makes the word no commoner. A stamp per concept counts each once per key.
    const stamp = new Int32Array(n).fill(-1);
    for (let id = 0; id < this.keyIds.size; id++) {
      let df = 0;
      for (const l of this.postings[id]!) {
        const c = this.labels[l]!.concept;
        if (stamp[c] !== id) {
          stamp[c] = id;
          df++;
        }
      }
      this.idfByKey[id] = Math.log(1 + n / Math.max(df, 1));
      this.langMask[id] = masks[id] ?? 0;
    }
    for (const label of this.labels) {
      let weight = 0;
      for (let i = 0; i < label.keys.length; i += 3) weight += this.idfByKey[label.keys[i]!]!;
      label.weight = weight;
    }
    TRADE_SYNONYMS.forEach((terms, group) => {
      for (const term of terms) this.synonymPhrases.push({ words: labelWords(term), group });
    });
    this.synonymPhrases.sort((a, b) => b.words.length - a.words.length);
  }

  private idsOf(word: string): [number, number, number] {
    const [a, b, c] = wordKeys(word).map((k) => this.keyIds.get(k) ?? -1) as [number, number, number];
    return [a, b, c];
  }

  private idf(keys: readonly number[]): number {
    // The rarest key the vocabulary knows for the word, tried strict to loose.
    for (const k of keys) if (k >= 0) return this.idfByKey[k]!;
    return 0;
  }

  /** The language whose labels hold the most (rarest) words of the text; null when none says more. */
  detectLang(slots: readonly Slot[]): Lang | null {
    const votes = [0, 0, 0];
    for (const s of slots) {
      const mask = s.keys[0] >= 0 ? this.langMask[s.keys[0]]! : 0;
      const langs = LANGS.filter((_, i) => mask & (1 << i)).length;
      // A word of one language only ("saldatore", "soudeur") votes fully; one shared by all three
      // ("tig", "cnc") votes for none.
      if (langs === 0 || langs === 3) continue;
      LANGS.forEach((_, i) => {
        if (mask & (1 << i)) votes[i]! += s.idf / langs;
      });
    }
    const best = Math.max(...votes);
    if (best === 0) return null;
    const winners = LANGS.filter((_, i) => votes[i] === best);
    return winners.length === 1 ? winners[0]! : null;
  }

  private expansions(slots: readonly Slot[]): Expansion[] {
    const out: Expansion[] = [];
    const seen = new Set<string>();
    const folded = slots.map((s) => s.word.word);
    for (let i = 0; i < folded.length; i++) {
      for (const phrase of this.synonymPhrases) {
        if (!phrase.words.every((w, k) => folded[i + k] === w)) continue;
        const covered = phrase.words.map((_, k) => i + k);
        for (const term of TRADE_SYNONYMS[phrase.group]!) {
          const words = labelWords(term);
          if (words.join(' ') === phrase.words.join(' ')) continue;
          const key = `${i}:${words.join(' ')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          const triples = words.map((w) => this.idsOf(w));
          if (triples.some((t) => t.every((k) => k < 0))) continue;
          const idf = triples.reduce((sum, t) => sum + this.idf(t), 0) / triples.length;
          out.push({ slots: covered, words: triples, idf });
        }
      }
    }
    return out;
  }

  interpret(
    text: string,
    options: { lang?: Lang; hint?: Lang; occupations?: number; skills?: number } = {},
  ): InterpretResult {
    if (!this.finished) throw new Error('ConceptIndex: interpret before finish');
    const slots: Slot[] = queryWords(text)
      .slice(0, MAX_WORDS)
      .map((word) => {
        const keys = this.idsOf(word.word);
        return { word, keys, idf: this.idf(keys) };
      })
      // Lines and ads name the job first ("Forklift operator in a distribution centre"): later words
      // count a little less, down to 60 %.
      .map((slot, i) => ({ ...slot, idf: slot.idf * Math.max(0.6, 1 - 0.04 * i) }));
    const detected = options.lang ? null : this.detectLang(slots);
    const lang = options.lang ?? detected ?? options.hint ?? 'it';
    const result: InterpretResult = {
      lang,
      detected: detected !== null,
      words: slots.length,
      occupations: [],
      skills: [],
    };
    if (slots.length === 0) return result;
    const expansions = this.expansions(slots);

    const candidates = new Set<number>();
    const collect = (keys: readonly number[]) => {
      for (const k of keys) if (k >= 0) for (const l of this.postings[k]!) candidates.add(l);
    };
    for (const s of slots) collect(s.keys);
    for (const e of expansions) for (const w of e.words) collect(w);

    const langIndex = LANGS.indexOf(lang);
    const best = new Map<number, { score: number; label: number; slots: Set<number> }>();
    for (const l of candidates) {
      const scored = this.scoreLabel(this.labels[l]!, slots, expansions, langIndex);
      if (!scored) continue;
      const concept = this.labels[l]!.concept;
      const prev = best.get(concept);
      if (!prev || scored.score > prev.score) best.set(concept, { ...scored, label: l });
    }
    const hits = [...best].map(([concept, b]) => ({ concept, ...b }));
    for (const kind of ['occupation', 'skill'] as const) {
      const limit = kind === 'occupation' ? (options.occupations ?? 10) : (options.skills ?? 10);
      const ofKind = hits
        .filter((h) => this.concepts[h.concept]!.kind === kind)
        .sort(
          (a, b) =>
            b.score - a.score ||
            this.concepts[a.concept]!.depth - this.concepts[b.concept]!.depth ||
            this.labelText[a.label]!.length - this.labelText[b.label]!.length ||
            (this.concepts[a.concept]!.uri < this.concepts[b.concept]!.uri ? -1 : 1),
        );
      const top = ofKind[0]?.score ?? 0;
      const list = ofKind
        .filter((h) => h.score >= top * RELATIVE_FLOOR)
        .slice(0, limit)
        .map((h) => ({
          uri: this.concepts[h.concept]!.uri,
          kind,
          score: Math.round(h.score * 1000) / 1000,
          matchedLabel: this.labelText[h.label]!,
          matchedLabelLang: LANGS[this.labels[h.label]!.lang]!,
          matched: [...h.slots]
            .sort((a, b) => a - b)
            .map((i) => {
              const w = slots[i]!.word;
              return { text: text.slice(w.start, w.end), start: w.start, end: w.end };
            }),
        }));
      if (kind === 'occupation') result.occupations = list;
      else result.skills = list;
    }
    return result;
  }

  private scoreLabel(
    label: Label,
    slots: readonly Slot[],
    expansions: readonly Expansion[],
    langIndex: number,
  ): { score: number; slots: Set<number> } | null {
    const nWords = label.keys.length / 3;
    // Per slot: best quality, the IDF it is credited with, and the label word it took.
    const quality = new Float64Array(slots.length);
    const credit = new Float64Array(slots.length);
    const at = new Int32Array(slots.length).fill(-1);
    const covered = new Float64Array(nWords);
    const match = (triple: readonly number[], w: number): number => {
      for (let level = 0; level < 3; level++) {
        const k = triple[level]!;
        if (k >= 0 && k === label.keys[w * 3 + level]) return QUALITY[level]!;
      }
      return 0;
    };
    slots.forEach((s, i) => {
      for (let w = 0; w < nWords; w++) {
        const q = match(s.keys, w);
        if (q > quality[i]!) {
          quality[i] = q;
          credit[i] = s.idf;
          at[i] = w;
        }
      }
    });
    for (const e of expansions) {
      let worst = 1;
      const took: number[] = [];
      for (const triple of e.words) {
        let q = 0;
        let where = -1;
        for (let w = 0; w < nWords; w++) {
          const m = match(triple, w);
          if (m > q) {
            q = m;
            where = w;
          }
        }
        worst = Math.min(worst, q);
        took.push(where);
      }
      if (worst === 0) continue;
      const q = worst * SYNONYM_QUALITY;
      for (const w of took) covered[w] = Math.max(covered[w]!, q);
      for (const s of e.slots)
        if (q > quality[s]!) {
          quality[s] = q;
          credit[s] = Math.max(slots[s]!.idf, e.idf) / e.slots.length;
          at[s] = -1;
        }
    }
    let sum = 0;
    const matchedSlots = new Set<number>();
    slots.forEach((_, i) => {
      if (quality[i]! === 0) return;
      sum += quality[i]! * credit[i]!;
      matchedSlots.add(i);
      if (at[i]! >= 0) covered[at[i]!] = Math.max(covered[at[i]!]!, quality[i]!);
    });
    if (sum === 0) return null;
    let coveredWeight = 0;
    for (let w = 0; w < nWords; w++) coveredWeight += covered[w]! * this.idfByKey[label.keys[w * 3]!]!;
    const coverage = label.weight > 0 ? Math.min(1, coveredWeight / label.weight) : 0;
    // Adjacent query words matching adjacent label words, in order ("cantiere navale", "TIG welding").
    let phrase = 0;
    for (let i = 0; i + 1 < slots.length; i++)
      if (at[i]! >= 0 && at[i + 1]! === at[i]! + 1) phrase += PHRASE_BONUS * (credit[i]! + credit[i + 1]!);
    // The whole text is the whole label ("security officer", "gruista portuale"): what an import cell
    // or a search-box line usually is.
    const whole = coverage >= 0.999 && matchedSlots.size === slots.length ? WHOLE : 1;
    const score =
      (sum * (0.35 + 0.65 * coverage) + phrase) *
      whole *
      (label.lang === langIndex ? 1 : OTHER_LANG) *
      (label.preferred ? PREFERRED : 1);
    return { score, slots: matchedSlots };
  }
}
