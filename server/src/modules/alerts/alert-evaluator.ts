import type { Database } from '../../db/client.js';
import { INDEX_OF, loadIndexDocuments } from '../../indexing/index-documents.js';
import type { IndexedAggregate } from '../../outbox/outbox.repository.js';
import type { IndexDocument } from '../../search/documents.js';
import { createAlertMatcher, type AlertIndex, type AlertMatcherOptions } from './alert-matcher.js';
import {
  insertNotifications,
  loadSavedSearchEntries,
  savedSearchStamp,
  unreadPairs,
  type NotificationInsert,
} from './alerts.repository.js';

const ALERT_TYPES: ReadonlySet<IndexedAggregate> = new Set(['asset', 'profile', 'need', 'opportunity']);

/**
 * Saved-search alerts, driven by the change log (issue 16): told which records changed (the relay's
 * `alsoNotify`), it reads their current searchable state, finds the saved searches they are in
 * (alert-matcher.ts) and adds one notification per (search, record, version). A record that already has
 * an unread notification in a search adds no other one there until it is read: a desk editing a record
 * five times is one piece of news. Replays are harmless (the dedupe key), which is what the change log's
 * at-least-once delivery needs. Run by ONE reader for the deployment (alerts-runtime.ts).
 */
export function createAlertEvaluator(db: Database, options: AlertMatcherOptions = {}) {
  const clock = options.clock ?? (() => new Date());
  const matcher = createAlertMatcher({ ...options, clock });
  let stamp: string | undefined;

  /**
   * Reloads the saved searches when any was added, renamed, removed, or an owner changed — and each new
   * day, since a compiled asset search holds the freshness cut-off of the day it was compiled.
   */
  async function refresh() {
    const current = `${await savedSearchStamp(db)}:${clock().toISOString().slice(0, 10)}`;
    if (current === stamp) return;
    const entries = await loadSavedSearchEntries(db);
    matcher.clear();
    for (const entry of entries) matcher.put(entry);
    stamp = current;
  }

  /** The notification rows for records of one index (matches already confirmed). */
  async function notify(
    type: IndexedAggregate,
    docs: IndexDocument[],
    reasonFor: (doc: IndexDocument) => { reason: 'new' | 'changed' | 'deadline'; deadline?: string },
  ): Promise<number> {
    const index = INDEX_OF[type] as AlertIndex;
    const found = await matcher.matches(index, docs);
    if (found.length === 0) return 0;
    const collapsed = await unreadPairs(
      db,
      [...new Set(found.map((m) => m.entry.id))],
      [...new Set(found.map((m) => m.doc.id))],
    );
    const rows: NotificationInsert[] = [];
    for (const { entry, doc } of found) {
      const { reason, deadline } = reasonFor(doc);
      if (reason !== 'deadline' && collapsed.has(`${entry.id}:${doc.id}`)) continue;
      rows.push({
        userId: entry.userId,
        savedSearchId: entry.id,
        recordType: type,
        recordId: doc.id,
        recordVersion: doc.version,
        label: matcher.labelOf(index, doc).slice(0, 300),
        reason,
        deadline: deadline ?? null,
        dedupeKey:
          reason === 'deadline'
            ? `d:${entry.id}:${doc.id}:${deadline}`
            : `s:${entry.id}:${doc.id}:${doc.version}`,
      });
    }
    return insertNotifications(db, rows);
  }

  return {
    matcher,
    refresh,
    /** The relay's hook: records of a type changed (or were replayed). */
    async apply(type: IndexedAggregate, ids: string[]): Promise<void> {
      if (!ALERT_TYPES.has(type) || ids.length === 0) return;
      await refresh();
      if (matcher.size() === 0) return;
      const loaded = await loadIndexDocuments(db, type, ids);
      const docs = [...loaded.values()].filter((d): d is IndexDocument => d !== null);
      if (docs.length === 0) return;
      await notify(type, docs, (doc) => ({ reason: doc.version <= 1 ? 'new' : 'changed' }));
    },
    /** Deadline notifications for records (deadline-alerts.ts): one per (search, record, deadline date). */
    async applyDeadlines(type: 'asset' | 'opportunity', docs: IndexDocument[]): Promise<number> {
      await refresh();
      if (matcher.size() === 0 || docs.length === 0) return 0;
      return notify(type, docs, (doc) => {
        const record = doc as unknown as { availableUntil?: string; deadline?: string };
        return {
          reason: 'deadline',
          deadline: (type === 'asset' ? record.availableUntil : record.deadline)!.slice(0, 10),
        };
      });
    },
  };
}
export type AlertEvaluator = ReturnType<typeof createAlertEvaluator>;
