/**
 * OpenAPI-driven fuzz run (`npm run fuzz`): starts the real server on 127.0.0.1 with demo data on a
 * fresh PGlite, signs in as every role, and sends generated requests to every route of the committed
 * OpenAPI document — well-formed ones and hostile ones (wrong types, NUL and control bytes, huge and
 * negative numbers, unknown fields, bad ids). It fails on:
 *   - any 5xx answer;
 *   - a batch of refused (4xx) writes that changed a business table (checksums before and after);
 *   - a server log holding SQL text or parameters, an argon2 hash or a person's e-mail address.
 * Why in-process: the write check reads the database directly, and PGlite allows one process only.
 * Seeded (FUZZ_SEED) so a failure can be replayed; FUZZ_REQUESTS sets the size (default 10,000).
 */
import { createWriteStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { loadConfig } from '../src/config.js';
import { startServer } from '../src/server.js';
import { freePort } from '../test/helpers/processes.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const TOTAL = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const CONCURRENCY = 4;
const PASSWORD = 'rilancio-demo';
const ROLES = ['admin', 'operator', 'marketing', 'company', 'partner', 'anonymous'] as const;
type Role = (typeof ROLES)[number];

/** Tables the API writes. Left out: sessions (last_seen_at moves on every request), usage_counters and
 * audit_log (a refused request is counted and logged on purpose), outbox (the relay works it off in the
 * background; every domain write also changes a checksummed table), and the static reference data. */
const CHECKED_TABLES = [
  'desks',
  'users',
  'firms',
  'crisis_cases',
  'profiles',
  'profile_occupations',
  'profile_skills',
  'profile_languages',
  'assets',
  'needs',
  'need_skills',
  'need_languages',
  'opportunities',
  'opportunity_roles',
  'opportunity_assets',
  'match_decisions',
  'match_outcomes',
  'import_jobs',
  'api_keys',
  'consents',
  'settings',
  'erasure_ledger',
  'password_reset_tokens',
];

// ------------------------------------------------------------------ OpenAPI
type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  jsonBody?: Schema;
  multipart: boolean;
}

function operationsOf(spec: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  const ops: Operation[] = [];
  for (const [p, item] of Object.entries(spec.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as {
        parameters?: Parameter[];
        requestBody?: { content?: Record<string, { schema?: Schema }> };
      };
      const content = op.requestBody?.content ?? {};
      ops.push({
        method: method.toUpperCase(),
        path: p,
        parameters: op.parameters ?? [],
        jsonBody: content['application/json']?.schema,
        multipart: 'multipart/form-data' in content || p.endsWith('/imports'),
      });
    }
  }
  return ops;
}

// ------------------------------------------------------------------ generators
const HOSTILE_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\u0001\u0002\u001f',
  'bell\u0007',
  'esc\u001b[31m',
  '\u000b\u000c',
  'x'.repeat(10_000),
  '',
  ' ',
  '\ud800',
  '\u202e\u202d',
  '\ufeffbom',
  "' or 1=1 --",
  '"; drop table x; --',
  '<script>alert(1)</script>',
  '../../../etc/passwd',
  '%00',
  '${jndi:x}',
  '{{7*7}}',
  '9999-99-99',
  '0000-01-01',
  '10000-01-01',
  'NaN',
  'Infinity',
  '-1',
  '1e309',
  '0x10',
  '00000000-0000-0000-0000-000000000000',
  'not-a-uuid',
  'P-\u0000',
  '__proto__',
  'constructor',
  'a,b,,c',
  'location:asc',
  'field:sideways',
];
const HOSTILE_VALUES: unknown[] = [
  ...HOSTILE_STRINGS,
  -1,
  0,
  -0.5,
  1.5,
  -1e308,
  1e308,
  2 ** 53 + 1,
  -(2 ** 31),
  2 ** 31,
  99_999_999_999,
  true,
  false,
  null,
  [],
  {},
  [[[[]]]],
  { __proto__: { polluted: 1 } },
  ['\u0000'],
  [{}],
  { a: '\u0000' },
];
const HOSTILE_QUERY = [
  ...HOSTILE_STRINGS.filter((s) => s.length < 5000),
  '-1',
  '1e309',
  '-1e309',
  '99999999999999999999',
  '1.5',
  'true',
  '',
  'null',
  'undefined',
  '[]',
  '{}',
];

function resolve(schema: Schema, spec: { components?: { schemas?: Record<string, Schema> } }): Schema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) s = spec.components?.schemas?.[s.$ref.split('/').pop()!] ?? {};
  return s;
}

