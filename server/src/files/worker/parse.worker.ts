import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import type { ConvertedRow } from '../convert.js';
import { detectFileType, type DetectedFile } from '../detect.js';
import type { HeaderOverride } from '../headers.js';
import { prepareTable, scanRows, type FileReading, type PreparedTable } from '../prepared-table.js';
import { toWire, type ParseAnswer, type ParseRequest, type RowsAnswer } from './protocol.js';

/**
 * The file-parsing thread (finding 17: a 34 MB upload held the event loop for 8 s). Everything that is
 * proportional to the file runs here: hashing, decoding, unzipping, XML and CSV parsing, and converting
 * every row. The server thread only hands the file over (the path of an upload on disk, or bytes) and
 * receives converted rows, one batch at a time.
 *
 * Several uploads share this thread; each is a session holding its file until the server closes it.
 * `prepare` sniffs and decodes the bytes once, and the session keeps that instead of them: a CSV's
 * text, without the 28 MB of bytes a 28 MB CSV held beside it for the whole import (an XLSX's archive
 * reads from the bytes, so it keeps them). A reading pass (scan, or rows) opens the table afresh from
 * it, except that the table opened to check the file is handed to the first pass instead of being
 * thrown away.
 */
interface Session {
  /** Until `prepare` detects the file. */
  bytes?: Uint8Array;
  detected?: { fileName: string; file: DetectedFile };
  reading?: FileReading;
  /** Opened by `prepare` and not read yet. */
  unread?: PreparedTable;
  stream?: { prepared: PreparedTable; done: boolean };
  /** The next batch of rows, converted while the server was busy with the previous one. */
  ahead?: { answer?: RowsAnswer; error?: unknown };
}

const port = parentPort;
if (!port) throw new Error('parse.worker.ts runs as a worker thread (see file-parser.ts)');

const sessions = new Map<number, Session>();
let lastSession = 0;

function session(id: number): Session {
  const s = sessions.get(id);
  if (!s) throw new Error(`no such file session ${id} (closed, or the parser restarted)`);
  return s;
}

function open(s: Session): PreparedTable {
  if (!s.reading) throw new Error('prepare the file before reading it');
  const unread = s.unread;
  s.unread = undefined;
  return unread ?? prepareTable(detected(s, s.reading.fileName), s.reading);
}

/** The file as sniffed and decoded under its name; the bytes are let go once that is done. */
function detected(s: Session, fileName: string): DetectedFile {
  if (s.detected?.fileName === fileName) return s.detected.file;
  if (!s.bytes) throw new Error('this file was read under another name: load it again');
  const file = detectFileType(s.bytes, fileName);
  s.detected = { fileName, file };
  s.bytes = undefined;
  return file;
}

function take(s: Session, max: number): RowsAnswer {
  if (!s.stream) s.stream = { prepared: open(s), done: false };
  const rows: ConvertedRow[] = [];
  const { prepared } = s.stream;
  while (!s.stream.done && rows.length < max) {
    const next = prepared.table.rows.next();
    if (next.done) s.stream.done = true;
    else rows.push(prepared.convert(next.value));
  }
  return { rows, done: s.stream.done };
}

function handle(request: ParseRequest): unknown {
  switch (request.op) {
    case 'load': {
      const bytes = 'path' in request ? readFileSync(request.path) : request.bytes;
      const id = ++lastSession;
      sessions.set(id, { bytes });
      return { session: id, sha256: createHash('sha256').update(bytes).digest('hex') };
    }
    case 'prepare': {
      const s = session(request.session);
      // Entries onto a null prototype: a "__proto__" header stays a header like any other.
      const mapping = Object.create(null) as Record<string, string | null>;
      for (const [header, field] of request.mapping) mapping[header] = field;
      s.reading = {
        fileName: request.fileName,
        entity: request.entity,
        sheet: request.sheet,
        mapping: mapping as HeaderOverride,
      };
      s.stream = undefined;
      s.ahead = undefined;
      s.unread = undefined; // a table opened under the last reading must not outlive a failed one
      s.unread = prepareTable(detected(s, request.fileName), s.reading);
      const { match, convertOptions, table } = s.unread;
      return { format: table.format, match, convertOptions };
    }
    case 'scan':
      return scanRows(open(session(request.session)), request.maxProblems);
    case 'rows': {
      const s = session(request.session);
      const ahead = s.ahead;
      s.ahead = undefined;
      if (ahead?.error !== undefined) throw ahead.error;
      return ahead?.answer ?? take(s, request.max);
    }
    case 'close':
      sessions.delete(request.session);
      return null;
  }
}

/** Converts the next batch while the server writes this one, so it never waits for the parser. */
function prefetch(id: number, max: number) {
  setImmediate(() => {
    const s = sessions.get(id);
    if (!s?.stream || s.stream.done || s.ahead) return;
    try {
      s.ahead = { answer: take(s, max) };
    } catch (error) {
      s.ahead = { error };
    }
  });
}

port.on('message', ({ id, request }: { id: number; request: ParseRequest }) => {
  let answer: ParseAnswer;
  try {
    answer = { id, ok: true, value: handle(request) };
  } catch (error) {
    answer = { id, ok: false, error: toWire(error) };
  }
  try {
    port.postMessage(answer);
  } catch (error) {
    // A value that cannot be cloned is a bug here, not in the file: say so instead of going silent.
    port.postMessage({ id, ok: false, error: toWire(error) } satisfies ParseAnswer);
  }
  if (request.op === 'rows' && answer.ok && !(answer.value as RowsAnswer).done)
    prefetch(request.session, request.max);
});
