import { describe, expect, it } from 'vitest';
import { EarlierRows, earlierDuplicates, type BatchRow } from '../../src/modules/duplicates/within-batch.js';

const person = (
  keys: Partial<Record<'name' | 'email' | 'phone', string>>,
  place = 'IT:011015',
): BatchRow => ({
  place,
  keys: { name: null, email: null, phone: null, ...keys },
});

describe('rows of one batch compared with each other', () => {
  it('names the strongest earlier row, the first one between equals, and never a later one', () => {
    const rows = [
      person({ name: 'anna bianchi', email: 'a@x.org' }),
      person({ name: 'anna bianchi' }, 'IT:010025'),
      person({ name: 'anna bianchi', email: 'a@x.org' }),
      person({ email: 'a@x.org' }),
    ];
    const found = earlierDuplicates('profiles', rows);
    expect(found[0]).toBeNull();
    // A shared name alone (another town) stays below the threshold.
    expect(found[1]).toBeNull();
    expect(found[2]).toMatchObject({
      rowNumber: 0,
      reasons: ['SAME_EMAIL', 'SAME_NAME', 'SAME_MUNICIPALITY'],
    });
    // E-mail and town agree with rows 0 and 2 equally: the first of them.
    expect(found[3]).toMatchObject({ rowNumber: 0, reasons: ['SAME_EMAIL', 'SAME_MUNICIPALITY'] });
  });

  it('firms by tax id, another establishment by SIREN; different firms with one name elsewhere are not', () => {
    const firm = (keys: Record<string, string | null>, place: string): BatchRow => ({
      place,
      keys: { vat: null, siret: null, siren: null, name: null, ...keys },
    });
    const found = earlierDuplicates('firms', [
      firm({ vat: '01234567890', name: 'cantierenavale' }, 'IT:049009'),
      firm({ siret: '12345678900012', siren: '123456789', name: 'ateliers' }, 'FR:13055'),
      firm({ vat: '01234567890' }, 'IT:049009'),
      firm({ siret: '12345678900020', siren: '123456789' }, 'FR:06088'),
      firm({ name: 'cantierenavale' }, 'IT:010025'),
    ]);
    expect(found.map((f) => f && [f.rowNumber, f.reasons])).toEqual([
      null,
      null,
      [0, ['SAME_VAT']],
      [1, ['SAME_SIREN']],
      null,
    ]);
  });

  it('assets of one kind and place with a similar area, with no model to compare', () => {
    const shed = (area: number, place = 'IT:049009'): BatchRow => ({
      place,
      keys: { brand_model: null },
      asset: { kind: 'building', area, year: null, ownerFirmId: null },
    });
    const found = earlierDuplicates('assets', [shed(2000), shed(5000), shed(2050), shed(2000, 'IT:010025')]);
    expect(found.map((f) => f?.rowNumber ?? null)).toEqual([null, null, 0, null]);
  });
});

describe('rows of one file compared across its batches', () => {
  const numbered = (rowNumber: number, keys: Partial<Record<'name' | 'email' | 'phone', string>>) => ({
    ...person(keys),
    rowNumber,
  });

  it('finds a remembered row of an earlier batch, and only rows remembered or earlier in the batch', () => {
    const file = new EarlierRows('profiles');
    const first = [
      numbered(2, { name: 'anna bianchi', email: 'a@x.org' }),
      numbered(3, { name: 'bruno neri' }),
    ];
    expect(file.strongestEarlier(first)).toEqual([null, null]);
    // Not remembered yet (the batch is not through): a batch run again does not find its own rows.
    expect(file.strongestEarlier(first)).toEqual([null, null]);
    file.remember(first);
    const second = [
      numbered(60, { email: 'a@x.org' }),
      numbered(61, { name: 'anna bianchi', email: 'a@x.org' }),
    ];
    const found = file.strongestEarlier(second);
    expect(found[0]).toMatchObject({ rowNumber: 2, reasons: ['SAME_EMAIL', 'SAME_MUNICIPALITY'] });
    // Row 61 matches row 2 on name, e-mail and town, more than row 60 (e-mail and town).
    expect(found[1]).toMatchObject({
      rowNumber: 2,
      reasons: ['SAME_EMAIL', 'SAME_NAME', 'SAME_MUNICIPALITY'],
    });
  });

  it('compares a row with the latest 500 rows sharing a key, so a long file stays linear', () => {
    const file = new EarlierRows('profiles');
    // 1,200 rows of one e-mail: each row's strongest earlier match is one of the latest 500.
    file.remember(Array.from({ length: 1200 }, (_, i) => numbered(i + 2, { email: 'same@x.org' })));
    const [found] = file.strongestEarlier([numbered(5000, { email: 'same@x.org' })]);
    // Equal scores: the first of the 500 compared (rows 702 to 1201).
    expect(found?.rowNumber).toBe(702);
  });
});