function makeGen(spec: { components?: { schemas?: Record<string, Schema> } }, pools: Pools) {
  const gen = (raw: Schema | undefined, depth = 0): fc.Arbitrary<unknown> => {
    if (!raw || depth > 6) return fc.constant('x');
    const s = resolve(raw, spec);
    if (s.const !== undefined) return fc.constant(s.const);
    if (s.enum) return fc.constantFrom(...s.enum);
    const alts = s.anyOf ?? s.oneOf;
    if (alts?.length) return fc.oneof(...alts.map((a) => gen(a, depth + 1)));
    if (s.allOf?.length) return gen(s.allOf[0], depth + 1);
    const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : ['string'];
    return fc.oneof(...types.map((t) => genType(t, s, depth)));
  };
  const genType = (type: string, s: Schema, depth: number): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
      case 'number': {
        const min = s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : -1000);
        const max = s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - 1 : 100_000);
        return fc.integer({ min: Math.ceil(Math.max(min, -1e9)), max: Math.floor(Math.min(max, 1e9)) });
      }
      case 'array':
        return fc.array(gen(s.items, depth + 1), {
          minLength: s.minItems ?? 0,
          maxLength: Math.min(s.maxItems ?? 3, Math.max(s.minItems ?? 0, 3)),
        });
      case 'object': {
        const props = Object.entries(s.properties ?? {});
        const required = new Set(s.required ?? []);
        return fc.record(Object.fromEntries(props.map(([k, v]) => [k, gen(v, depth + 1)])), {
          requiredKeys: props.map(([k]) => k).filter((k) => required.has(k)),
        });
      }
      default:
        return genString(s);
    }
  };
  const genString = (s: Schema): fc.Arbitrary<unknown> => {
    if (s.format === 'uuid') return fc.oneof(fc.constantFrom(...pools.ids), fc.uuid());
    if (s.format === 'date')
      return fc
        .date({ min: new Date('1950-01-01'), max: new Date('2040-01-01'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10));
    if (s.format === 'date-time') return fc.date({ noInvalidDate: true }).map((d) => d.toISOString());
    if (s.format === 'email') return fc.constantFrom('fuzz.person@example.org', 'x@y.io');
    if (s.pattern) {
      try {
        return fc.stringMatching(new RegExp(s.pattern)).filter((v) => v.length <= (s.maxLength ?? 500));
      } catch {
        /* an ECMAScript-incompatible pattern: plain strings below */
      }
    }
    return fc.string({
      minLength: s.minLength ?? 0,
      maxLength: Math.min(s.maxLength ?? 40, 40),
      unit: 'grapheme',
    });
  };
  return gen;
}

/** Replaces one value somewhere in `value` by a hostile one, or adds an unknown field. */
function mutate(value: unknown, rnd: () => number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(rnd() * list.length)]!;
  if (value === null || typeof value !== 'object' || rnd() < 0.1) return pick(HOSTILE_VALUES);
  if (Array.isArray(value)) {
    if (value.length === 0 || rnd() < 0.2) return [...value, pick(HOSTILE_VALUES)];
    const i = Math.floor(rnd() * value.length);
    return value.map((v, j) => (j === i ? mutate(v, rnd) : v));
  }
  const obj = { ...(value as Record<string, unknown>) };
  const keys = Object.keys(obj);
  if (keys.length === 0 || rnd() < 0.15) {
    obj[pick(['unknownField', 'id', 'deskId', 'role', 'version', '__proto__x', 'a\u0000'])] =
      pick(HOSTILE_VALUES);
    return obj;
  }
  const k = pick(keys);
  obj[k] = rnd() < 0.6 ? pick(HOSTILE_VALUES) : mutate(obj[k], rnd);
  return obj;
}

// ------------------------------------------------------------------ HTTP
interface Credentials {
  cookie?: string;
  csrf?: string;
  apiKey?: string;
}
interface Pools {
  ids: string[];
  codes: string[];
}
interface Sent {
  role: Role;
  method: string;
  url: string;
  body?: unknown;
  status: number;
  answer: string;
}

