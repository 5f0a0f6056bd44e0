import type { DatabaseHandle } from './db/client.js';
import type { OutboxRelay } from './indexing/outbox-relay.js';
import type { SearchPort } from './search/search.port.js';

/** Everything the app needs from outside, chosen by the composition root (server.ts or the test helper). */
export interface Deps {
  database: DatabaseHandle;
  search: SearchPort;
  /** Present when this process relays the outbox to the index; writes wake it. */
  relay?: OutboxRelay;
  uiDir: string | undefined;
  mapTilesUrl: string | undefined;
  demo: boolean;
  /** Accept the demo role headers (development, tests, embedded demo) until accounts land. */
  trustDemoHeaders: boolean;
}
