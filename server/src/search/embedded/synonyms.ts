/**
 * Glossary synonyms for the embedded engine. At index time every glossary phrase found in a document adds
 * a concept token ("~12") next to its words; at query time a phrase (allowing each word its typo budget)
 * is replaced by the same token. So "capannone banchina" and "hangar quai" look up the same two tokens.
 */
import { GLOSSARY } from '../glossary.js';
import { STOP_WORDS, osaDistance, typoBudget, words } from '../text.js';
import type { ParsedQuery } from '../text.js';

interface Phrase {
  words: string[];
  group: number;
}

/** A glossary phrase found in a query: its words' position and count, its group, and the typos allowed. */
export interface QueryConcept {
  start: number;
  length: number;
  group: number;
  typos: number;
}
/** Distinct queries whose concepts are kept (a few MB at most); the whole memo is dropped when full. */
const PLANNED_MAX = 10_000;

export function conceptToken(group: number): string {
  return `~${group}`;
}

export class SynonymMatcher {
  /** Phrases by first word, longest first. */
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly phrases: Phrase[] = [];
  private readonly planned = new Map<string, readonly QueryConcept[]>();

  constructor(readonly groups: readonly (readonly string[])[] = GLOSSARY) {
    groups.forEach((terms, group) => {
      for (const term of terms) {
        const w = words(term);
        if (w.length === 0) continue;
        const p = { words: w, group };
        this.phrases.push(p);
        const list = this.byFirst.get(w[0]!) ?? [];
        list.push(p);
        list.sort((a, b) => b.words.length - a.words.length);
        this.byFirst.set(w[0]!, list);
      }
    });
    this.phrases.sort((a, b) => b.words.length - a.words.length);
  }

  /** The folded words of a group's terms: what a concept highlights besides the words typed. */
  groupWords(group: number): string[] {
    return (this.groups[group] ?? []).flatMap((t) => words(t));
  }

  /** Concept groups found in a document's words (exact words only: documents are not typo-corrected). */
  documentConcepts(tokens: readonly string[]): number[] {
    const found: number[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const list = this.byFirst.get(tokens[i]!);
      if (!list) continue;
      for (const p of list) {
        if (p.words.every((w, k) => tokens[i + k] === w)) {
          found.push(p.group);
          break;
        }
      }
    }
    return found;
  }

  /**
   * Splits query words into phrases: each glossary phrase found (every word within its typo budget) becomes
   * a concept; other words stay words. Longest phrases win.
   */
  queryConcepts(tokens: readonly string[]): readonly QueryConcept[] {
    // Every phrase of the glossary is tried at every position, with typo distances: about 0.1 ms for two
    // words, paid again by each search of the same words (typing, the saved-search alerts). The glossary
    // never changes after construction, so the answer is kept per words.
    const key = tokens.join(' ');
    let found = this.planned.get(key);
    if (found === undefined) {
      if (this.planned.size >= PLANNED_MAX) this.planned.clear();
      found = Object.freeze(this.findConcepts(tokens));
      this.planned.set(key, found);
    }
    return found;
  }

  private findConcepts(tokens: readonly string[]): QueryConcept[] {
    const out: QueryConcept[] = [];
    let i = 0;
    while (i < tokens.length) {
      let best: { length: number; group: number; typos: number } | undefined;
      for (const p of this.phrases) {
        if (best && p.words.length < best.length) break;
        if (i + p.words.length > tokens.length) continue;
        let typos = 0;
        let ok = true;
        for (let k = 0; k < p.words.length && ok; k++) {
          const q = tokens[i + k]!;
          const w = p.words[k]!;
          if (q === w) continue;
          const budget = typoBudget(q);
          const d = budget > 0 ? osaDistance(q, w, budget) : 1;
          if (d > budget) ok = false;
          else typos += d;
        }
        if (ok && (!best || typos < best.typos || p.words.length > best.length)) {
          best = { length: p.words.length, group: p.group, typos };
        }
      }
      if (best) {
        out.push({ start: i, ...best });
        i += best.length;
      } else i++;
    }
    return out;
  }
}

export type QueryPart =
  | { kind: 'concept'; start: number; length: number; group: number; typos: number }
  | { kind: 'word'; index: number };

/**
 * What a query searches for, shared by both adapters: glossary phrases first, then the remaining words
 * without stop words (kept when nothing else is left, and for the last word while it is being typed).
 */
export function planQuery(matcher: SynonymMatcher, parsed: ParsedQuery): QueryPart[] {
  const ws = parsed.words;
  const concepts = matcher.queryConcepts(ws);
  const parts: QueryPart[] = [];
  let c = 0;
  for (let i = 0; i < ws.length;) {
    const concept = concepts[c];
    if (concept && concept.start === i) {
      parts.push({ kind: 'concept', ...concept });
      c++;
      i += concept.length;
    } else {
      parts.push({ kind: 'word', index: i });
      i++;
    }
  }
  const typing = (p: QueryPart) => p.kind === 'word' && parsed.lastIsPrefix && p.index === ws.length - 1;
  const kept = parts.filter((p) => p.kind === 'concept' || typing(p) || !STOP_WORDS.has(ws[p.index]!));
  return kept.length > 0 ? kept : parts;
}
