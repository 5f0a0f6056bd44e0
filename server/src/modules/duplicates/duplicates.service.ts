import { eq } from 'drizzle-orm';
import { allows, authorize, type OwnedKind } from '../../auth/policy.js';
import type { Principal } from '../../auth/principal.js';
import type { Database, DbOrTx } from '../../db/client.js';
import { assets, firms, profiles } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { auditPersonalReads } from '../shared/audit.js';
import {
  assetCandidates,
  firmCandidates,
  personCandidates,
  probeKeys,
  type AssetProbe,
  type FirmProbe,
  type LookupOptions,
  type PersonProbe,
} from './duplicates.repository.js';
import type { AssetCheck, DuplicatesView, FirmCheck, ProfileCheck } from './duplicates.schema.js';
import { byScore, scoreAsset, scoreFirm, scorePerson, type AssetFacts, type Scored } from './scoring.js';
import { EarlierRows, type BatchRow, type EarlierRow, type FileRow } from './within-batch.js';

/** A page shows the strongest few: a duplicate is a handful of records, never a list to browse. */
const SHOWN = 10;

export interface Found extends Scored {
  id: string;
  deskId: string | null;
  label: string;
  reference: string | null;
  /** A person's pseudonymous code (P-…): what a kept report may name instead of the person. */
  code?: string;
  /** Who owns it, in the policy's terms, and whether the caller may see it. */
  kind: OwnedKind;
  owner: { deskId: string | null; firmId?: string | null };
}

/**
 * Splits what was found into what the caller may see (under the one policy) and a bare flag for the
 * rest. For people the right is `read_personal`: seeing that a record is the same person is seeing who
 * it is, so another desk's person is never shown, only flagged.
 */
export function visibleTo(principal: Principal, found: Found[]): DuplicatesView {
  const right = (f: Found) => (f.kind === 'profile' ? 'read_personal' : 'read');
  const seen = found.filter((f) => allows(principal, right(f), f.kind, f.owner)).sort(byScore);
  const hidden = found.filter((f) => !allows(principal, right(f), f.kind, f.owner));
  const best = hidden.reduce((m, f) => Math.max(m, f.score), 0);
  return {
    items: seen.slice(0, SHOWN).map(({ id, label, reference, score, reasons }) => ({
      id,
      label,
      reference,
      score,
      reasons,
    })),
    elsewhere: hidden.length > 0 ? { score: best } : null,
  };
}

const place = (m: { country: string; code: string } | null | undefined) =>
  m ? `${m.country}:${m.code}` : '';

/**
 * What was found for each probe: its candidates scored, the ones too weak to show dropped, and each
 * described as pages and reports name it.
 */
function foundPerProbe<Candidate extends { probe: number; id: string; deskId: string | null }>(
  candidates: Candidate[],
  probeCount: number,
  judge: {
    score: (c: Candidate) => Scored | null;
    describe: (c: Candidate) => Omit<Found, keyof Scored | 'id' | 'deskId'>;
  },
): Found[][] {
  const out: Found[][] = Array.from({ length: probeCount }, () => []);
  // Each Found built as one literal, not spread together: an import batch's probes bring back thousands
  // of candidates, and the spreads were a tenth of an asset import's CPU.
  for (const c of candidates) {
    const s = judge.score(c);
    if (!s) continue;
    const d = judge.describe(c);
    out[c.probe]!.push({
      score: s.score,
      reasons: s.reasons,
      id: c.id,
      deskId: c.deskId,
      label: d.label,
      reference: d.reference,
      code: d.code,
      kind: d.kind,
      owner: d.owner,
    });
  }
  return out;
}

export async function findPeople(
  db: DbOrTx,
  probes: readonly PersonProbe[],
  options: LookupOptions = {},
): Promise<Found[][]> {
  return foundPerProbe(await personCandidates(db, probes, options), probes.length, {
    score: scorePerson,
    describe: (c) => ({
      label: `${c.firstName} ${c.lastName}`,
      reference: c.externalRef,
      code: c.code,
      kind: 'profile',
      owner: { deskId: c.deskId },
    }),
  });
}

