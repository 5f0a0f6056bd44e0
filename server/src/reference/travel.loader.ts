import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FerryTableError, parseFerryTable, TravelModel, type FerryTable } from '@rilancio/matcher';
import { REFERENCE_DIR } from './reference.loader.js';

export const FERRY_FILE = 'ferry_links.json';

/** A ferry table that cannot be used, with the file and the field named (the process refuses to start). */
export class FerryFileError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    reason: string,
  ) {
    super(`${file}: ${field}: ${reason}`);
    this.name = 'FerryFileError';
  }
}

/** Reads and checks the bundled ferry table; a broken file names its field instead of giving wrong times. */
export function loadFerryTable(dir: string = REFERENCE_DIR): FerryTable {
  const file = path.join(dir, FERRY_FILE);
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  } catch (e) {
    throw new FerryFileError(FERRY_FILE, 'table', `not readable JSON (${(e as Error).message})`);
  }
  try {
    return parseFerryTable(json);
  } catch (e) {
    if (e instanceof FerryTableError) throw new FerryFileError(FERRY_FILE, e.field, e.reason);
    throw e;
  }
}

let cached: TravelModel | undefined;

/** The commuting model (all-year links), built once per process: the table only changes with a release. */
export function travelModel(): TravelModel {
  cached ??= new TravelModel(loadFerryTable());
  return cached;
}
