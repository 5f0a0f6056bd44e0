/**
 * The Node flags the server runs with: `npm start` (and so the container) and the benchmarks that start
 * it as its own process, so that what is measured is what runs. `package.json`'s start script spells
 * them out (JSON cannot import this), and a test keeps the two the same.
 *
 * A young generation of 64 MB a half, against V8's 16 MB. A need run over a million profiles allocates
 * more than that, and V8 collected it five times per run, taking what was still in use into the old
 * generation, where the match index lives. That memory is freed only by a full collection. Over HTTP,
 * at 1,000,000 profiles, same code, five runs (issue 10; docs/benchmarks.md, session 21): server CPU per
 * need run 143–144 → 102–124 ms (collection on the request thread 36 → 3 ms), team runs 4.4–4.6 →
 * 3.2–3.6 s of CPU, resident memory at rest 2.5–3.1 → 1.85–1.97 GB. An import's peak memory grows by
 * about 90 MB (20,000 profiles on PostgreSQL: 450 → 537–558 MiB).
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64'] as const;
