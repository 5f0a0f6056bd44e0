import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';

/** A table with the lifecycle columns every mutable entity carries. */
export type VersionedTable = PgTable & {
  id: AnyPgColumn;
  version: AnyPgColumn;
  endedAt: AnyPgColumn;
  updatedAt: AnyPgColumn;
};