export async function findAssets(
  db: DbOrTx,
  probes: readonly AssetProbe[],
  options: LookupOptions = {},
): Promise<Found[][]> {
  const candidates = await assetCandidates(db, probes, options);
  // Each probe's facts once, not once per candidate: an import batch's probes bring back thousands.
  const facts = new Map<number, AssetFacts>();
  for (const c of candidates) {
    if (facts.has(c.probe)) continue;
    const p = probes[c.probe]!;
    facts.set(c.probe, {
      kind: p.kind,
      municipality: place(p.municipality),
      coveredAreaM2: p.coveredAreaM2,
      landAreaM2: p.landAreaM2,
      brandModel: c.probeBrandModel,
      year: p.year,
      ownerFirmId: p.ownerFirmId,
    });
  }
  return foundPerProbe(candidates, probes.length, {
    score: (c) => scoreAsset(facts.get(c.probe)!, c),
    describe: (c) => ({
      label: c.title,
      reference: c.inventoryNumber,
      kind: 'asset',
      owner: { deskId: c.deskId },
    }),
  });
}

export async function findFirms(
  db: DbOrTx,
  probes: readonly FirmProbe[],
  options: LookupOptions = {},
): Promise<Found[][]> {
  return foundPerProbe(await firmCandidates(db, probes, options), probes.length, {
    score: scoreFirm,
    describe: (c) => ({
      label: c.name,
      reference: null,
      kind: 'firm',
      owner: { deskId: c.deskId, firmId: c.id },
    }),
  });
}

export function createDuplicatesService(db: Database) {
  /** People shown by name are personal reads: audited like a profile page (DOMAIN.md). */
  async function auditShown(principal: Principal, view: DuplicatesView) {
    await auditPersonalReads(
      db,
      principal,
      view.items.map((i) => i.id),
      'profile.duplicate_read',
    );
    return view;
  }

  return {
    async ofProfile(id: string, principal: Principal): Promise<DuplicatesView> {
      const [p] = await db.select().from(profiles).where(eq(profiles.id, id));
      if (!p) throw new NotFoundError('profile', id);
      // Comparing a person with others is reading who they are: the right to their personal data.
      authorize(principal, 'read_personal', 'profile', { deskId: p.deskId }, { entity: 'profile', id });
      const [found] = await findPeople(db, [
        {
          firstName: p.firstName,
          lastName: p.lastName,
          email: p.email,
          phone: p.phone,
          municipality: place({ country: p.municipalityCountry, code: p.municipalityCode }),
          excludeId: p.id,
        },
      ]);
      return auditShown(principal, visibleTo(principal, found!));
    },

    async checkProfile(input: ProfileCheck, principal: Principal): Promise<DuplicatesView> {
      const [found] = await findPeople(db, [
        {
          firstName: input.firstName,
          lastName: input.lastName,
          email: input.email ?? null,
          phone: input.phone ?? null,
          municipality: place(input.municipality),
          excludeId: input.excludeId ?? null,
        },
      ]);
      return auditShown(principal, visibleTo(principal, found!));
    },

    async ofAsset(id: string, principal: Principal): Promise<DuplicatesView> {
      const [a] = await db.select().from(assets).where(eq(assets.id, id));
      if (!a) throw new NotFoundError('asset', id);
      authorize(principal, 'read', 'asset', { deskId: a.deskId }, { entity: 'asset', id });
      const [found] = await findAssets(db, [
        {
          kind: a.kind,
          municipality: { country: a.municipalityCountry, code: a.municipalityCode },
          coveredAreaM2: a.coveredAreaM2,
          landAreaM2: a.landAreaM2,
          brand: a.brand,
          model: a.model,
          year: a.year,
          ownerFirmId: a.ownerFirmId,
          excludeId: a.id,
        },
      ]);
      return visibleTo(principal, found!);
    },

    async checkAsset(input: AssetCheck, principal: Principal): Promise<DuplicatesView> {
      const [found] = await findAssets(db, [
        {
          kind: input.kind,
          municipality: input.municipality,
          coveredAreaM2: input.coveredAreaM2 ?? null,
          landAreaM2: input.landAreaM2 ?? null,
          brand: input.brand ?? null,
          model: input.model ?? null,
          year: input.year ?? null,
          ownerFirmId: input.ownerFirmId ?? null,
          excludeId: input.excludeId ?? null,
        },
      ]);
      return visibleTo(principal, found!);
    },

    async ofFirm(id: string, principal: Principal): Promise<DuplicatesView> {
      const [f] = await db.select().from(firms).where(eq(firms.id, id));
      if (!f) throw new NotFoundError('firm', id);
      authorize(principal, 'read', 'firm', { deskId: f.deskId, firmId: f.id }, { entity: 'firm', id });
      const [found] = await findFirms(db, [
        {
          name: f.name,
          vatNumber: f.vatNumber,
          siret: f.siret,
          municipality: f.municipalityCode
            ? place({ country: f.municipalityCountry!, code: f.municipalityCode })
            : null,
          excludeId: f.id,
        },
      ]);
      return visibleTo(principal, found!);
    },

    async checkFirm(input: FirmCheck, principal: Principal): Promise<DuplicatesView> {
      const [found] = await findFirms(db, [
        {
          name: input.name,
          vatNumber: input.vatNumber ?? null,
          siret: input.siret ?? null,
          municipality: input.municipality ? place(input.municipality) : null,
          excludeId: input.excludeId ?? null,
        },
      ]);
      return visibleTo(principal, found!);
    },
  };
}

