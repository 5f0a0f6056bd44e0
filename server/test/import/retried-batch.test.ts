import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgetAddedAfter } from '../../src/modules/imports/batch-run.js';
import { createImportService } from '../../src/modules/imports/imports.service.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';
import { makeDesk } from '../helpers/factories.js';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  // A refusal no check before the write knows of: the batch's fast path fails and it runs again.
  await database.handle.db.execute(
    sql.raw(`create function refuse_boom() returns trigger language plpgsql as $$
      begin if new.title = 'BOOM' then raise exception 'boom refused'; end if; return new; end $$`),
  );
  await database.handle.db.execute(
    sql.raw('create trigger refuse_boom before insert on assets for each row execute function refuse_boom()'),
  );
});
afterAll(() => database?.destroy());

describe('forgetAddedAfter', () => {
  it('removes the keys added after the first ones, whatever their values', () => {
    const seen = new Map([
      ['a', 2],
      ['b', 3],
    ]);
    seen.set('c', 9);
    seen.set('d', 1);
    forgetAddedAfter(seen, 2);
    expect([...seen]).toEqual([
      ['a', 2],
      ['b', 3],
    ]);
    forgetAddedAfter(seen, 2);
    expect(seen.size).toBe(2);
  });
});

describe('a batch run again after the database refused a row', () => {
  it('sees its own rows once, and still knows the keys of the batches before it', async () => {
    const db = database.handle.db;
    const desk = await makeDesk(db);
    const service = createImportService(db, { batchSize: 2 });
    const csv = [
      'Numero di inventario;Titolo;Tipo;Comune;Disponibilità;Categoria',
      'RB-1;Capannone uno;capannone;Genova;vendita;magazzino',
      'RB-2;Capannone due;capannone;Savona;vendita;magazzino',
      'RB-3;Capannone tre;capannone;Imperia;vendita;magazzino',
      'RB-4;BOOM;capannone;Genova;vendita;magazzino',
      'RB-5;Capannone cinque;capannone;Livorno;vendita;magazzino',
      'RB-1;Capannone uno ancora;capannone;Genova;vendita;magazzino',
    ].join('\r\n');
    const bytes = Buffer.from(csv);
    const job = await service.open({
      source: bytes,
      fileName: 'rb.csv',
      entity: 'assets',
      dryRun: false,
      deskId: desk.id,
      createdBy: null,
      options: {},
    });
    const done = await service.run(job.id, bytes);
    expect(done.counts).toMatchObject({ create: 4, error: 2 });
    const report = await service.reportPage(done.id, { offset: 0, limit: 10 });
    expect(report.map((e) => [e.row, e.code])).toEqual([
      [5, 'WRITE_FAILED'],
      [7, 'DUPLICATE_IN_FILE'],
    ]);
  });
});
