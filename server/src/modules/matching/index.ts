/** The matching module's public surface for other modules. */
export { redactRunsAbout, type LoggedComponent, type RunRecord } from './match-log.repository.js';
export type { MatchFeed } from './index/match-index.feed.js';
