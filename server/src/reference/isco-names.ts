/**
 * The project's own Italian names of ISCO-08 groups (seed/reference/isco08_groups_it_provisional.csv):
 * ESCO ships ISCO names in English and French but none in Italian, so the project wrote them for the
 * 1-, 2- and 3-digit groups and for the unit groups of the blue and green chains' occupations.
 * Provisional, like the Italian occupation vocabulary: a group keeps an official Italian name when it has
 * one (`label_it_source = 'esco'`), and a reload replaces the previous provisional names as a whole.
 * A bad file (unknown group, code that does not match its URI, duplicate, empty name, not UTF-8) is
 * refused naming the line; the caller loads it in one transaction, so nothing is half-loaded.
 */
import { parse } from 'csv-parse/sync';
import { and, eq, inArray, isNull, ne, or } from 'drizzle-orm';
import type { DbOrTx } from '../db/client.js';
import { iscoGroups } from '../db/schema.js';
import { parseProjectLabels, ReferenceFileError, type ProjectLabelSpec } from './project-labels.js';

export const ISCO_IT_FILE = 'isco08_groups_it_provisional.csv';

const SPEC: ProjectLabelSpec = {
  file: ISCO_IT_FILE,
  // Parsing only reads the file's columns; the kind does not apply to ISCO groups.
  kind: 'occupation',
  lang: 'it',
  source: 'provisional',
  labelColumn: 'label_it',
};

export interface IscoNamesReport {
  rows: number;
  /** Groups left to their official Italian name. */
  officialKept: number;
}

/** Checks and loads the file's bytes; returns how many names it holds. */
export async function loadIscoItalianNames(db: DbOrTx, bytes: Uint8Array): Promise<IscoNamesReport> {
  const rows = parseProjectLabels(SPEC, bytes);
  const codes = new Map(
    (
      await db
        .select({ uri: iscoGroups.uri, code: iscoGroups.code, source: iscoGroups.labelItSource })
        .from(iscoGroups)
        .where(
          inArray(
            iscoGroups.uri,
            rows.map((r) => r.uri),
          ),
        )
    ).map((r) => [r.uri, r]),
  );
  // The code column is for the reader, but a code that disagrees with its URI is a sign of a shifted line.
  const codeOf = codeColumn(bytes);
  for (const r of rows) {
    const group = codes.get(r.uri);
    if (!group) throw new ReferenceFileError(ISCO_IT_FILE, r.line, `unknown ISCO-08 group ${r.uri}`);
    const written = codeOf.get(r.line);
    if (written !== undefined && written !== group.code)
      throw new ReferenceFileError(
        ISCO_IT_FILE,
        r.line,
        `code ${written} is not the code of ${r.uri} (${group.code})`,
      );
  }
  await db
    .update(iscoGroups)
    .set({ labelIt: null, labelItSource: null })
    .where(eq(iscoGroups.labelItSource, 'provisional'));
  let officialKept = 0;
  for (const r of rows) {
    if (codes.get(r.uri)!.source === 'esco') {
      officialKept++;
      continue;
    }
    await db
      .update(iscoGroups)
      .set({ labelIt: r.label, labelItSource: 'provisional' })
      .where(
        and(
          eq(iscoGroups.uri, r.uri),
          or(isNull(iscoGroups.labelItSource), ne(iscoGroups.labelItSource, 'esco')),
        ),
      );
  }
  return { rows: rows.length, officialKept };
}

/** The `code` cell of each record, by the line the parser numbers it with (as parseProjectLabels does). */
function codeColumn(bytes: Uint8Array): Map<number, string> {
  const records = parse(Buffer.from(bytes), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
    info: true,
  }) as { record: Record<string, string>; info: { lines: number } }[];
  return new Map(
    records.filter((r) => r.record.code !== undefined).map((r) => [r.info.lines, r.record.code!.trim()]),
  );
}
