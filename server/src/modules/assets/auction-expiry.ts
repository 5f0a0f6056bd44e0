/**
 * Auctions past their date expire (issue 16): an asset offered at auction whose date (`availableUntil`)
 * has passed, and still listed as available, becomes `expired`. Each change goes through the one
 * versioned write (version bumped, change-log row for search and the match index in the same
 * transaction). It runs at start and then periodically, in one process at a time (the `asset-expiry`
 * advisory lock), and is idempotent: an expired auction is not selected again. A reserved auction is
 * left alone: someone holds it, and the desk decides.
 */
import { and, eq, isNull, lt } from 'drizzle-orm';
import type { Database, DatabaseHandle } from '../../db/client.js';
import { assets } from '../../db/schema.js';
import { VersionConflictError } from '../../errors.js';
import { dayIn } from '../../lib/calendar-day.js';
import { updateVersioned } from '../shared/versioned.js';
import { ASSET_SPEC } from './assets.repository.js';

/** The job writes as the system, not as a principal: no owner check, the same versioned write. */
const SYSTEM_SPEC = { entity: ASSET_SPEC.entity, table: ASSET_SPEC.table, indexAs: ASSET_SPEC.indexAs };

export interface ExpiryReport {
  expired: number;
  /** Changed by someone while the job ran: left for the next run to look at again. */
  skipped: number;
}

export async function expireAuctions(db: Database, now = new Date()): Promise<ExpiryReport> {
  const today = dayIn(now);
  const due = await db
    .select({ id: assets.id, version: assets.version, deskId: assets.deskId })
    .from(assets)
    .where(
      and(
        eq(assets.availability, 'auction'),
        eq(assets.status, 'available'),
        isNull(assets.endedAt),
        lt(assets.availableUntil, today),
      ),
    );
  let expired = 0;
  let skipped = 0;
  for (const a of due) {
    try {
      await db.transaction((tx) =>
        updateVersioned(tx, SYSTEM_SPEC, {
          id: a.id,
          expectedVersion: a.version,
          owner: { deskId: a.deskId },
          values: { status: 'expired' },
        }),
      );
      expired++;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
      skipped++;
    }
  }
  return { expired, skipped };
}

/** One run under the lock; `acquired: false` when another process is running it. */
export function expireAuctionsOnce(database: DatabaseHandle, now = new Date()) {
  return database.tryWithLock('asset-expiry', () => expireAuctions(database.db, now));
}

/**
 * Runs the expiry every `everyMs` (with jitter) in one process at a time; the others skip that round.
 * Returns the stop function.
 */
export function keepAuctionsExpired(
  database: DatabaseHandle,
  options: { everyMs?: number; onExpired?: (r: ExpiryReport) => void; onError?: (e: unknown) => void } = {},
): () => void {
  const every = options.everyMs ?? 60 * 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(round, every * (0.75 + Math.random() * 0.5));
    timer.unref();
  };
  const round = () => {
    expireAuctionsOnce(database)
      .then((result) => {
        if (result.acquired && result.value.expired > 0) options.onExpired?.(result.value);
      })
      .catch((error: unknown) => options.onError?.(error))
      .finally(schedule);
  };
  schedule();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
