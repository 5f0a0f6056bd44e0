import type { Worker } from 'node:worker_threads';
import { startWorker } from '../../lib/worker-heap.js';
import type { ConvertedRow } from '../convert.js';
import type { FileReading, RowScan } from '../prepared-table.js';
import {
  fromWire,
  type LoadAnswer,
  type ParseAnswer,
  type ParseRequest,
  type PrepareAnswer,
  type RowsAnswer,
} from './protocol.js';

const WORKER_ENTRY = new URL('./parse-worker.mjs', import.meta.url);

/** An upload held by the parsing thread, read there, and handed back as converted rows. */
export interface LoadedFile {
  readonly sha256: string;
  /** Opens the table and matches its header; throws the FileError the readers throw, unchanged. */
  prepare(reading: FileReading): Promise<PrepareAnswer>;
  /** A full pass: rows, rows with problems, the first `maxProblems` problems. */
  scan(maxProblems: number): Promise<RowScan>;
  /** Another full pass, `max` converted rows at a time. */
  rows(max: number): AsyncGenerator<ConvertedRow[]>;
  /** Frees the file in the parsing thread. Never throws. */
  close(): Promise<void>;
}

export interface FileParser {
  /** Bytes are copied to the parsing thread; a file on disk is read there. */
  load(source: Uint8Array | { path: string }): Promise<LoadedFile>;
  /** Stops the thread (app shutdown, end of a CLI run); a later `load` starts another. */
  close(): Promise<void>;
}

export interface FileParserOptions {
  /** The thread stops after this long with no file loaded (it costs memory and half a second to start). */
  idleMs?: number;
}

/**
 * Keeps file parsing off the event loop (finding 17). One worker thread, started on the first upload and
 * stopped when idle, parses every upload of this process: a slow file delays other uploads, never the
 * requests the server is answering. If the thread dies (a bug, or memory), the files it held fail with
 * an error and the next upload starts a new thread.
 */
export function createFileParser(options: FileParserOptions = {}): FileParser {
  const idleMs = options.idleMs ?? 30_000;
  let worker: Worker | undefined;
  /** Bumped per thread: a session of a dead thread must not be asked for in its successor. */
  let generation = 0;
  let lastRequest = 0;
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let openFiles = 0;
  let idleTimer: NodeJS.Timeout | undefined;

  function failAll(error: Error) {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  }

  function start(): Worker {
    // No inherited flags: the entry registers tsx itself, and a parent's preloads (a benchmark's
    // `--import ./x.ts`) would fail in a thread that has no TypeScript loader yet.
    const w = startWorker(WORKER_ENTRY, {
      name: 'rilancio-file-parser',
      execArgv: [],
      // A young generation of 8 MB, not the 128 MB of the server's flag (startWorker) nor V8's default:
      // parsing's garbage is short-lived, and the thread's share of a 100,000-row import's peak RSS falls
      // at the same speed. (On Node 20, tsx's module-hooks thread that the entry starts is made after
      // this one is online, so it gets the server's flag; it allocates little.)
      resourceLimits: { maxYoungGenerationSizeMb: 8 },
    });
    generation++;
    w.on('message', (answer: ParseAnswer) => {
      const p = pending.get(answer.id);
      if (!p) return;
      pending.delete(answer.id);
      if (pending.size === 0) w.unref();
      if (answer.ok) p.resolve(answer.value);
      else p.reject(fromWire(answer.error));
    });
    w.on('error', (error) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`the file parser stopped: ${error.message}`, { cause: error }));
    });
    w.on('exit', (code) => {
      if (worker === w) worker = undefined;
      failAll(new Error(`the file parser stopped (exit code ${code})`));
    });
    // Only a request in flight keeps the process alive, never an idle parser.
    w.unref();
    return w;
  }

  function call<T>(request: ParseRequest, transfer: ArrayBuffer[] = []): Promise<T> {
    clearTimeout(idleTimer);
    worker ??= start();
    const w = worker;
    const id = ++lastRequest;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      w.ref();
      w.postMessage({ id, request }, transfer);
    });
  }

  function released() {
    openFiles--;
    if (openFiles > 0) return;
    clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      if (openFiles === 0 && pending.size === 0) void worker?.terminate();
    }, idleMs).unref();
  }

  return {
    async load(source) {
      openFiles++;
      let loaded: LoadAnswer;
      try {
        if (source instanceof Uint8Array) {
          // A copy handed over (transferred, not cloned again): the caller keeps its buffer.
          const copy = new Uint8Array(source);
          loaded = await call<LoadAnswer>({ op: 'load', bytes: copy }, [copy.buffer as ArrayBuffer]);
        } else loaded = await call<LoadAnswer>({ op: 'load', path: source.path });
      } catch (error) {
        released();
        throw error;
      }
      const born = generation;
      const { session } = loaded;
      let closed = false;
      const ask = <T>(request: ParseRequest): Promise<T> => {
        if (closed) return Promise.reject(new Error('this file was closed'));
        if (born !== generation)
          return Promise.reject(new Error('the file parser restarted; upload the file again'));
        return call<T>(request);
      };
      return {
        sha256: loaded.sha256,
        prepare: (reading) =>
          ask<PrepareAnswer>({
            op: 'prepare',
            session,
            fileName: reading.fileName,
            entity: reading.entity,
            sheet: reading.sheet,
            mapping: Object.entries(reading.mapping ?? {}),
          }),
        scan: (maxProblems) => ask<RowScan>({ op: 'scan', session, maxProblems }),
        async *rows(max) {
          for (;;) {
            const answer = await ask<RowsAnswer>({ op: 'rows', session, max });
            if (answer.rows.length > 0) yield answer.rows.map(nullPrototypeRecord);
            if (answer.done) return;
          }
        },
        async close() {
          if (closed) return;
          closed = true;
          try {
            if (born === generation && worker) await call({ op: 'close', session });
          } catch {
            // The thread is gone, and the bytes with it.
          } finally {
            released();
          }
        },
      };
    },
    async close() {
      clearTimeout(idleTimer);
      const w = worker;
      worker = undefined;
      if (w) await w.terminate();
    },
  };
}

/**
 * Records cross the thread boundary as plain objects: back onto a null prototype, as the converter made
 * them. In place: a copy per row lived as long as its batch, and most of them reached the old generation.
 */
function nullPrototypeRecord(row: ConvertedRow): ConvertedRow {
  Object.setPrototypeOf(row.record, null);
  return row;
}
