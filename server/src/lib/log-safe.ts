import { redactText } from './redact.js';

/**
 * What an error may put in the log. A database error is reduced to its SQLSTATE and constraint:
 * drizzle's message (and so its stack) carries the query and all its parameters, and PostgreSQL's
 * `detail` repeats key values — names, e-mail addresses, password hashes (security review, finding 8).
 * Other errors keep their type, message and stack with e-mail addresses, phones and tokens masked.
 */
export interface LoggedError {
  type: string;
  message: string;
  stack: string;
  code?: string;
  constraint?: string;
  [key: string]: unknown;
}

interface DbErrorLike {
  name?: string;
  code?: unknown;
  constraint?: unknown;
  constraint_name?: unknown;
  query?: unknown;
  params?: unknown;
  cause?: unknown;
}

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** True when anything down the cause chain is a database error (drizzle's wrapper or the driver's). */
function databaseError(error: unknown): { code?: string; constraint?: string } | undefined {
  let current: unknown = error;
  let found: { code?: string; constraint?: string } | undefined;
  for (let depth = 0; current && typeof current === 'object' && depth < 6; depth++) {
    const e = current as DbErrorLike;
    const isDb =
      e.name === 'DrizzleQueryError' ||
      'query' in e ||
      'params' in e ||
      (typeof e.code === 'string' && SQLSTATE.test(e.code));
    if (isDb) {
      found ??= {};
      if (typeof e.code === 'string' && SQLSTATE.test(e.code)) found.code ??= e.code;
      const constraint = e.constraint ?? e.constraint_name;
      if (typeof constraint === 'string') found.constraint ??= constraint;
    }
    current = e.cause;
  }
  return found;
}

export function logSafeError(error: unknown): LoggedError {
  if (!(error instanceof Error)) {
    // Already reduced (the serializer sees what the error handler passed), or a thrown non-error.
    if (error && typeof error === 'object' && typeof (error as LoggedError).type === 'string')
      return error as LoggedError;
    return { type: typeof error, message: redactText(String(error)).slice(0, 500), stack: '' };
  }
  const db = databaseError(error);
  // No stack either: drizzle's first stack line is its message, the query with its parameters.
  if (db) return { type: 'DatabaseError', message: 'database error', stack: '', ...db };
  return {
    type: error.name,
    message: redactText(error.message),
    stack: redactText(error.stack ?? ''),
    ...(typeof (error as { code?: unknown }).code === 'string'
      ? { code: (error as unknown as { code: string }).code }
      : {}),
  };
}
