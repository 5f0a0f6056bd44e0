import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  componentTitle,
  exclusionSentence,
  explain,
  explainAll,
  reasonSentence,
  scoreAssetForNeed,
  scoreOperatorForAsset,
  scorePersonForRole,
  TEMPLATES,
  type AssetInput,
  type Lang,
  type MatchResult,
} from '../src/index.js';
import { needArb, profileArb } from './arbitraries.js';
import {
  knowledge,
  label,
  makeAsset,
  makeAssetNeed,
  makeNeed,
  makeOpportunity,
  makeProfile,
  OCC,
  SK,
} from './helpers.js';
import { scorePersonForJob } from '../src/index.js';

const SRC = join(import.meta.dirname, '..', 'src');
const LANGS: Lang[] = ['it', 'fr', 'en'];

/** Every `code: '…'` written in a component file, as `component.code`. */
function reasonCodesInSource(): string[] {
  const files: Record<string, string> = {
    'components/availability.ts': 'availability',
    'components/distance.ts': 'distance',
    'components/languages.ts': 'languages',
    'components/occupation.ts': 'occupation',
    'components/qualification.ts': 'qualification',
    'components/skills.ts': 'skills',
    'components/supply-chain.ts': 'supplyChain',
  };
  const out: string[] = [];
  for (const [file, component] of Object.entries(files)) {
    const text = readFileSync(join(SRC, file), 'utf8');
    for (const m of text.matchAll(/code: '(\w+)'/g)) out.push(`${component}.${m[1]}`);
  }
  return out;
}

describe('explanation templates', () => {
  it('exist in Italian, French and English, with the same placeholders', () => {
    for (const [key, t] of Object.entries(TEMPLATES)) {
      // `{name}` and `{name|singular|plural}` alike.
      const ph = (s: string) =>
        [...new Set([...s.matchAll(/\{(\w+)(?:\|[^{}]*)?\}/g)].map((m) => m[1]))].sort();
      for (const lang of LANGS) {
        expect(t[lang], `${key}.${lang}`).toBeTruthy();
        expect(ph(t[lang]), `${key}.${lang}`).toEqual(ph(t.en));
      }
    }
  });

  it('cover every reason code the job components can emit', () => {
    for (const key of reasonCodesInSource()) {
      const exclusion = `exclusion.${key.split('.')[1]!}`;
      expect(TEMPLATES[key] ?? TEMPLATES[exclusion], key).toBeDefined();
    }
    expect(readdirSync(join(SRC, 'components')).length).toBeGreaterThan(5);
  });

  it('give one sentence per component plus skill lists, in all three languages', () => {
    const p = makeProfile({
      occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 3 }],
      skills: [{ uri: SK.tigWelding, source: 'declared' }],
    });
    const r = scorePersonForJob(
      p,
      makeNeed({ essentialSkills: [SK.tigWelding, SK.repairEngines] }),
      knowledge,
    );
    const all = explainAll(r, { label });
    for (const lang of LANGS) {
      expect(all[lang].lines.length).toBe(r.components.length + 2);
      expect(all[lang].lines.join(' ')).not.toMatch(/\{\w+\}/);
    }
    expect(all.en.lines.at(-1)).toBe('Skills missing: repair engines.');
    expect(all.fr.lines.at(-1)).toBe('Compétences manquantes : réparer des moteurs.');
  });
});

