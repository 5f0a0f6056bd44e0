/**
 * Domain errors with stable string codes. Services throw these; one handler in app.ts maps them to HTTP.
 * Anything that is not an AppError becomes a logged 500 with a generic message.
 */
export interface ErrorDetail {
  path: string;
  reason: string;
}

export class AppError extends Error {
  override name = 'AppError';
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode: number,
    readonly details: ErrorDetail[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export class ValidationError extends AppError {
  constructor(details: ErrorDetail[], message = 'The request is not valid') {
    super('VALIDATION_FAILED', message, 400, details);
  }
}

export class NotFoundError extends AppError {
  constructor(entity: string, id: string) {
    super(`${entity.toUpperCase()}_NOT_FOUND`, `${entity} ${id} does not exist`, 404, [
      { path: 'id', reason: 'not found' },
    ]);
  }
}

export class VersionConflictError extends AppError {
  constructor(entity: string, expected: number, actual: number) {
    super(
      'VERSION_CONFLICT',
      `${entity} was changed by someone else (version ${actual}, you sent ${expected})`,
      409,
      [{ path: 'version', reason: `current version is ${actual}` }],
    );
  }
}

export class ConflictError extends AppError {
  constructor(code: string, message: string, details: ErrorDetail[] = []) {
    super(code, message, 409, details);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do this') {
    super('FORBIDDEN', message, 403);
  }
}

export class ServiceUnavailableError extends AppError {
  constructor(code: string, message: string, retryAfterSeconds = 5) {
    super(code, message, 503, [], { 'retry-after': String(retryAfterSeconds) });
  }
}
