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
 * about 90 MB (20,000 profiles on PostgreSQL: 450 → 537–558 MiB). Worker threads get the young
 * generation they ask for all the same (lib/worker-heap.ts).
 *
 * An old generation allowed to grow to about twice what a full collection found alive (V8 adds the young
 * generation's size and a minimum step), against the up to four times V8 picks when collecting is cheap
 * next to the program; this holds for every thread, and Node refuses the flag in NODE_OPTIONS. An import
 * holds each batch across a few round trips to the database, so about 30 MB a second of its objects
 * outlive two young collections and die in the old generation: with 36–40 MiB alive it filled to about
 * 150 MiB between full collections. At 100,000 profiles into PostgreSQL (issue 10, item 6;
 * docs/benchmarks.md, session 28) the peak RSS fell from 538–551 to 458–466 MiB at the same speed, with
 * 39 full collections instead of 18 (307 ms of pauses instead of 129). At 1,000,000 profiles over HTTP
 * nothing got worse: need p95 88 → 71 ms, team runs 3.1 → 3.2 s of CPU, resident memory at rest
 * 1,921 → 1,810 MB.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=64', '--heap-growing-percent=100'] as const;
