import type { EmailPort } from '../../auth/auth.service.js';
import type { DatabaseHandle } from '../../db/client.js';
import type { AssetFreshness } from '../assets/index.js';
import { createOutboxRelay } from '../../indexing/outbox-relay.js';
import { createSearchLeader } from '../../indexing/search-leader.js';
import { createAlertEvaluator } from './alert-evaluator.js';
import { sendDueDigests } from './alert-digest.js';
import { DEFAULT_DEADLINE_DAYS, runDeadlineAlertsDaily } from './deadline-alerts.js';

/** The alerts' change-log reader: one position for the deployment. */
export const ALERTS_READER = 'alerts';

export interface AlertsRuntimeOptions {
  /** The SMTP relay; absent, no digest is sent (the in-app notifications still are made). */
  email?: EmailPort;
  publicUrl: string;
  secret: string;
  /** ALERT_DEADLINE_DAYS. */
  deadlineDays?: number;
  /** ASSET_VERIFY_AFTER_DAYS / ASSET_HIDE_AFTER_DAYS: a saved asset search hides what the search hides. */
  assetFreshness?: AssetFreshness;
  /** How often a process checks whether the daily work (deadlines, digests) is due. */
  dailyCheckMs?: number;
  onError?: (error: unknown) => void;
  onLeading?: (leading: boolean) => void;
}

/**
 * Alerts are evaluated once per deployment, not once per process (ADR 0005): a `shared` change-log reader
 * driven by whichever process holds the `alerts-leader` advisory lock, resuming from the shared position
 * when another takes over. The daily work (deadline alerts, e-mail digests) runs in whichever process
 * takes the `alerts-daily` lock first on the hour; the others find it held and skip.
 */
export function createAlertsRuntime(database: DatabaseHandle, options: AlertsRuntimeOptions) {
  const evaluator = createAlertEvaluator(
    database.db,
    options.assetFreshness ? { freshness: options.assetFreshness } : {},
  );
  const relay = createOutboxRelay(database.db, null, {
    reader: { name: ALERTS_READER, kind: 'shared' },
    alsoNotify: evaluator.apply,
    onError: options.onError,
    // Changes pruned before the alerts read them cannot be told any more; the searches go on from here.
    onBehind: async () =>
      options.onError?.(new Error('alerts: the change log was pruned past the alerts reader')),
  });
  const leader = createSearchLeader(database, relay, {
    lock: 'alerts-leader',
    onChange: options.onLeading,
    onError: options.onError,
  });
  let timer: NodeJS.Timeout | undefined;

  async function daily() {
    try {
      await database.tryWithLock('alerts-daily', async () => {
        await runDeadlineAlertsDaily(database.db, evaluator, {
          days: options.deadlineDays ?? DEFAULT_DEADLINE_DAYS,
        });
        if (options.email)
          await sendDueDigests(database.db, {
            email: options.email,
            publicUrl: options.publicUrl,
            secret: options.secret,
          });
      });
    } catch (error) {
      options.onError?.(error);
    }
  }

  return {
    evaluator,
    relay,
    kick: () => relay.kick(),
    async start() {
      await leader.start();
      // The day's pass is part of start-up, before the server listens: nothing of it then lands in the
      // middle of the first requests (the API fuzz checks that refused writes change no table).
      await daily();
      timer = setInterval(() => void daily(), options.dailyCheckMs ?? 3600_000).unref();
    },
    async stop() {
      clearInterval(timer);
      await leader.stop();
    },
    daily,
  };
}
export type AlertsRuntime = ReturnType<typeof createAlertsRuntime>;
