import { scoreAsset, scoreFirm, scorePerson, type Scored } from './scoring.js';

/**
 * Rows of one import batch that look like an earlier row of the same batch: the same scoring as against
 * stored records, on keys the database normalised (`probeKeys`). Pure: for each row, the strongest earlier
 * row at or above the threshold, or null. Only rows sharing a key are compared, so a batch costs what its
 * shared keys cost, not every pair.
 */
export interface BatchRow {
  /** The place as "IT:011015" (empty when unknown). */
  place: string;
  keys: Record<string, string | null>;
  /** Assets only: what the scoring compares beside the keys. */
  asset?: { kind: string; area: number | null; year: number | null; ownerFirmId: string | null };
}

export interface EarlierRow extends Scored {
  /** The earlier row's number in the file (its position, for `earlierDuplicates`). */
  rowNumber: number;
}

type Entity = 'profiles' | 'assets' | 'firms';

/** A row with its number in the file. */
export interface FileRow extends BatchRow {
  rowNumber: number;
}

/**
 * How many of the latest rows sharing one key a row is compared with. A file of one town's sheds shares
 * the "kind in this place" key on thousands of rows; comparing each with all would be quadratic, and a
 * copy typed twice usually sits close to its original.
 */
const ROWS_PER_KEY = 500;

function groupKeys(row: BatchRow): string[] {
  const keys = Object.entries(row.keys).flatMap(([name, value]) => (value ? [`${name}=${value}`] : []));
  // Assets: the same kind in the same place is compared on its area even without a model.
  if (row.asset && row.place) keys.push(`place=${row.asset.kind}@${row.place}`);
  return keys;
}

/**
 * The rows of one file seen so far, grouped by key, so that each new row is compared only with the rows
 * it shares a key with. A dry run keeps one across its batches (nothing is stored, so a later batch
 * cannot find the earlier ones in the tables); a real run uses a fresh one per batch.
 */
export class EarlierRows {
  private readonly groups = new Map<string, FileRow[]>();

  constructor(private readonly entity: Entity) {}

  /**
   * For each row, the strongest row before it at or above the threshold (remembered, or earlier in
   * `rows`), or null; between equals, the first in the file. Remembers nothing: `remember` does, once
   * the batch is through.
   */
  strongestEarlier(rows: readonly FileRow[]): (EarlierRow | null)[] {
    const inBatch = new Map<string, FileRow[]>();
    return rows.map((row) => {
      let best: EarlierRow | null = null;
      const compared = new Set<FileRow>();
      const compare = (other: FileRow) => {
        if (compared.has(other)) return;
        compared.add(other);
        const s = score(this.entity, row, other);
        if (
          s &&
          (!best || s.score > best.score || (s.score === best.score && other.rowNumber < best.rowNumber))
        )
          best = { ...s, rowNumber: other.rowNumber };
      };
      for (const key of groupKeys(row)) {
        const batchMembers = inBatch.get(key) ?? [];
        const remembered = this.groups.get(key) ?? [];
        // The latest ROWS_PER_KEY of the remembered rows followed by this batch's.
        const fromRemembered = Math.max(0, ROWS_PER_KEY - batchMembers.length);
        for (let i = Math.max(0, remembered.length - fromRemembered); i < remembered.length; i++)
          compare(remembered[i]!);
        for (let i = Math.max(0, batchMembers.length - ROWS_PER_KEY); i < batchMembers.length; i++)
          compare(batchMembers[i]!);
        batchMembers.push(row);
        inBatch.set(key, batchMembers);
      }
      return best;
    });
  }

  remember(rows: readonly FileRow[]): void {
    for (const row of rows)
      for (const key of groupKeys(row)) {
        const members = this.groups.get(key) ?? [];
        members.push(row);
        // Only the latest rows of a key are compared: the older ones can go.
        if (members.length > 2 * ROWS_PER_KEY) members.splice(0, members.length - ROWS_PER_KEY);
        this.groups.set(key, members);
      }
  }
}

/** Rows of one batch compared with each other only (pure): for each, the strongest earlier row, or null. */
export function earlierDuplicates(entity: Entity, rows: readonly BatchRow[]): (EarlierRow | null)[] {
  return new EarlierRows(entity).strongestEarlier(rows.map((row, rowNumber) => ({ ...row, rowNumber })));
}

function score(entity: Entity, a: BatchRow, b: BatchRow): Scored | null {
  const same = (key: string) => a.keys[key] != null && a.keys[key] === b.keys[key];
  const samePlace = a.place !== '' && a.place === b.place;
  if (entity === 'profiles')
    return scorePerson({
      sameName: same('name'),
      sameEmail: same('email'),
      samePhone: same('phone'),
      sameMunicipality: samePlace,
    });
  if (entity === 'firms')
    return scoreFirm({
      sameVat: same('vat'),
      sameSiret: same('siret'),
      sameSiren: same('siren'),
      sameName: same('name'),
      sameMunicipality: samePlace,
    });
  const facts = (r: BatchRow) => ({
    kind: r.asset!.kind,
    municipality: r.place,
    coveredAreaM2: r.asset!.area,
    landAreaM2: null,
    brandModel: r.keys.brand_model ?? null,
    year: r.asset!.year,
    ownerFirmId: r.asset!.ownerFirmId,
  });
  return scoreAsset(facts(a), facts(b));
}
