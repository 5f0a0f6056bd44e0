import { ConflictError, ValidationError, type AppError } from '../errors.js';

interface PgErrorLike {
  code?: string;
  constraint?: string;
  constraint_name?: string;
  detail?: string;
  column?: string;
  column_name?: string;
}

/** drizzle wraps driver errors; the PostgreSQL one (with its SQLSTATE) is somewhere down the cause chain. */
function findPgError(error: unknown): PgErrorLike | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const candidate = current as PgErrorLike & { cause?: unknown };
    if (typeof candidate.code === 'string' && /^[0-9A-Z]{5}$/.test(candidate.code)) return candidate;
    current = candidate.cause;
  }
  return undefined;
}

/**
 * Translates constraint violations into 4xx errors that name the field, so bad input that slipped past the
 * request schema (an unknown ESCO URI, a duplicate natural key) still gets a clear answer and never a 500.
 */
export function translatePgError(error: unknown): AppError | undefined {
  const pg = findPgError(error);
  if (!pg) return undefined;
  const constraint = pg.constraint ?? pg.constraint_name ?? '';
  const detail = pg.detail ?? '';
  const column = /Key \(([^)]+)\)/.exec(detail)?.[1] ?? pg.column ?? pg.column_name ?? constraint;
  switch (pg.code) {
    case '23503':
      return new ValidationError([
        { path: column, reason: `refers to something that does not exist (${constraint})` },
      ]);
    case '23505':
      return new ConflictError('ALREADY_EXISTS', 'A record with the same natural key already exists', [
        { path: column, reason: 'already used' },
      ]);
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
      return new ValidationError([{ path: column, reason: `violates ${constraint || pg.code}` }]);
    default:
      return undefined;
  }
}
/** Is this a unique-key violation (SQLSTATE 23505), on the named constraint if one is given? */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = findPgError(error);
  if (pg?.code !== '23505') return false;
  return constraint === undefined || (pg.constraint ?? pg.constraint_name) === constraint;
}

/**
 * Runs a write that draws a random unique value (a pseudonym) again when the draw hits the unique key:
 * decided on the SQLSTATE and the constraint name, never on message text. The caller wraps `write` in a
 * savepoint so a failed attempt leaves its transaction usable.
 */
export async function retryOnUniqueClash<T>(
  write: () => Promise<T>,
  constraint: string,
  attempts = 3,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= attempts || !isUniqueViolation(error, constraint)) throw error;
    }
  }
}
