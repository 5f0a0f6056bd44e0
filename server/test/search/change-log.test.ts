import { randomUUID } from 'node:crypto';
import { count, sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database, type DatabaseHandle } from '../../src/db/client.js';
import { outbox } from '../../src/db/schema.js';
import { queryRows } from '../../src/db/raw.js';
import {
  askProcessesToCheck,
  changeLogBacklog,
  comparePositions,
  pinLog,
  placeReader,
  pruneChangeLog,
  readChanges,
} from '../../src/indexing/change-log.js';
import {
  createOutboxRelay,
  SHARED_SEARCH_READER,
  type OutboxRelay,
} from '../../src/indexing/outbox-relay.js';
import { createSearchLeader } from '../../src/indexing/search-leader.js';
import { enqueueIndexing } from '../../src/outbox/outbox.repository.js';
import { createTestDatabase, type TestDatabase } from '../helpers/database.js';

/**
 * The change log by position (ADR 0005): what a reader sees when transactions commit out of order, how
 * pruning waits for live readers and what a reader left behind does, and (PostgreSQL) the one leader that
 * feeds a shared index.
 */
let t: TestDatabase;
let db: Database;
const onPostgres = Boolean(process.env.DATABASE_URL);

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.handle.db;
});
afterAll(() => t?.destroy());

const relays: OutboxRelay[] = [];
// A test's readers stop heartbeating when it ends: taken for dead by the next test's pruning.
afterEach(async () => {
  for (const r of relays.splice(0)) await r.stop();
});

/** A reader that only records which ids it was told about (no search engine). */
function recordingReader(options: { onBehind?: () => Promise<void> } = {}) {
  const seen: string[] = [];
  const relay = createOutboxRelay(db, null, {
    alsoNotify: async (_type, ids) => {
      seen.push(...ids);
    },
    ...options,
  });
  relays.push(relay);
  return { relay, seen };
}

/** Every other reader of this file's earlier tests is taken for dead (its heartbeat is an hour old). */
const onlyTheseAlive = (names: string[]) =>
  db.execute(
    sql`update change_log_readers set heartbeat_at = now() - interval '1 hour'
        where kind <> 'shared' and not (name like any(string_to_array(${names.join(',')}, ',')))`,
  );

const write = (id: string) => db.transaction((tx) => enqueueIndexing(tx, 'asset', id, 1));
/**
 * Readers pass a row only once no older transaction anywhere on the cluster is open (ADR 0005). On
 * PostgreSQL the other test files' databases share the cluster: wait, as a reader would, until every
 * row written so far is behind the horizon (at once on PGlite).
 */
const horizonPassed = async () => {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [row] = await queryRows<{ passed: boolean }>(
      db,
      sql`select coalesce(pg_snapshot_xmin(pg_current_snapshot()) >
                 (select txid from outbox order by txid desc limit 1), true) as passed`,
    );
    if (row?.passed) return;
    if (Date.now() > deadline) throw new Error('the horizon did not pass the change log within 60 s');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};
const idOf = async (aggregateId: string) =>
  (
    await queryRows<{ id: string | number }>(
      db,
      sql`select id from outbox where aggregate_id = ${aggregateId}`,
    )
  ).map((r) => Number(r.id))[0]!;

