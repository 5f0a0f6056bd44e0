import { ApiError } from '$lib/api/client';

/** The message key that explains a failure to the user, in their language. */
/** `change`: the failure of an action on one item (not of a search), whose reasons are listed below it. */
export function errorKey(e: unknown, opts: { form?: boolean; change?: boolean } = {}): string {
  if (e instanceof ApiError) {
    if (e.status === 409 && e.code === 'ALREADY_EXISTS') return 'errors.alreadyExists';
    if (e.code === 'OWN_ACCOUNT') return 'errors.ownAccount';
    if (opts.form && (e.status === 400 || e.status === 422)) return 'errors.invalidForm';
    if (opts.change && (e.status === 400 || e.status === 422)) return 'errors.refused';
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
