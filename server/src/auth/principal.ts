import type { Role } from '../domain/vocabulary.js';
import { AppError } from '../errors.js';

/** A partner system calling with an API key: bulk ingestion within one desk and some entity types. */
export type PrincipalRole = Role | 'partner';

/** Who is calling, as every service sees it. */
export interface Principal {
  userId: string | null;
  role: PrincipalRole;
  deskId: string | null;
  firmId: string | null;
  /**
   * How the caller proved who they are; cookie sessions need a CSRF token on writes. An import job writes
   * in the background as the desk and creator it was submitted by.
   */
  via: 'session' | 'api_key' | 'test' | 'import_job';
  /** API keys only: the entity types the key may write. */
  scopes?: readonly string[];
  sessionTokenHash?: string;
  apiKeyId?: string;
}

export class UnauthenticatedError extends AppError {
  constructor(message = 'Sign in first') {
    super('UNAUTHENTICATED', message, 401);
  }
}