describe.skipIf(!onPostgres)('two transactions committing out of order (PostgreSQL)', () => {
  it('applies the later one at once but never moves past the earlier one until it commits', async () => {
    const { relay, seen } = recordingReader();
    await relay.register();
    const early = randomUUID();
    const late = randomUUID();
    let commitFirst!: () => void;
    let inserted!: () => void;
    const wasInserted = new Promise<void>((resolve) => (inserted = resolve));
    // T1 takes the smaller id and stays open...
    const first = db.transaction(async (tx) => {
      await enqueueIndexing(tx, 'asset', early, 1);
      inserted();
      await new Promise<void>((resolve) => (commitFirst = resolve));
    });
    await wasInserted;
    // ...while T2 takes a larger id and commits.
    try {
      await write(late);
      await relay.drain();
      expect(seen).toContain(late);
      expect(seen).not.toContain(early);
      // The classic pitfall: a reader keeping "the highest id seen" would now stand past T1's row (T1's id is
      // smaller than T2's) and never read it. This reader's position stays below T1's transaction.
      const [t1] = await queryRows<{ txid: string }>(
        db,
        sql`select pg_snapshot_xmin(pg_current_snapshot())::text as txid`,
      );
      expect(relay.position().txid).toBeLessThanOrEqual(BigInt(t1!.txid));
    } finally {
      commitFirst();
      await first;
    }
    expect(await idOf(early)).toBeLessThan(await idOf(late));
    // Passing both rows also waits for the other test files' transactions on the cluster.
    await horizonPassed();
    await relay.drain();
    expect(seen).toContain(early);
    // Each told once: the early-applied transaction is passed over, not replayed.
    expect(seen.filter((id) => id === late)).toHaveLength(1);
    expect(seen.filter((id) => id === early)).toHaveLength(1);
    expect((await readChanges(db, relay.position(), 100)).rows).toEqual([]);
  });

  it('loses nothing with many writers interleaving (every id told, the log read to its end)', async () => {
    // Placed past the earlier tests' rows: a reader is placed at the horizon, which other databases'
    // transactions on the cluster may hold back for a while.
    await horizonPassed();
    const { relay, seen } = recordingReader();
    await relay.register();
    const ids = Array.from({ length: 200 }, () => randomUUID());
    let reading = true;
    const reader = (async () => {
      while (reading) {
        await relay.drainOnce();
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    // 8 writers, each holding its transaction open a random while after taking its id.
    await Promise.all(
      Array.from({ length: 8 }, async (_, w) => {
        for (let i = w; i < ids.length; i += 8)
          await db.transaction(async (tx) => {
            await enqueueIndexing(tx, 'asset', ids[i]!, 1);
            await new Promise((resolve) => setTimeout(resolve, Math.random() * 20));
          });
      }),
    );
    reading = false;
    await reader;
    await horizonPassed();
    await relay.drain();
    expect(new Set(seen)).toEqual(new Set(ids));
  });
});

describe('pruning', () => {
  it('waits for every live reader, forgets dead ones, and sends a reader it passed back to the tables', async () => {
    const fast = recordingReader();
    let rebuilt = 0;
    const slow = recordingReader({ onBehind: async () => void rebuilt++ });
    await fast.relay.register();
    await slow.relay.register();
    await onlyTheseAlive([fast.relay.name, slow.relay.name]);
    const before = randomUUID();
    await write(before);
    await horizonPassed();
    await slow.relay.drain();
    await fast.relay.drain();
    for (let i = 0; i < 5; i++) await write(randomUUID());
    await horizonPassed();
    await fast.relay.drain();
    // The slow reader is alive (fresh heartbeat) and stands before the 5 rows: they stay.
    await pruneChangeLog(db);
    expect((await readChanges(db, slow.relay.position(), 100)).rows).toHaveLength(5);
    // Now it is taken for dead (it stopped heartbeating): the rows go, and it learns it was passed.
    await slow.relay.stop();
    await db.execute(
      sql`update change_log_readers set heartbeat_at = now() - interval '1 hour' where name = ${slow.relay.name}`,
    );
    const report = await pruneChangeLog(db);
    expect(report.deleted).toBeGreaterThanOrEqual(5);
    expect(await changeLogBacklog(db)).toMatchObject({ pending: 0 });
    await slow.relay.drain();
    expect(rebuilt).toBe(1);
    // Back at the horizon: it reads what comes next, from there.
    const after = randomUUID();
    await write(after);
    await horizonPassed();
    await slow.relay.drain();
    expect(slow.seen).toContain(after);
    expect(comparePositions(slow.relay.position(), fast.relay.position())).toBeGreaterThanOrEqual(0);
  });

  it('replays, after a rebuild, what was written while it ran', async () => {
    const { relay, seen } = recordingReader();
    await relay.register();
    const during = randomUUID();
    await relay.rebuilding(async () => {
      await write(during);
      await relay.drain();
    });
    expect(seen.filter((id) => id === during)).toHaveLength(1);
    // The shadow index may have been filled before `during` was written: it comes again.
    await relay.drain();
    expect(seen.filter((id) => id === during)).toHaveLength(2);
  });

  it('holds the log at a pin (a rebuild in another process) until it is released', async () => {
    const { relay } = recordingReader();
    await relay.register();
    const pin = await pinLog(db);
    const held = randomUUID();
    await write(held);
    await relay.drain();
    await onlyTheseAlive([relay.name, `pin:%`]);
    await pruneChangeLog(db);
    expect((await readChanges(db, pin.position, 10_000)).rows.map((r) => r.aggregateId)).toContain(held);
    await pin.release();
    await horizonPassed();
    await relay.drain();
    await pruneChangeLog(db);
    expect((await readChanges(db, pin.position, 10_000)).rows.map((r) => r.aggregateId)).not.toContain(held);
  });

  it('keeps the rows of the shared reader (Meilisearch) while it has a leader', async () => {
    const shared = createOutboxRelay(db, null, {
      reader: { name: `test-shared-${randomUUID()}`, kind: 'shared' },
    });
    await shared.drain();
    const held = randomUUID();
    await write(held);
    await pruneChangeLog(db);
    expect((await readChanges(db, shared.position(), 10_000)).rows.map((r) => r.aggregateId)).toContain(held);
    await shared.drain();
    await db.execute(sql`delete from change_log_readers where kind = 'shared'`);
  });
});

describe.skipIf(!onPostgres)('the search leader (PostgreSQL)', () => {
  it('feeds the shared index from one process; another takes over when it dies, losing nothing', async () => {
    // Two "processes": two handles on one database, one shared engine (what Meilisearch is to them).
    const url = new URL(process.env.DATABASE_URL!);
    const name = (await queryRows<{ d: string }>(db, sql`select current_database() as d`))[0]!.d;
    url.pathname = `/${name}`;
    // The shared reader starts here (on a deployment's first start with Meilisearch it starts at the
    // beginning of the log, and rebuilds from the tables if that was pruned).
    await placeReader(db, SHARED_SEARCH_READER, 'shared');
    const handles: DatabaseHandle[] = [];
    const pushedBy = new Map<number, string[]>();
    const leaders = [0, 1].map(async (n) => {
      const handle = await openDatabase({ kind: 'postgres', url: url.toString() });
      handles[n] = handle;
      pushedBy.set(n, []);
      const relay = createOutboxRelay(handle.db, null, {
        reader: { name: SHARED_SEARCH_READER, kind: 'shared' },
        pollMs: 50,
        alsoNotify: async (_type, ids) => {
          pushedBy.get(n)!.push(...ids);
        },
      });
      const leader = createSearchLeader(handle, relay, { retryMs: 200, checkEveryMs: 200 });
      await leader.start();
      return leader;
    });
    const [a, b] = await Promise.all(leaders);
    expect([a!.isLeader(), b!.isLeader()].filter(Boolean)).toHaveLength(1);
    const [first, second] = a!.isLeader() ? [0, 1] : [1, 0];
    const ids = Array.from({ length: 40 }, () => randomUUID());
    for (const id of ids.slice(0, 20)) await write(id);
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 200 && !done(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(done()).toBe(true);
    };
    await until(() => ids.slice(0, 20).every((id) => pushedBy.get(first)!.includes(id)));
    expect(pushedBy.get(second)).toEqual([]);
    // The leader's sessions end (as when its process is killed): PostgreSQL releases the lock.
    await handles[first]!.close();
    for (const id of ids.slice(20)) await write(id);
    await until(() => ids.slice(20).every((id) => pushedBy.get(second)!.includes(id)));
    const all = new Set([...pushedBy.get(0)!, ...pushedBy.get(1)!]);
    expect(ids.every((id) => all.has(id))).toBe(true);
    await a!.stop();
    await b!.stop();
    await handles[second]!.close();
  });
});

it('counts the log rows a live reader has not passed as pending', async () => {
  const { relay } = recordingReader();
  await relay.register();
  const [{ n }] = (await db.select({ n: count() }).from(outbox)) as [{ n: number }];
  expect(n).toBeGreaterThan(0);
  await write(randomUUID());
  expect((await changeLogBacklog(db)).pending).toBeGreaterThanOrEqual(1);
  await horizonPassed();
  await relay.drain();
  await db.execute(sql`delete from change_log_readers where name <> ${relay.name}`);
  expect((await changeLogBacklog(db)).pending).toBe(0);
});

it('answers a check request from `npm run reindex -- --reconcile` at its next heartbeat', async () => {
  const relay = createOutboxRelay(db, null, {
    heartbeatMs: 100,
    pollMs: 50,
    onCheck: async () => ({ drift: 0, checked: 'here' }),
  });
  await relay.register();
  relay.start();
  try {
    await db.execute(
      sql`update change_log_readers set heartbeat_at = now() - interval '1 hour' where name <> ${relay.name}`,
    );
    const { answered, silent, gone } = await askProcessesToCheck(db, { timeoutMs: 10_000, pollMs: 50 });
    expect(silent).toEqual([]);
    expect(gone).toEqual([]);
    expect(answered).toEqual([
      expect.objectContaining({ reader: relay.name, report: { drift: 0, checked: 'here' } }),
    ]);
  } finally {
    await relay.stop({ forget: true });
  }
});

it('heartbeats from the moment it is placed, while the process still builds its indexes', async () => {
  const relay = createOutboxRelay(db, null, { heartbeatMs: 100 });
  relays.push(relay);
  await relay.register();
  const beatAt = async () =>
    (
      await queryRows<{ at: string }>(
        db,
        sql`select heartbeat_at::text as at from change_log_readers where name = ${relay.name}`,
      )
    )[0]!.at;
  const first = await beatAt();
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(await beatAt()).not.toBe(first);
  await relay.stop();
});
