import type { Database } from '../../src/db/client.js';
import { desks, firms } from '../../src/db/schema.js';

/** Real ESCO concepts used across tests (from the bundled reference data). */
export const ESCO = {
  welder: 'http://data.europa.eu/esco/occupation/7aedaa07-3884-4c5b-88f9-80997b2aa54b',
  cook: 'http://data.europa.eu/esco/occupation/90f75f67-495d-49fa-ab57-2f320e251d7e',
  marineElectrician: 'http://data.europa.eu/esco/occupation/9422c30d-c5ef-4fcc-a493-d67ee42189c0',
  weldingTechniques: 'http://data.europa.eu/esco/skill/530cb489-d900-46ab-9350-4d50ccd49eea',
  cuttingTechnologies: 'http://data.europa.eu/esco/skill/2973b3bc-5893-4b3d-8953-22ef677a162f',
  fuelGas: 'http://data.europa.eu/esco/skill/7c127140-3a91-4fe2-b33e-12567d78ef0f',
} as const;

export const PLACES = {
  laSpezia: { country: 'IT', code: '011015' },
  marseille: { country: 'FR', code: '13055' },
  portoferraio: { country: 'IT', code: '049014' },
} as const;

let counter = 0;
const next = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function makeDesk(db: Database, overrides: Partial<typeof desks.$inferInsert> = {}) {
  const [desk] = await db
    .insert(desks)
    .values({
      code: `DESK-${next()}`,
      name: 'Centro per l’impiego La Spezia',
      country: 'IT',
      regionName: 'Liguria',
      ...overrides,
    })
    .returning();
  return desk!;
}

export async function makeFirm(db: Database, overrides: Partial<typeof firms.$inferInsert> = {}) {
  const [firm] = await db
    .insert(firms)
    .values({ name: `Cantiere ${next()}`, country: 'IT', naceCode: '30.11', state: 'active', ...overrides })
    .returning();
  return firm!;
}

/**
 * The personal data every factory profile carries. Privacy tests assert these exact strings are absent
 * where they must be, so they read them from here: a changed default cannot make them pass vacuously.
 */
export const PERSONAL = {
  firstName: 'Marco',
  lastName: 'Rossi',
  email: 'marco.rossi@example.org',
  phone: '+39 0187 123456',
  /** A fragment of the phone number as it may appear formatted otherwise. */
  phoneDigits: '0187',
} as const;

export function profilePayload(deskId: string, overrides: Record<string, unknown> = {}) {
  return {
    deskId,
    externalRef: `EXT-${next()}`,
    firstName: PERSONAL.firstName,
    lastName: PERSONAL.lastName,
    email: PERSONAL.email,
    phone: PERSONAL.phone,
    municipality: PLACES.laSpezia,
    occupations: [{ uri: ESCO.welder, years: 12 }],
    skills: [{ uri: ESCO.weldingTechniques, source: 'declared' }],
    languages: [{ code: 'it', level: 'C2' }],
    eqfLevel: 3,
    mobilityKm: 40,
    availableFrom: '2026-12-01',
    employmentStatus: 'unemployed',
    desiredPaths: ['employment', 'workers_buy_out'],
    supplyChains: ['nautical_shipbuilding'],
    ...overrides,
  };
}
