// Issue 17: the importer dropped Italian occupations and skills and still created the person with no
// occupation, even for the product's own Italian template row (whose example ESCO URI did not exist).
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crisisCases, profileOccupations, profileSkills, profiles } from '../../src/db/schema.js';
import { createTestApp, type Caller, type TestApp } from '../helpers/app.js';
import { ESCO, makeDesk, makeFirm } from '../helpers/factories.js';
import { importFile } from './helpers.js';

let t: TestApp;
let deskId: string;
let operator: Caller;
const db = () => t.database.handle.db;

const SHIPWRIGHT = 'http://data.europa.eu/esco/occupation/8afab6c4-6145-4ea1-a0ae-d2c3438bda7e';
const TIG = 'http://data.europa.eu/esco/skill/a51adea8-bf02-488a-a0d8-b0961caca5b0';
const BLUEPRINTS = 'http://data.europa.eu/esco/skill/68b6ef08-d823-489d-a95c-752ae6f6e6a7';
const CRANES = 'http://data.europa.eu/esco/skill/c96ab6ac-cf85-4c91-86b5-7ac5bb14eb28';

beforeAll(async () => {
  t = await createTestApp();
  deskId = (await makeDesk(db())).id;
  operator = { role: 'operator', deskId };
  // The crisis case the template's example row names, so that row can import whole.
  const firm = await makeFirm(db());
  await db().insert(crisisCases).values({
    deskId,
    externalRef: 'CR-2026-014',
    firmId: firm.id,
    title: 'Cantiere',
    procedure: 'liquidazione_giudiziale',
  });
});
afterAll(() => t?.close());

async function occupationsOf(externalRef: string) {
  const [p] = await db().select().from(profiles).where(eq(profiles.externalRef, externalRef));
  if (!p) return undefined;
  const occ = await db().select().from(profileOccupations).where(eq(profileOccupations.profileId, p.id));
  const skills = await db().select().from(profileSkills).where(eq(profileSkills.profileId, p.id));
  return {
    occupations: occ.map((o) => o.occupationUri).sort(),
    skills: skills.map((s) => s.skillUri).sort(),
  };
}

const csv = (lines: string[]) => ({ name: 'lavoratori.csv', bytes: Buffer.from(lines.join('\r\n'), 'utf8') });

describe('the product’s own templates', () => {
  it.each(['it', 'fr', 'en'] as const)(
    'the %s profiles template row imports whole, with its occupations and skills',
    async (lang) => {
      const template = await t.call(operator, {
        method: 'GET',
        url: `/api/v1/imports/templates/profiles?format=csv&lang=${lang}`,
      });
      expect(template.statusCode).toBe(200);
      // Each language's template is its own person (the example's reference is the same in all three).
      const bytes = Buffer.from(template.body.replace('DESK-GE-00123', `TPL-${lang}`), 'utf8');
      const job = await importFile(
        t,
        operator,
        { entity: 'profiles', dryRun: 'false' },
        { name: `template-${lang}.csv`, bytes },
      );
      // The three templates show the same example person: after the Italian one, the desk is told the
      // French and English rows look like that person (a warning; the row is still imported).
      const expected = lang === 'it' ? [] : [{ code: 'LIKELY_DUPLICATE', row: 2, severity: 'warning' }];
      expect(job.report.items, JSON.stringify(job.report.items)).toMatchObject(expected);
      expect(job.report.items).toHaveLength(expected.length);
      expect(job.counts).toMatchObject({ create: 1, error: 0, warnings: expected.length });
      expect(await occupationsOf(`TPL-${lang}`)).toEqual({
        occupations: [ESCO.welder, SHIPWRIGHT].sort(),
        skills: [TIG, BLUEPRINTS].sort(),
      });
    },
  );

  it('every ESCO example of every template names a real concept in its language', async () => {
    const { exampleIn, fieldsOf } = await import('../../src/files/index.js');
    const found: Record<string, string[]> = {};
    for (const lang of ['it', 'fr', 'en'] as const)
      for (const entity of ['profiles', 'needs', 'assets'] as const)
        for (const f of fieldsOf(entity).filter((x) => /occupation|skill/i.test(x.name))) {
          const values = [exampleIn(f, lang)].flat().map(String).filter(Boolean);
          found[`${entity}.${f.name}.${lang}`] = values;
        }
    expect(found['profiles.occupations.it']).toEqual(['saldatore', SHIPWRIGHT]);
    expect(found['profiles.skills.fr']).toEqual([
      'réaliser des tâches de soudage TIG',
      'lire des plans standard',
    ]);
    expect(found['assets.skills.it']).toEqual(['manovrare gru']);
    expect(found['needs.occupation.en']).toEqual(['welder']);
  });
});

