import { ApiError } from '$lib/api/client';

/** The message key that explains a failure to the user, in their language. */
/** `change`: the failure of an action on one item (not of a search), whose reasons are listed below it. */
export function errorKey(e: unknown, opts: { form?: boolean; change?: boolean } = {}): string {
  if (e instanceof ApiError) {
    if (e.code === 'SIGN_IN_FAILED') return 'errors.signInFailed';
    if (e.code === 'RESET_TOKEN_INVALID') return 'errors.resetTokenInvalid';
    if (e.status === 409 && e.code === 'ALREADY_EXISTS') return 'errors.alreadyExists';
    if (e.code === 'OWN_ACCOUNT') return 'errors.ownAccount';
    if (e.code === 'MERGE_CHANGED_SINCE') return 'errors.mergeChangedSince';
    if (e.code === 'MERGE_PENDING') return 'errors.mergePending';
    if (opts.form && (e.status === 400 || e.status === 422)) return 'errors.invalidForm';
    if (opts.change && (e.status === 400 || e.status === 422)) return 'errors.refused';
    if (e.status === 0) return 'errors.network';
    if (e.status === 503) return 'errors.unavailable';
    if (e.status === 404) return 'errors.notFound';
    // Signed out (expired or revoked session) is not a matter of role: the layout sends the user to sign in.
    if (e.status === 401) return 'errors.signedOut';
    if (e.code === 'CSRF_REJECTED') return 'errors.signedOut';
    if (e.status === 403) return 'errors.notForRole';
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
