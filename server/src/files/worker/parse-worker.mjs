/**
 * Entry point of the file-parsing worker thread (file-parser.ts starts it). Plain JavaScript on purpose:
 * the server runs its TypeScript through tsx (`tsx src/server.ts` in production and development, vitest in
 * tests), and Node 20 does not pass tsx's module hooks on to worker threads, so the worker registers tsx
 * itself before loading the TypeScript module. This works the same under all three.
 */
import { register } from 'tsx/esm/api';

register();
await import('./parse.worker.ts');
