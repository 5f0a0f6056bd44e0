import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SynonymMatcher } from '../../src/search/embedded/synonyms.js';
import { Vocabulary } from '../../src/search/embedded/vocabulary.js';
import { GLOSSARY } from '../../src/search/glossary.js';
import {
  fold,
  highlightText,
  markHighlight,
  osaDistance,
  parseQuery,
  typoBudget,
  words,
  wordSpans,
} from '../../src/search/text.js';

describe('text rules', () => {
  it('folds case, accents and ligatures', () => {
    expect(fold('Entrepôt ÉLÉVATEUR Cœur')).toBe('entrepot elevateur coeur');
    expect(words("L'entrepôt — Sestri-Levante 2.400 m²")).toEqual([
      'l',
      'entrepot',
      'sestri',
      'levante',
      '2',
      '400',
      'm2',
    ]);
  });

  it('splits a number glued to its unit, not a word that merely holds a digit', () => {
    expect(words('Carroponte 20t, 400kW, 3.000m²')).toEqual([
      'carroponte',
      '20',
      't',
      '400',
      'kw',
      '3',
      '000',
      'm2',
    ]);
    expect(words('CO2 e A4, H24')).toEqual(['co2', 'e', 'a4', 'h24']);
    expect(parseQuery('carroponte 20t')).toEqual({ words: ['carroponte', '20', 't'], lastIsPrefix: true });
  });

  it('highlights both halves of a glued number and unit where they stand in the text', () => {
    const spans = wordSpans('Gru 20t');
    expect(spans).toEqual([
      { word: 'gru', start: 0, end: 3 },
      { word: '20', start: 4, end: 6 },
      { word: 't', start: 6, end: 7 },
    ]);
  });

  it('folds plain ASCII as the full fold does (its shortcut)', () => {
    const full = (t: string) =>
      t
        .normalize('NFKD')
        .replace(/\p{M}+/gu, '')
        .toLowerCase()
        .replace(/œ/g, 'oe')
        .replace(/æ/g, 'ae')
        .replace(/ß/g, 'ss');
    for (const unit of ['grapheme-ascii', 'binary'] as const)
      fc.assert(
        fc.property(fc.string({ unit }), (t) => {
          expect(fold(t)).toBe(full(t));
        }),
      );
    expect(fold('Città ŒUVRE Straße ²')).toBe('citta oeuvre strasse 2');
  });

  it('judges a word that crosses the 300th character whole, and reads nothing after it', () => {
    const filler = 'x'.repeat(294) + ' '; // the word starts at 295 and ends at 304
    const h = highlightText(`${filler}Capannone sul porto con capannone`, parseQuery('capannone '));
    expect(h?.ranges).toEqual([{ start: 295, end: 300 }]);
    expect(h?.text).toHaveLength(300);
    expect(highlightText(`${'y'.repeat(300)} capannone`, parseQuery('capannone '))).toBeUndefined();
    // Same answer as over the whole text, on random texts around the limit.
    fc.assert(
      fc.property(
        fc.string({ minLength: 280, maxLength: 320 }),
        fc.constantFrom('porto', 'capannone', 'gru'),
        (t, w) => {
          const text = t.replace(/[^a-z ]/g, ' ') + ` ${w} ${w}`;
          const whole = highlightText(text, parseQuery(`${w} `), new Set(), 10_000);
          const expected = (whole?.ranges ?? [])
            .filter((r) => r.start < 300)
            .map((r) => ({ start: r.start, end: Math.min(r.end, 300) }));
          expect(highlightText(text, parseQuery(`${w} `))?.ranges ?? []).toEqual(expected);
        },
      ),
    );
  });

  it('gives 0 typos under 5 letters, 1 from 5, 2 from 9, none to numbers', () => {
    expect(
      ['gru', 'quai', 'tornio', 'saldatri', 'saldatore', 'carroponte', '2024', '123456789'].map(typoBudget),
    ).toEqual([0, 0, 1, 1, 2, 2, 0, 0]);
  });

  it('counts a swap of adjacent letters as one typo', () => {
    expect(osaDistance('mazak', 'mazka', 2)).toBe(1);
    expect(osaDistance('mazak', 'mezek', 2)).toBe(2);
    expect(osaDistance('fresatrice', 'frezatrisse', 2)).toBe(3);
  });

  it('computes a symmetric distance bounded by max + 1', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = osaDistance(a, b, 2);
        expect(d).toBe(osaDistance(b, a, 2));
        expect(d).toBeLessThanOrEqual(3);
        expect(d === 0).toBe(a === b);
      }),
    );
  });

  it('treats the last word as a prefix only when the query does not end with a separator', () => {
    expect(parseQuery('tornio maz')).toEqual({ words: ['tornio', 'maz'], lastIsPrefix: true });
    expect(parseQuery('tornio maz ')).toEqual({ words: ['tornio', 'maz'], lastIsPrefix: false });
  });

  it('escapes everything but the marks when rendering a highlight', () => {
    expect(markHighlight({ text: '<b>Tornio</b> & co', ranges: [{ start: 3, end: 9 }] })).toBe(
      '&lt;b&gt;<mark>Tornio</mark>&lt;/b&gt; &amp; co',
    );
  });
});

describe('typo candidates from the vocabulary', () => {
  it('finds exactly the terms within the budget (checked against brute force)', () => {
    const vocab = new Vocabulary();
    const terms = [
      'capannone',
      'capanna',
      'carroponte',
      'banchina',
      'saldatrice',
      'saldatore',
      'fresatrice',
      'tornio',
      'torino',
      'mazak',
      'masak',
      'hangar',
    ];
    for (const t of terms) vocab.intern(t);
    fc.assert(
      fc.property(fc.constantFrom(...terms), fc.nat(), (t, seed) => {
        // Mutate the term a little, then compare with brute force.
        const chars = [...t];
        const i = seed % chars.length;
        if (seed % 3 === 0) chars.splice(i, 1);
        else if (seed % 3 === 1) chars[i] = 'x';
        else chars.splice(i, 0, 'e');
        const q = chars.join('');
        const budget = typoBudget(q);
        const got = vocab
          .typoCandidates(q, budget)
          .map((c) => vocab.terms[c.id])
          .sort();
        const want = terms.filter((x) => x !== q && osaDistance(q, x, budget) <= budget).sort();
        expect(got).toEqual(want);
      }),
      { numRuns: 300 },
    );
  });
});

describe('glossary', () => {
  it('has at least 40 concept groups and no term in two groups', () => {
    expect(GLOSSARY.length).toBeGreaterThanOrEqual(40);
    const seen = new Map<string, number>();
    GLOSSARY.forEach((group, g) => {
      for (const term of group) {
        const key = words(term).join(' ');
        const other = seen.get(key);
        expect(other === undefined || other === g, `${term} is in groups ${other} and ${g}`).toBe(true);
        seen.set(key, g);
      }
    });
  });

  it('maps phrases in any language, with typos, to one concept', () => {
    const m = new SynonymMatcher();
    const concept = (q: string) => m.queryConcepts(words(q)).map((c) => c.group);
    expect(concept('pont roulant')).toEqual(concept('carroponte'));
    expect(concept('overhead crane')).toEqual(concept('carroponte'));
    expect(concept('capanone banchina')).toEqual(concept('hangar quai'));
    expect(concept('cella frigorifera')).toEqual(concept('chambre froide'));
  });
});
