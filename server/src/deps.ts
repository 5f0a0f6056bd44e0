import type { DatabaseHandle } from './db/client.js';

/** Everything the app needs from outside, chosen by the composition root (server.ts or the test helper). */
export interface Deps {
  database: DatabaseHandle;
  uiDir: string | undefined;
  mapTilesUrl: string | undefined;
  demo: boolean;
  /** Accept the demo role headers (development, tests, embedded demo) until accounts land. */
  trustDemoHeaders: boolean;
}
