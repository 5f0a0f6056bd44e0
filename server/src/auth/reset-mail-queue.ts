import type { Database } from '../db/client.js';
import {
  claimDueResetMails,
  deleteAbandonedResetMails,
  deleteResetMail,
  enqueueResetMail,
} from './reset-mail.repository.js';

export interface ResetMailQueueOptions {
  /** Sends the mail for an address (looks the account up, mints the link); throws when the relay fails. */
  deliver: (email: string) => Promise<void>;
  now?: () => Date;
  log?: { warn(details: object, message: string): void; error(details: object, message: string): void };
  /** How an error is logged: without the address in it. */
  describe?: (error: unknown) => string;
  /** Rows claimed per pass. */
  batch?: number;
  /** Backoff after a failure: base, doubled per attempt, capped. Also the lease of a row being sent. */
  baseDelaySeconds?: number;
  maxDelaySeconds?: number;
  maxAttempts?: number;
  /** A reset link nobody could send within this long is dropped: the user has asked again or given up. */
  maxAgeMinutes?: number;
  /** Rows waiting at most; past it requests are dropped (and logged), the answer unchanged. */
  maxQueued?: number;
  /** The sweep for rows other processes left behind (their lease ran out); our own retries set a timer. */
  sweepMs?: number;
}

/**
 * The durable password-reset mail queue (PostgreSQL, table password_reset_mails). The request only adds
 * a row, the same insert for every address, and answers; senders in any process claim due rows, deliver
 * them, delete them once sent, and retry failures with backoff until `maxAttempts` or `maxAge`. A crash
 * loses nothing: the row waits for the next pass, of this process after a restart or of another one.
 */
export function createResetMailQueue(db: Database, options: ResetMailQueueOptions) {
  const now = options.now ?? (() => new Date());
  const batch = options.batch ?? 10;
  const backoff = { baseSeconds: options.baseDelaySeconds ?? 30, maxSeconds: options.maxDelaySeconds ?? 600 };
  const maxAttempts = options.maxAttempts ?? 8;
  const maxAgeMs = (options.maxAgeMinutes ?? 60) * 60_000;
  const maxQueued = options.maxQueued ?? 10_000;
  const sweepMs = options.sweepMs ?? 60_000;
  const describe = options.describe ?? ((error) => (error instanceof Error ? error.message : String(error)));

  let pass: Promise<void> | undefined;
  let again = false;
  let stopped = true;
  let sweep: NodeJS.Timeout | undefined;
  let wake: { timer: NodeJS.Timeout; at: number } | undefined;

  /** A pass when the earliest retry of this process falls due (the sweep would find it too, later). */
  function wakeAt(due: Date) {
    if (stopped || (wake && wake.at <= due.getTime())) return;
    if (wake) clearTimeout(wake.timer);
    const timer = setTimeout(
      () => {
        wake = undefined;
        void kick();
      },
      Math.max(0, due.getTime() - now().getTime()) + 50,
    ).unref();
    wake = { timer, at: due.getTime() };
  }

  /** One pass: drop what is abandoned, then send what is due, until nothing is due. */
  async function processDue(): Promise<{ handled: number; failed: number; abandoned: number }> {
    // handled: mailed, or nothing to mail (no such account); either way the row is gone.
    const result = { handled: 0, failed: 0, abandoned: 0 };
    const at = now();
    result.abandoned = await deleteAbandonedResetMails(
      db,
      at,
      new Date(at.getTime() - maxAgeMs),
      maxAttempts,
    );
    if (result.abandoned > 0)
      options.log?.warn({ count: result.abandoned }, 'password-reset mails given up after retries');
    for (;;) {
      const claimed = await claimDueResetMails(db, now(), batch, backoff);
      for (const row of claimed) {
        try {
          await options.deliver(row.email);
          await deleteResetMail(db, row.id);
          result.handled++;
        } catch (error) {
          // The row stays, due again after its backoff.
          result.failed++;
          wakeAt(row.nextAttemptAt);
          options.log?.error(
            { task: 'password-reset-mail', attempt: row.attempts, error: describe(error) },
            'background task failed',
          );
        }
      }
      if (claimed.length < batch) return result;
    }
  }

  /** Runs a pass now, or right after the one under way (a row added meanwhile is not missed). */
  function kick(): Promise<void> {
    if (pass) {
      again = true;
      return pass;
    }
    pass = (async () => {
      try {
        do {
          again = false;
          await processDue();
        } while (again);
      } catch (error) {
        options.log?.error({ task: 'password-reset-mail', error: describe(error) }, 'mail queue pass failed');
      } finally {
        pass = undefined;
      }
    })();
    return pass;
  }

  return {
    /**
     * The request's part: one row, then a pass after the answer is on its way (setImmediate), so neither
     * the lookup nor the relay adds to the time the caller measures.
     */
    async enqueue(email: string): Promise<void> {
      const added = await enqueueResetMail(db, email.toLowerCase(), now(), maxQueued);
      if (!added) options.log?.warn({ maxQueued }, 'password-reset mail queue full: request dropped');
      else if (!stopped) setImmediate(() => void kick());
    },
    processDue,
    /** Sends what is due now, then on every request, on retries as they fall due, and on a slow sweep. */
    start() {
      if (!stopped) return;
      stopped = false;
      void kick();
      sweep = setInterval(() => void kick(), sweepMs).unref();
    },
    /** Stops the timers and waits for the pass under way (shutdown). */
    async stop() {
      stopped = true;
      clearInterval(sweep);
      if (wake) clearTimeout(wake.timer);
      wake = undefined;
      await pass;
    },
    /** Resolves when the pass under way, if any, has finished (tests). */
    idle: async () => {
      while (pass) await pass;
    },
  };
}
export type ResetMailQueue = ReturnType<typeof createResetMailQueue>;
