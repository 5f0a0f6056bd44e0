/**
 * Abuse limits (C5, C6). Per principal (session, API key) or, before sign-in, per IP. The README and the
 * issue note list them; tests lower them to see them trip.
 */
export interface Limits {
  /** Requests per minute per principal or IP, any route. */
  perMinute: number;
  /** Sign-in attempts per minute per IP (on top of the per-account lockout). */
  signInPerMinute: number;
  /**
   * Sign-in attempts on one address from all IPs within the 15-minute lock window before it is slowed to
   * one attempt every 10 s (auth.service.ts, `AuthPolicy.accountCeiling`).
   */
  signInAccountCeiling: number;
  /** Match runs per minute per principal. */
  matchPerMinute: number;
  /** Exports per minute per principal. */
  exportPerMinute: number;
  /** Company accounts: approved-candidate views per day. */
  companyCandidateViewsPerDay: number;
  /** Company accounts: exports per day. */
  companyExportsPerDay: number;
}

export const DEFAULT_LIMITS: Limits = {
  perMinute: 600,
  signInPerMinute: 10,
  signInAccountCeiling: 30,
  matchPerMinute: 60,
  exportPerMinute: 10,
  companyCandidateViewsPerDay: 200,
  companyExportsPerDay: 20,
};