/** What must never reach a reader: a URI, a UUID, a reason code or enum value, a component name. */
const CODE_LIKE =
  /https?:\/\/|[0-9a-f]{8}-[0-9a-f]{4}|\b[a-z]+_[a-z_]+\b|\b(crisisCase|supplyChain|same_case|no_start_date|to_asset)\b|\{/;

describe('explanations are plain sentences', () => {
  const sentences = (r: MatchResult) =>
    LANGS.flatMap((lang) => {
      const e = explain(r, lang, { label });
      return [e.summary, ...e.lines, ...r.components.map((c) => reasonSentence(c, lang, { label }))];
    });

  it('never print codes, UUIDs, component names or raw dates, for random people and needs', () => {
    fc.assert(
      fc.property(profileArb(), needArb(), (p, n) => {
        const role = {
          id: 'r',
          occupationUri: n.occupationUri,
          iscoGroup: n.iscoGroup,
          count: 1,
          keySkills: [],
        };
        for (const r of [
          scorePersonForJob(p, n, knowledge),
          scorePersonForRole(p, makeOpportunity({ startDate: n.startDate }), role, knowledge),
        ])
          for (const s of sentences(r)) {
            expect(s).not.toMatch(CODE_LIKE);
            expect(s).not.toMatch(/\d{4}-\d{2}-\d{2}/);
          }
      }),
      { numRuns: 60 },
    );
  }, 60_000);

  it('name supply chains, paths, kinds and statuses in words, with dates as people write them', () => {
    const p = makeProfile({
      occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 1 }],
      supplyChains: ['nautical_shipbuilding'],
      desiredPaths: ['workers_buy_out'],
      availableFrom: '2026-12-25',
    });
    const r = scorePersonForJob(
      p,
      makeNeed({ startDate: '2026-12-24', supplyChain: 'nautical_shipbuilding' }),
      knowledge,
    );
    const it = explain(r, 'it', { label }).lines.join(' ');
    expect(it).toContain('nautica e cantieristica');
    expect(it).toContain('1 anno considerato');
    expect(it).toContain('Disponibile 1 giorno dopo la data di inizio (24/12/2026)');
    expect(explain(r, 'fr', { label }).lines.join(' ')).toContain(
      '1 jour après la date de début (24/12/2026)',
    );
    expect(explain(r, 'en', { label }).lines.join(' ')).toContain('1 day after the start date (24 Dec 2026)');

    const withdrawn = scoreAssetForNeed(
      makeAsset({ kind: 'machine', status: 'withdrawn' }),
      makeAssetNeed(),
      '2026-02-01',
    );
    const why = withdrawn.exclusions.map((e) => exclusionSentence(e, 'it')).join(' ');
    expect(why).toMatch(/ritirato/);
    expect(why).toMatch(/macchinario/);
    expect(why).not.toMatch(CODE_LIKE);
    expect(componentTitle('crisisCase', 'it')).toBe('Crisi di provenienza');
  });

  it('never print an occupation URI, even without a label for it', () => {
    const p = makeProfile({ occupations: [{ uri: OCC.welder, iscoGroup: '7212', years: 3 }] });
    const r = scorePersonForJob(
      p,
      makeNeed({ occupationUri: 'http://data.europa.eu/esco/occupation/x', iscoGroup: '7212' }),
      knowledge,
    );
    for (const lang of LANGS) expect(explain(r, lang).lines.join(' ')).not.toMatch(CODE_LIKE);
  });
});

describe('every reason the engine emits has a template', () => {
  const check = (r: MatchResult) => {
    for (const c of r.components)
      expect(TEMPLATES[`${c.name}.${c.reason.code}`], `${c.name}.${c.reason.code}`).toBeDefined();
    for (const e of r.exclusions)
      expect(TEMPLATES[`exclusion.${e.code}`], `exclusion.${e.code}`).toBeDefined();
  };

  it('for people against job needs and opportunity roles', () => {
    fc.assert(
      fc.property(profileArb(), needArb(), (p, n) => {
        check(scorePersonForJob(p, n, knowledge));
        const role = {
          id: 'r',
          occupationUri: n.occupationUri,
          iscoGroup: n.iscoGroup,
          count: 1,
          keySkills: n.essentialSkills,
        };
        check(scorePersonForRole(p, makeOpportunity({ startDate: n.startDate }), role, knowledge));
        check(
          scoreOperatorForAsset(
            p,
            makeAsset({ requiredSkills: n.essentialSkills, location: n.place }),
            knowledge,
          ),
        );
      }),
      { numRuns: 300 },
    );
  });

  it('for assets against asset needs', () => {
    const variants: Partial<AssetInput>[] = [
      {},
      { kind: 'machine', category: 'welding', status: 'withdrawn' },
      { coveredAreaM2: 100, powerKw: 10, craneTonnage: 1, quayAccess: false },
      { availability: 'sale', priceEur: 10, availableFrom: '2027-01-01', availableUntil: '2025-01-01' },
      { availability: 'free_loan', location: { lat: 45, lon: 7 } },
      { rentEurMonth: null },
      { rentEurMonth: 99_999 },
    ];
    const needs = [
      makeAssetNeed(),
      makeAssetNeed({
        budgetEur: null,
        minAreaM2: null,
        byDate: null,
        minPowerKw: 50,
        minCraneTonnage: 5,
        maxAreaM2: 1000,
      }),
    ];
    for (const v of variants) for (const n of needs) check(scoreAssetForNeed(makeAsset(v), n, '2026-02-01'));
  });
});
