/**
 * Sizing for several app processes on one PostgreSQL (ADR 0005): starts PROCESSES real servers
 * (`tsx src/server.ts`, embedded search engine) on DATABASE_URL one after the other, and reports for
 * each its start-up time (spawn → listening: migrations check, reference check, search index and match
 * index built from the tables) and its memory once serving (RSS, and the V8 heap the server logs).
 *
 *   DATABASE_URL=postgres://…/db_with_data node --import tsx bench/multiproc/processes.bench.ts [--processes 2]
 *
 * Seed the database first, e.g. `npm run seed -- --profiles 100000 --assets 100000`.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SERVER_NODE_FLAGS } from '../../src/node-flags.js';

const { values } = parseArgs({ options: { processes: { type: 'string', default: '2' } } });
const PROCESSES = Number(values.processes);
const url = process.env.DATABASE_URL;
if (!url) throw new Error('set DATABASE_URL to a seeded PostgreSQL database');
const SERVER_DIR = path.resolve(import.meta.dirname, '../..');

const freePort = () =>
  new Promise<number>((ok, fail) => {
    const srv = createServer();
    srv.once('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => ok(port));
    });
  });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const rssMb = (pid: number) => {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string) => Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))![1]);
  return { rss: Math.round(kb('VmRSS') / 1024), peak: Math.round(kb('VmHWM') / 1024) };
};

const children: ChildProcess[] = [];
process.on('exit', () => children.forEach((c) => c.kill('SIGKILL')));

async function start(n: number) {
  const port = await freePort();
  const started = Date.now();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', 'src/server.ts'], {
    cwd: SERVER_DIR,
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO_DATA: 'never',
      LOG_LEVEL: 'info',
      UI_DIR: path.join(SERVER_DIR, 'no-ui'),
      SESSION_SECRET: 'bench-session-secret-0123456789abcdef',
      LEDGER_KEY: 'bench-ledger-key-0123456789abcdef0123',
      RATE_LIMIT_PER_MINUTE: '100000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
  while (!out.includes('Rilancio is running')) {
    if (child.exitCode !== null) throw new Error(`process ${n} exited:\n${out}`);
    await sleep(100);
  }
  const ms = Date.now() - started;
  await sleep(2000); // let start-up garbage be collected
  const line = (msg: string) => out.split('\n').find((l) => l.includes(`"msg":"${msg}"`));
  const field = (msg: string, key: string) => line(msg)?.match(new RegExp(`"${key}":(\\d+)`))?.[1];
  return {
    n,
    port,
    child,
    ms,
    memory: rssMb(child.pid!),
    searchMs: field('search index built', 'ms'),
    matchMs: field('match index built', 'ms'),
    dbMs: field('database ready', 'ms'),
  };
}

const rows = [];
for (let n = 0; n < PROCESSES; n++) {
  const s = await start(n);
  rows.push(s);
  console.log(
    `process ${n}: start-up ${s.ms} ms (database ${s.dbMs} ms, search index ${s.searchMs} ms, match index ${s.matchMs} ms); ` +
      `RSS ${s.memory.rss} MB (peak ${s.memory.peak} MB)`,
  );
}
for (const s of rows) s.child.kill('SIGTERM');
await sleep(3000);
