import { ApiError } from '$lib/api/client';

/** The message key that explains a failure to the user, in their language. */
export function errorKey(e: unknown, opts: { form?: boolean } = {}): string {
  if (e instanceof ApiError) {
    if (e.status === 409 && e.code === 'ALREADY_EXISTS') return 'errors.alreadyExists';
    if (opts.form && (e.status === 400 || e.status === 422)) return 'errors.invalidForm';
    if (e.status === 0) return 'errors.network';
    if (e.status === 503) return 'errors.unavailable';
    if (e.status === 404) return 'errors.notFound';
    if (e.status === 401 || e.status === 403) return 'errors.forbidden';
    if (e.status === 409) return 'errors.conflict';
    if (e.status === 400 || e.status === 422) return 'errors.badRequest';
    return 'errors.server';
  }
  return 'errors.generic';
}

export function errorDetail(e: unknown): string | undefined {
  if (e instanceof ApiError) return e.code;
  return undefined;
}
