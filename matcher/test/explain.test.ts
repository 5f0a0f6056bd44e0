import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainAll, TEMPLATES, type Lang } from '../src/index.js';
import { knowledge, label, makeNeed, makeProfile, OCC, SK } from './helpers.js';
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
      const ph = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
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