async function main() {
  const started = Date.now();
  const dir = mkdtempSync(path.join(tmpdir(), 'rilancio-fuzz-'));
  const logPath = path.join(dir, 'server.log');
  const logStream = createWriteStream(logPath);
  const port = await freePort();
  const config = loadConfig({
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    PORT: String(port),
    // FUZZ_DB_DIR: reuse a database prepared by an earlier run (the first start loads the reference data).
    DATA_DIR: process.env.FUZZ_DB_DIR ?? path.join(dir, 'db'),
    DEMO_DATA: 'always',
    UI_DIR: path.join(dir, 'no-ui'),
    LOG_LEVEL: 'info',
    RATE_LIMIT_FACTOR: '1000',
  });
  console.log(`fuzz: seed ${SEED}, ${TOTAL} requests, server on 127.0.0.1:${port}, log ${logPath}`);
  const server = await startServer(config, { logStream });
  console.log(`fuzz: server ready in ${Math.round((Date.now() - started) / 1000)} s`);
  const base = `http://127.0.0.1:${port}/api/v1`;
  const failures: string[] = [];
  const perRole: Record<string, { sent: number; s2xx: number; s4xx: number; s5xx: number }> = {};
  const personEmails = new Set<string>();

  const send = async (
    role: Role,
    creds: Credentials,
    method: string,
    url: string,
    body?: unknown,
    form?: FormData,
  ): Promise<Sent> => {
    const headers: Record<string, string> = {};
    if (creds.cookie) headers.cookie = creds.cookie;
    if (creds.csrf && method !== 'GET') headers['x-csrf-token'] = creds.csrf;
    if (creds.apiKey) headers['x-api-key'] = creds.apiKey;
    let payload: string | FormData | undefined;
    if (form) payload = form;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(base + url, { method, headers, body: payload });
    const answer = await res.text();
    return { role, method, url, body, status: res.status, answer };
  };

  // ---- sign in
  const creds: Record<Role, Credentials> = {} as Record<Role, Credentials>;
  for (const role of ['admin', 'operator', 'marketing', 'company'] as const) {
    const res = await fetch(`${base}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: `${role}@demo.rilancio.eu`, password: PASSWORD }),
    });
    if (res.status !== 200) throw new Error(`sign-in as ${role}: ${res.status}`);
    const cookie = res.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    creds[role] = { cookie, csrf: ((await res.json()) as { csrfToken: string }).csrfToken };
  }
  creds.anonymous = {};
  const spec = (await (await fetch(`${base}/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
    components?: { schemas?: Record<string, Schema> };
  };
  const desks = JSON.parse((await send('admin', creds.admin, 'GET', '/reference/desks')).answer) as {
    id: string;
  }[];
  const scopes = resolve(
    (
      spec.paths['/api/v1/admin/api-keys']!.post as {
        requestBody: { content: { 'application/json': { schema: Schema } } };
      }
    ).requestBody.content['application/json'].schema,
    spec,
  ).properties!.scopes!.items!.enum as string[];
  const key = await send('admin', creds.admin, 'POST', '/admin/api-keys', {
    deskId: desks[0]!.id,
    name: 'fuzz partner',
    scopes,
  });
  if (key.status !== 201) throw new Error(`api key: ${key.status} ${key.answer}`);
  const partnerKey = JSON.parse(key.answer) as { id: string; key: string };
  creds.partner = { apiKey: partnerKey.key };

  // ---- pools of real ids (so generated requests reach past the 404s) and the people's e-mails
  const pools: Pools = { ids: desks.map((d) => d.id), codes: [] };
  for (const list of ['/profiles', '/assets', '/firms', '/needs', '/crisis-cases', '/opportunities']) {
    const res = await send('admin', creds.admin, 'GET', `${list}?limit=20`);
    collect(JSON.parse(res.answer), pools);
  }
  pools.ids = [...new Set(pools.ids)].filter((id) => id !== partnerKey.id);
  pools.codes = [...new Set(pools.codes)];
  const rows = await server.database.db.execute(
    sql.raw('select email from profiles where email is not null'),
  );
  for (const r of rowsOf(rows)) personEmails.add(String(r.email).toLowerCase());

  const ops = operationsOf(spec).filter(
    // Signing out would end the run's own sessions; they are fuzzed as anonymous only (below).
    (op) => !op.path.endsWith('/openapi.json'),
  );
  const gen = makeGen(spec, pools);
  const rng = mulberry32(SEED);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rng() * list.length)]!;
  const sample = <T>(arb: fc.Arbitrary<T>): T =>
    fc.sample(arb, { numRuns: 1, seed: Math.floor(rng() * 2 ** 31) })[0]!;

  const buildRequest = (op: Operation, hostile: boolean) => {
    let url = op.path.replace(/^\/api\/v1/, '');
    for (const p of op.parameters.filter((p) => p.in === 'path')) {
      const value =
        p.name === 'code' && pools.codes.length > 0 && rng() < 0.6
          ? pick(pools.codes)
          : rng() < 0.7
            ? String(sample(gen(p.schema)))
            : String(pick(HOSTILE_QUERY));
      url = url.replace(`{${p.name}}`, encodePath(value));
    }
    const query = new URLSearchParams();
    for (const p of op.parameters.filter((p) => p.in === 'query')) {
      if (!p.required && rng() < 0.5) continue;
      const v = hostile && rng() < 0.3 ? pick(HOSTILE_QUERY) : sample(gen(p.schema));
      query.append(p.name, String(v));
    }
    if (hostile && rng() < 0.1)
      query.append(pick(['unknown', 'sort', 'limit', 'q', 'offset']), pick(HOSTILE_QUERY));
    const qs = query.toString();
    let body: unknown;
    let form: FormData | undefined;
    if (op.multipart) {
      form = new FormData();
      const csv = `External reference,First name,Last name\r\n${sample(fc.string({ maxLength: 30 }))},${pick(HOSTILE_STRINGS.filter((s) => s.length < 100))},x\r\n`;
      form.append(
        'entity',
        hostile
          ? String(pick([...HOSTILE_QUERY, 'profiles']))
          : pick(['profiles', 'assets', 'firms', 'needs', 'opportunities']),
      );
      form.append('dryRun', 'true');
      if (rng() < 0.3) form.append('mapping', JSON.stringify(mutate({ 'First name': 'firstName' }, rng)));
      if (rng() < 0.3)
        form.append('defaults', JSON.stringify(mutate({ employmentStatus: 'unemployed' }, rng)));
      form.append(
        'file',
        new Blob([csv], { type: 'text/csv' }),
        pick(['f.csv', 'f.xlsx', '../../x.csv', 'f\u0000.csv']),
      );
    } else if (op.jsonBody) {
      body = sample(gen(op.jsonBody));
      if (hostile) body = mutate(body, rng);
    } else if (hostile && op.method !== 'GET' && rng() < 0.2) body = mutate({}, rng);
    return { url: qs ? `${url}?${qs}` : url, body, form };
  };

  const record = (sent: Sent) => {
    const r = (perRole[sent.role] ??= { sent: 0, s2xx: 0, s4xx: 0, s5xx: 0 });
    r.sent++;
    if (sent.status >= 500) {
      r.s5xx++;
      failures.push(
        `5xx ${sent.status} ${sent.role} ${sent.method} ${sent.url.slice(0, 300)} body=${JSON.stringify(sent.body)?.slice(0, 300)} -> ${sent.answer.slice(0, 300)}`,
      );
    } else if (sent.status >= 400) r.s4xx++;
    else r.s2xx++;
  };
  const usable = (op: Operation, role: Role) =>
    // Signing out (or everywhere) would end the run's own sessions: those two go anonymous or by key only.
    !(/\/auth\/sign-out/.test(op.path) && ['admin', 'operator', 'marketing', 'company'].includes(role));

  // ---- 1. refused writes write nothing: batches of hostile writes, checksums around each batch
  const checksum = async () => {
    const out: Record<string, string> = {};
    for (const table of CHECKED_TABLES) {
      const res = await server.database.db.execute(
        sql.raw(
          // Without last_used_at: using an API key stamps it, refused or not.
          `select count(*)::text || ':' || coalesce(md5(string_agg(md5((to_jsonb(t) - 'last_used_at')::text), '' order by md5((to_jsonb(t) - 'last_used_at')::text))), '') as h from ${table} t`,
        ),
      );
      out[table] = String(rowsOf(res)[0]!.h);
    }
    return out;
  };
  const writes = ops.filter((op) => op.method !== 'GET' && !op.multipart && !/\/auth\//.test(op.path));
  const WRITE_BATCHES = Math.max(1, Math.round(TOTAL / 500));
  const BATCH = 25;
  let writeBatchesChecked = 0;
  let writeBatchesMixed = 0;
  let sentCount = 0;
  for (let b = 0; b < WRITE_BATCHES; b++) {
    const before = await checksum();
    const answers: Sent[] = [];
    for (let i = 0; i < BATCH; i++) {
      const op = pick(writes);
      const role = pick(ROLES);
      const req = buildRequest(op, true);
      const sent = await send(role, creds[role], op.method, req.url, req.body);
      record(sent);
      answers.push(sent);
      sentCount++;
    }
    if (answers.some((a) => a.status < 400)) {
      writeBatchesMixed++; // an accepted write changes tables legitimately: this batch proves nothing
      continue;
    }
    // Writes commit before the answer; the relay only touches the outbox, which is not checksummed.
    const after = await checksum();
    const changed = CHECKED_TABLES.filter((t) => before[t] !== after[t]);
    writeBatchesChecked++;
    if (changed.length > 0)
      failures.push(
        `refused writes changed ${changed.join(', ')}: ${answers.map((a) => `${a.role} ${a.method} ${a.url} ${a.status}`).join('; ')}`,
      );
  }

  // ---- 2. every route × every role, round-robin, half well-formed and half hostile
  const plan: { op: Operation; role: Role; hostile: boolean }[] = [];
  for (let i = 0; sentCount + plan.length < TOTAL; i++) {
    const op = ops[i % ops.length]!;
    const role = ROLES[Math.floor(i / ops.length) % ROLES.length]!;
    if (!usable(op, role)) continue;
    plan.push({ op, role, hostile: rng() < 0.5 });
  }
  let next = 0;
  const worker = async () => {
    while (next < plan.length) {
      const { op, role, hostile } = plan[next++]!;
      const req = buildRequest(op, hostile);
      try {
        record(await send(role, creds[role], op.method, req.url, req.body, req.form));
      } catch (error) {
        failures.push(`no answer: ${role} ${op.method} ${req.url.slice(0, 200)}: ${String(error)}`);
        (perRole[role] ??= { sent: 0, s2xx: 0, s4xx: 0, s5xx: 0 }).sent++;
      }
      sentCount++;
      if (sentCount % 1000 === 0) console.log(`fuzz: ${sentCount} requests, ${failures.length} failures`);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));

  // ---- 3. the log: no SQL, no parameters, no password hashes, no person's e-mail
  const more = await server.database.db.execute(
    sql.raw('select email from profiles where email is not null'),
  );
  for (const r of rowsOf(more)) personEmails.add(String(r.email).toLowerCase());
  await server.close();
  await new Promise((ok) => logStream.end(ok));
  const log = readFileSync(logPath, 'utf8');
  const logChecks: [string, RegExp][] = [
    ['SQL parameters', /params:|"params"/],
    ['SQL text', /\b(insert into|delete from|update "|select .{0,200} from ")/i],
    ['an argon2 hash', /\$argon2/],
    ['an e-mail address', /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/],
  ];
  let logFailures = 0;
  for (const [what, re] of logChecks) {
    const hit = re.exec(log);
    if (hit) {
      logFailures++;
      failures.push(
        `the server log holds ${what}: …${log.slice(Math.max(0, hit.index - 120), hit.index + 120)}…`,
      );
    }
  }
  const lower = log.toLowerCase();
  const leaked = [...personEmails].filter((e) => lower.includes(e));
  if (leaked.length > 0) {
    logFailures++;
    failures.push(`the server log holds ${leaked.length} people's e-mail addresses`);
  }

  // ---- report
  console.log(
    `\nfuzz: ${Math.round((Date.now() - started) / 1000)} s, ${ops.length} operations, seed ${SEED}`,
  );
  for (const role of ROLES) {
    const r = perRole[role] ?? { sent: 0, s2xx: 0, s4xx: 0, s5xx: 0 };
    console.log(
      `  ${role.padEnd(10)} ${String(r.sent).padStart(6)} requests: ${r.s2xx} 2xx/3xx, ${r.s4xx} 4xx, ${r.s5xx} 5xx`,
    );
  }
  console.log(
    `  refused-write batches: ${writeBatchesChecked} checked, ${writeBatchesMixed} skipped (held an accepted write)`,
  );
  console.log(
    `  log: ${log.length} bytes checked for SQL, parameters, argon2 hashes and ${personEmails.size} people's e-mails`,
  );
  for (const f of failures.slice(0, 50)) console.log(`FAIL ${f}`);
  if (failures.length > 50) console.log(`… and ${failures.length - 50} more`);
  const failedRequests = failures.length - logFailures;
  if (process.env.FUZZ_KEEP !== '1') rmSync(dir, { recursive: true, force: true });
  console.log(`${sentCount - failedRequests} passed, ${failures.length} failed`);
  process.exit(failures.length > 0 ? 1 : 0);
}

/** A lone surrogate cannot be URI-encoded: send the bytes it would be (invalid UTF-8) instead. */
function encodePath(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

function collect(value: unknown, pools: Pools) {
  const stack = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (Array.isArray(v)) stack.push(...v);
    else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (typeof child === 'string' && /^[0-9a-f-]{36}$/.test(child)) pools.ids.push(child);
        else if (k === 'code' && typeof child === 'string') pools.codes.push(child);
        else stack.push(child);
      }
    }
  }
}

const rowsOf = (result: unknown): Record<string, unknown>[] =>
  Array.isArray(result) ? result : ((result as { rows: Record<string, unknown>[] }).rows ?? []);

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

main().catch((error: unknown) => {
  console.error(error);
  console.log('0 passed, 1 failed');
  process.exit(1);
});
