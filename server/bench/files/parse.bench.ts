/**
 * Parse throughput and peak memory of the file layer (no database): sniff → decode → read →
 * match headers → convert every row, on generated 100,000-row files.
 *
 *   npx tsx server/bench/files/parse.bench.ts            # all scenarios, each in its own process
 *   npx tsx server/bench/files/parse.bench.ts assets-xlsx [rows]
 *
 * Each scenario runs in a fresh child process so its peak RSS is its own.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  createRowConverter,
  exportHeaders,
  fieldsOf,
  localizeValue,
  matchHeaders,
  openTable,
  toCsv,
  writeXlsx,
  type EntityName,
  type ExportCell,
} from '../../src/files/index.js';

const SCENARIOS = ['profiles-csv', 'assets-csv', 'assets-xlsx'] as const;
type Scenario = (typeof SCENARIOS)[number];

/** Deterministic pseudo-random numbers (mulberry32), so every run parses the same file. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = [
  'Giulia',
  'Marco',
  'Élodie',
  'François',
  'Niccolò',
  'Chiara',
  'Luca',
  'Anaïs',
  'Paolo',
  'Sara',
];
const SURNAMES = [
  'Rossi',
  'Bianchi',
  'Dupont',
  'Martin',
  'Esposito',
  'Lefèvre',
  'Ferrari',
  'Moreau',
  'Costa',
  'Giordano',
];
const TOWNS = [
  'La Spezia',
  'Genova',
  'Livorno',
  'Olbia',
  'Ajaccio',
  'Marseille',
  'Toulon',
  'Nice',
  'Cagliari',
  'Bastia',
];
const SKILLS = [
  'saldatura TIG',
  'carpenteria navale',
  'lettura disegno tecnico',
  'conduzione carroponte',
  'tornitura CNC',
  'verniciatura',
];

function profileValues(i: number, r: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return {
    externalRef: `P-${String(i).padStart(6, '0')}`,
    firstName: pick(NAMES),
    lastName: pick(SURNAMES),
    email: `person${i}@example.org`,
    phone: `+39 0187 ${String(100000 + i).slice(-6)}`,
    municipality: pick(TOWNS),
    occupations: ['saldatore'],
    skills: [pick(SKILLS), pick(SKILLS)],
    languages: [
      { language: 'it', level: 'C2' },
      { language: 'fr', level: pick(['A2', 'B1', 'B2']) },
    ],
    eqfLevel: 1 + Math.floor(r() * 8),
    drivingLicences: ['B'],
    mobilityKm: Math.round(r() * 1000) / 10,
    availableFrom: `2026-${String(1 + Math.floor(r() * 12)).padStart(2, '0')}-15`,
    employmentStatus: pick(['unemployed', 'at_risk', 'furloughed']),
    desiredPaths: ['employment'],
    supplyChains: [pick(['nautical', 'mechanics', 'ports_logistics'])],
    crisisCaseRef: `CR-2026-${String(i % 40).padStart(3, '0')}`,
  };
}

function assetValues(i: number, r: () => number): Record<string, unknown> {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)] as T;
  return {
    inventoryNumber: `INV-${String(i).padStart(6, '0')}`,
    title: `${pick(['Capannone', 'Tornio CNC', 'Gru', 'Area portuale'])} ${i}`,
    description: 'Bene liberato da crisi industriale; visitabile su appuntamento.',
    kind: pick(['building', 'machine', 'equipment', 'area', 'plant']),
    category: pick(['Magazzino', 'Macchine utensili', 'Sollevamento']),
    year: 1980 + Math.floor(r() * 45),
    condition: pick(['good', 'fair', 'new']),
    powerKw: Math.round(r() * 5000) / 10,
    coveredAreaM2: Math.round(r() * 5_000_000) / 100,
    landAreaM2: Math.round(r() * 10_000_000) / 100,
    heightM: Math.round(r() * 200) / 10,
    craneTonnage: Math.floor(r() * 50),
    loadingBays: Math.floor(r() * 8),
    quayAccess: r() < 0.3,
    draftM: Math.round(r() * 120) / 10,
    municipality: pick(TOWNS),
    lat: 43 + r() * 2,
    lon: 8 + r() * 2,
    availability: pick(['sale', 'lease', 'loan', 'auction']),
    priceEur: Math.round(r() * 10_000_000) / 100,
    availableFrom: '2026-01-15',
    availableUntil: '2026-12-31',
    ownerFirmVat: `IT0${String(1234567890 + (i % 500)).slice(0, 10)}`,
    status: 'available',
  };
}

function table(entity: EntityName, rows: number): ExportCell[][] {
  const r = rng(42);
  const fields = fieldsOf(entity);
  const values = entity === 'profiles' ? profileValues : assetValues;
  const present = Object.keys(values(0, rng(1)));
  const used = fields.filter((f) => present.includes(f.name));
  const out: ExportCell[][] = [
    exportHeaders(
      entity,
      'it',
      used.map((f) => f.name),
    ),
  ];
  for (let i = 1; i <= rows; i++) {
    const v = values(i, r);
    out.push(used.map((f) => localizeValue(f, v[f.name], 'it')));
  }
  return out;
}

async function input(
  scenario: Scenario,
  rows: number,
): Promise<{ bytes: Uint8Array; name: string; entity: EntityName }> {
  if (scenario === 'profiles-csv') {
    return {
      bytes: new TextEncoder().encode(toCsv(table('profiles', rows), { delimiter: ';' })),
      name: 'p.csv',
      entity: 'profiles',
    };
  }
  if (scenario === 'assets-csv') {
    return {
      bytes: new TextEncoder().encode(toCsv(table('assets', rows), { delimiter: ';' })),
      name: 'a.csv',
      entity: 'assets',
    };
  }
  return {
    bytes: await writeXlsx([{ name: 'Risorse', rows: table('assets', rows) }]),
    name: 'a.xlsx',
    entity: 'assets',
  };
}

async function runOne(scenario: Scenario, rows: number): Promise<void> {
  const file = await input(scenario, rows);
  global.gc?.();
  const baseRss = process.memoryUsage().rss;
  let peakRss = baseRss;
  const t0 = performance.now();
  const t = openTable(file.bytes, file.name);
  const match = matchHeaders(file.entity, t.header.labels);
  if (match.unknown.length || match.missingRequired.length)
    throw new Error('bench file does not match its entity');
  const convert = createRowConverter(match, { decimal: t.delimiter === ';' ? ',' : undefined });
  let n = 0;
  let bad = 0;
  for (const row of t.rows) {
    if (convert(row).issues.length) bad++;
    if (++n % 5000 === 0) peakRss = Math.max(peakRss, process.memoryUsage().rss);
  }
  const seconds = (performance.now() - t0) / 1000;
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  const mb = (x: number): string => (x / 1024 / 1024).toFixed(1);
  console.log(
    JSON.stringify({
      scenario,
      rows: n,
      badRows: bad,
      fileMB: Number(mb(file.bytes.length)),
      seconds: Number(seconds.toFixed(2)),
      rowsPerSecond: Math.round(n / seconds),
      peakRssGrowthMB: Number(mb(peakRss - baseRss)),
      peakRssMB: Number(mb(peakRss)),
    }),
  );
}

const [arg, rowsArg] = process.argv.slice(2);
const rows = Number(rowsArg ?? 100_000);
if (arg && (SCENARIOS as readonly string[]).includes(arg)) {
  await runOne(arg as Scenario, rows);
} else {
  const self = fileURLToPath(import.meta.url);
  for (const scenario of SCENARIOS) {
    const child = spawnSync(process.execPath, [...process.execArgv, self, scenario, String(rows)], {
      stdio: 'inherit',
    });
    if (child.status !== 0) process.exitCode = 1;
  }
}
