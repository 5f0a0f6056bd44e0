/**
 * `npm run import:esco -- <folder-or-zip>`: adds ESCO labels of any language from the official ESCO CSV
 * distribution (e.g. "ESCO dataset - v1.1.1 - classification - it - csv.zip" from the ESCO portal).
 * Reference data is loaded first if it is missing. Safe to re-run: the same files change nothing.
 */
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { importEscoLabels } from '../reference/esco-import.js';
import { loadReferenceData } from '../reference/reference.loader.js';

async function main() {
  const source = process.argv.slice(2).find((a) => !a.startsWith('-'));
  if (!source) {
    console.error('usage: npm run import:esco -- <folder-or-zip of the ESCO CSV distribution>');
    process.exit(2);
  }
  const handle = await openDatabase(loadConfig().database);
  try {
    await handle.migrate();
    await loadReferenceData(handle.db);
    const started = performance.now();
    const report = await importEscoLabels(handle.db, source);
    console.table(
      report.files.map((f) => ({
        file: f.file,
        lang: f.lang,
        rows: f.rows,
        concepts: f.concepts,
        unknown: f.unknownConcepts,
        inserted: f.inserted,
        deleted: f.deleted,
        updated: f.updated,
        unchanged: f.unchanged,
      })),
    );
    console.log(
      `labels: ${report.inserted} inserted, ${report.deleted} deleted, ${report.updated} updated, ` +
        `${report.unchanged} unchanged; ${report.unknownConcepts} concepts not in the database were skipped ` +
        `(${Math.round(performance.now() - started)} ms)`,
    );
  } finally {
    await handle.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
