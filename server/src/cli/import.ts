/**
 * `npm run import -- --type assets [--desk <code|uuid>] [--commit] [--sheet NAME] [--mapping JSON]
 *  [--defaults JSON] [--lang it|fr|en] [--batch-size N] file.xlsx`
 *
 * Imports a CSV or XLSX into the configured database, as the API does: a dry run unless --commit,
 * progress after every committed batch, then the report summary. Running the same command again
 * after a crash or a kill resumes the unfinished job from its cursor; after a finished one it
 * changes nothing. Exit code 1 when the file is refused or rows have errors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { desks } from '../db/schema.js';
import { ENTITIES, isFileError, type EntityName, type Lang } from '../files/index.js';
import { AppError } from '../errors.js';
import type { ImportCounts } from '../modules/imports/imports.repository.js';
import { createImportService, importSettingsFor } from '../modules/imports/imports.service.js';

function json(name: string, text: string | undefined): Record<string, string> | undefined {
  if (text === undefined) return undefined;
  const value = JSON.parse(text) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value))
    throw new Error(`--${name} must be a JSON object`);
  return Object.assign(Object.create(null) as Record<string, string>, value);
}

const summary = (c: ImportCounts) =>
  `create ${c.create}, update ${c.update}, unchanged ${c.unchanged}, errors ${c.error}, warnings ${c.warnings}`;

async function main() {
  const { values, positionals } = parseArgs({
    options: {
      type: { type: 'string' },
      desk: { type: 'string' },
      commit: { type: 'boolean', default: false },
      sheet: { type: 'string' },
      mapping: { type: 'string' },
      defaults: { type: 'string' },
      lang: { type: 'string', default: 'it' },
      'batch-size': { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const entity = values.type as EntityName;
  if (!ENTITIES.includes(entity)) throw new Error(`--type must be one of ${ENTITIES.join(', ')}`);
  if (positionals.length !== 1) throw new Error('give exactly one file');
  const lang = (['it', 'fr', 'en'].includes(values.lang) ? values.lang : 'it') as Lang;
  const file = positionals[0]!;
  const bytes = readFileSync(file);

  const config = loadConfig();
  const handle = await openDatabase(config.database);
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
  const service = createImportService(handle.db, {
    ...importSettingsFor(handle),
    ...(batchSize ? { batchSize } : {}),
  });
  try {
    await handle.migrate();
    let deskId: string | undefined;
    if (values.desk) {
      deskId = await service.resolveDesk(values.desk);
      if (!deskId) throw new Error(`unknown desk ${values.desk}`);
    } else {
      // Without --desk, a database with a single desk (a desk's own installation) needs no choice.
      const all = await handle.db.select({ id: desks.id, code: desks.code }).from(desks);
      if (all.length !== 1)
        throw new Error(
          `--desk <code|uuid> is required (desks: ${all.map((d) => d.code).join(', ') || 'none'})`,
        );
      deskId = all[0]!.id;
    }
    const job = await service.open({
      source: bytes,
      fileName: path.basename(file),
      entity,
      dryRun: !values.commit,
      deskId,
      createdBy: null,
      options: {
        mapping: json('mapping', values.mapping),
        defaults: json('defaults', values.defaults),
        sheet: values.sheet,
      },
    });
    const mode = job.dryRun ? 'dry run' : 'import';
    if (job.status === 'done') console.log(`${mode} ${job.id}: this file was already processed`);
    else if (job.cursor > 0)
      console.log(`${mode} ${job.id}: resuming at row ${job.cursor} of ${job.totalRows}`);
    else console.log(`${mode} ${job.id}: ${entity} from ${path.basename(file)}`);
    const done = await service.run(job.id, bytes, (p) => {
      // One line per committed batch: the fault test reads these to kill the process mid-file.
      console.log(`progress ${p.cursor}/${p.totalRows ?? '?'} ${summary(p.counts)}`);
    });
    const counts = done.counts as ImportCounts;
    console.log(`${done.status}: ${summary(counts)}`);
    const report = await service.reportPage(done.id, { offset: 0, limit: 50 });
    for (const e of report) {
      const where = e.column ? `${e.column.letter} (${e.column.header})` : (e.field ?? '');
      const hints = (e.suggestions ?? [])
        .map((s) => `${s.label} ${Math.round(s.confidence * 100)}%`)
        .join(', ');
      console.log(
        `  row ${e.row} ${where}: ${e.value !== undefined ? `"${e.value}" ` : ''}${e.message[lang]}${e.detail ? ` (${e.detail})` : ''}${hints ? ` → ${hints}` : ''}`,
      );
    }
    if (done.reportSize > 50) console.log(`  … ${done.reportSize - 50} more in the report`);
    if (done.status !== 'done' || counts.error > 0) process.exitCode = 1;
  } finally {
    await service.close();
    await handle.close();
  }
}

main().catch((error: unknown) => {
  if (isFileError(error) || error instanceof AppError) console.error(`${error.code}: ${error.message}`);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