describe('Italian and French words a desk writes', () => {
  it('resolves occupations and skills by their Italian and French labels, gender and plural folded', async () => {
    const job = await importFile(
      t,
      operator,
      { entity: 'profiles', dryRun: 'false' },
      csv([
        'Codice esterno;Nome;Cognome;Comune;Professioni (ESCO);Competenze (ESCO);Condizione occupazionale',
        'IT-1;Ada;Neri;La Spezia;saldatrice;saldare con tecnica TIG;Disoccupato',
        'IT-2;Bea;Blu;La Spezia;Saldatori;Leggere disegni tecnici standard | manovrare gru;Disoccupato',
        `IT-3;Cia;Oro;La Spezia;carpentiere navale;${ESCO.weldingTechniques};Disoccupato`,
        'IT-4;Dea;Ferro;La Spezia;soudeuse;lire des plans standard;Disoccupato',
      ]),
    );
    expect(job.report.items, JSON.stringify(job.report.items)).toEqual([]);
    expect(job.counts).toMatchObject({ create: 4, error: 0, warnings: 0 });
    expect(await occupationsOf('IT-1')).toEqual({ occupations: [ESCO.welder], skills: [TIG] });
    expect(await occupationsOf('IT-2')).toEqual({
      occupations: [ESCO.welder],
      skills: [BLUEPRINTS, CRANES].sort(),
    });
    expect(await occupationsOf('IT-3')).toEqual({
      occupations: [SHIPWRIGHT],
      skills: [ESCO.weldingTechniques],
    });
    expect(await occupationsOf('IT-4')).toEqual({ occupations: [ESCO.welder], skills: [BLUEPRINTS] });
  });

  it('refuses a row whose occupation cannot be resolved, naming row, column, value and reason; nothing written', async () => {
    const job = await importFile(
      t,
      operator,
      { entity: 'profiles', dryRun: 'false' },
      csv([
        'Codice esterno;Nome;Cognome;Comune;Professioni (ESCO);Condizione occupazionale',
        'BAD-1;Eva;Neri;La Spezia;http://data.europa.eu/esco/occupation/0b2a0e11-5f9b-4e5c-a4a4-3c5c3b2e1f10;Disoccupato',
        'BAD-2;Fede;Neri;La Spezia;saldatore | astronauta subacqueo;Disoccupato',
        'BAD-3;Gea;Neri;La Spezia;caporeparto;Disoccupato',
        'OK-1;Ida;Neri;La Spezia;saldatore;Disoccupato',
      ]),
    );
    expect(job.counts, JSON.stringify(job.report.items)).toMatchObject({ create: 1, error: 3 });
    const errors = job.report.items.filter((i) => i.severity === 'error');
    const byRow = Object.fromEntries(errors.map((e) => [String(e.row), e]));
    expect(byRow['2']).toMatchObject({
      code: 'ESCO_URI_UNKNOWN',
      field: 'occupations',
      column: { letter: 'E', header: 'Professioni (ESCO)' },
      value: 'http://data.europa.eu/esco/occupation/0b2a0e11-5f9b-4e5c-a4a4-3c5c3b2e1f10',
    });
    expect((byRow['2']!.message as Record<string, string>).it).toContain('URI ESCO inesistente');
    expect(byRow['3']).toMatchObject({ field: 'occupations', value: 'astronauta subacqueo' });
    expect(byRow['4']).toMatchObject({ code: 'ESCO_AMBIGUOUS', field: 'occupations', value: 'caporeparto' });
    expect((byRow['4']!.suggestions as unknown[]).length).toBeGreaterThan(1);
    for (const ref of ['BAD-1', 'BAD-2', 'BAD-3']) expect(await occupationsOf(ref)).toBeUndefined();
    expect(await occupationsOf('OK-1')).toEqual({ occupations: [ESCO.welder], skills: [] });
  });
});