export type DuplicatesService = ReturnType<typeof createDuplicatesService>;

/** A record not stored yet, as the within-batch comparison reads it. */
export interface BatchRecord {
  /** The row's number in the file. */
  rowNumber: number;
  /** People: first and last name, e-mail, phone. Firms: name, partita IVA, SIRET. Assets: brand and model. */
  text: {
    firstName?: string | null;
    lastName?: string | null;
    email?: string | null;
    phone?: string | null;
    name?: string | null;
    vatNumber?: string | null;
    siret?: string | null;
    brand?: string | null;
    model?: string | null;
  };
  place: string;
  asset?: BatchRow['asset'];
}

/**
 * For each record of a batch not stored yet (an import's rows), the strongest earlier record of the file
 * it looks like, or null: rows of one file are compared with each other as with stored records. `earlier`
 * holds the rows of the file's earlier batches (a dry run's, which are not stored); without it, rows are
 * compared within the batch. The batch's rows come back keyed, for `earlier.remember` once it is through.
 */
export async function findWithinBatch(
  db: DbOrTx,
  entity: 'profiles' | 'assets' | 'firms',
  records: readonly BatchRecord[],
  earlier: EarlierRows = new EarlierRows(entity),
): Promise<{ found: (EarlierRow | null)[]; rows: FileRow[] }> {
  const keys = await probeKeys(
    db,
    entity,
    records.map(({ text: t }) => ({
      f: t.firstName ?? null,
      l: t.lastName ?? null,
      e: t.email ?? null,
      ph: t.phone ?? null,
      b: t.brand ?? null,
      mo: t.model ?? null,
      v: t.vatNumber ?? null,
      s: t.siret ?? null,
      n: t.name ?? null,
    })),
  );
  const rows = records.map((r, i) => ({
    rowNumber: r.rowNumber,
    place: r.place,
    keys: keys[i]!,
    asset: r.asset,
  }));
  return { found: earlier.strongestEarlier(rows), rows };
}
