import type { DbOrTx } from '../../db/client.js';
import { movedTo } from './references.js';
import type { MunicipalityRef } from './schemas.js';

/**
 * The columns a PATCH sets on the record's own row: its fields but the version (the versioned write
 * bumps it) and the lists kept in child tables (the caller writes those), and, when the record moves,
 * the new place's columns.
 */
export async function patchColumns<P extends { version: number; municipality?: MunicipalityRef }>(
  tx: DbOrTx,
  patch: P,
  children: readonly Exclude<keyof P, 'version' | 'municipality'>[] = [],
): Promise<Record<string, unknown>> {
  const { version: _v, municipality, ...fields } = patch;
  const childKeys: readonly PropertyKey[] = children;
  return {
    ...Object.fromEntries(Object.entries(fields).filter(([key]) => !childKeys.includes(key))),
    ...(await movedTo(tx, municipality)),
  };
}
