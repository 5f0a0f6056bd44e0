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
  /** The position of the earlier row in the batch. */
  index: number;
}

export function earlierDuplicates(entity: 'profiles' | 'assets' | 'firms', rows: readonly BatchRow[]) {
  const groups = new Map<string, number[]>();
  const join = (key: string, i: number) => groups.set(key, [...(groups.get(key) ?? []), i]);
  rows.forEach((row, i) => {
    for (const [name, value] of Object.entries(row.keys)) if (value) join(`${name}=${value}`, i);
    // Assets: the same kind in the same place is compared on its area even without a model.
    if (row.asset && row.place) join(`place=${row.asset.kind}@${row.place}`, i);
  });
  const best: (EarlierRow | null)[] = rows.map(() => null);
  for (const members of groups.values())
    for (let a = 1; a < members.length; a++)
      for (let b = 0; b < a; b++) {
        const [i, j] = [members[a]!, members[b]!];
        const s = score(entity, rows[i]!, rows[j]!);
        if (!s) continue;
        // The strongest; between equals, the first row of the file.
        const held = best[i];
        if (!held || s.score > held.score || (s.score === held.score && j < held.index))
          best[i] = { ...s, index: j };
      }
  return best;
}

function score(entity: 'profiles' | 'assets' | 'firms', a: BatchRow, b: BatchRow): Scored | null {
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
