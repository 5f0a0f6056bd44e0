/** The sign-in and session rules: read by the auth service and the sign-in throttle. */
export interface AuthPolicy {
  sessionHours: number;
  /**
   * Attempts on one address from one client IP before that IP is locked out of that address for
   * `lockMinutes` (a stranger elsewhere cannot lock the real user out).
   */
  maxFailedSignIns: number;
  lockMinutes: number;
  /**
   * Attempts on one address from all IPs within `lockMinutes` before the address is slowed down to one
   * evaluated attempt every `slowSeconds` (slowed, never locked: a botnet cannot lock the user out).
   */
  accountCeiling: number;
  slowSeconds: number;
  resetTokenMinutes: number;
}
