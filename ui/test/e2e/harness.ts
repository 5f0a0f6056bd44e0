// End-to-end harness: starts the real server (API + built UI on one port) with a throw-away data
// directory, drives Debian's Chromium through playwright-core, checks accessibility with axe-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { after, before } from 'node:test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
export const UI_DIR = path.resolve(here, '../..');
export const REPO_DIR = path.resolve(UI_DIR, '..');
export const OUT_DIR = path.resolve(REPO_DIR, 'test-output/e2e');

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export type Role = 'admin' | 'operator' | 'marketing' | 'company';
export type Lang = 'it' | 'fr' | 'en';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  stop(): Promise<void>;
  logs(): string;
}

/**
 * Start the real server. E2E_BASE_URL points the tests at one already running instead.
 * The UI must be built first (`npm run build -w ui`); the runner script does it.
 */
export async function startServer(): Promise<RunningServer> {
  if (process.env.E2E_BASE_URL) {
    const baseUrl = process.env.E2E_BASE_URL.replace(/\/$/, '');
    await waitForHealth(baseUrl, 5_000, () => '');
    return { baseUrl, stop: async () => {}, logs: () => '' };
  }
  if (!existsSync(path.join(UI_DIR, 'build', '200.html'))) {
    throw new Error('ui/build/200.html is missing: run `npm run build -w ui` first');
  }
  // E2E_PORT pins the port (engineers sharing a machine each take their own); by default a free one.
  const port = process.env.E2E_PORT ? Number(process.env.E2E_PORT) : await freePort();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'rilancio-e2e-'));
  let output = '';
  const child: ChildProcess = spawn('npm', ['run', 'start', '-w', 'server'], {
    cwd: REPO_DIR,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      UI_DIR: path.join(UI_DIR, 'build'),
      DEMO_DATA: 'always',
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      // One browser signs in as the same demo accounts dozens of times a minute from one address, in
      // two languages: raise the abuse limits by configuration, as the fuzz run does.
      RATE_LIMIT_FACTOR: '50',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null && child.pid) {
      try {
        process.kill(-child.pid, 'SIGTERM');
      } catch {
        /* already gone */
      }
      await new Promise((r) => setTimeout(r, 500));
      if (child.exitCode === null) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* already gone */
        }
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, Number(process.env.E2E_START_TIMEOUT_MS ?? 180_000), () => output, child);
  } catch (e) {
    await stop();
    throw e;
  }
  return { baseUrl, stop, logs: () => output };
}

async function waitForHealth(baseUrl: string, timeoutMs: number, logs: () => string, child?: ChildProcess) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${logs()}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server not healthy after ${timeoutMs} ms:\n${logs().slice(-4000)}`);
}

/**
 * A spec's real server (demo data, its own port) and headless Chromium: started before its tests, stopped
 * after them. Read `e2e.server` and `e2e.browser` inside tests. A spec's own preparation goes in `setup`,
 * which runs once both are up: Node 20 does not wait for one top-level `before` hook to end before it
 * starts the next, so a second hook could not rely on the server.
 */
export function useServerAndBrowser(
  setup?: (e2e: { server: RunningServer; browser: Browser }) => Promise<void>,
): { readonly server: RunningServer; readonly browser: Browser } {
  const e2e = {} as { server: RunningServer; browser: Browser };
  before(async () => {
    e2e.server = await startServer();
    e2e.browser = await launchBrowser();
    await setup?.(e2e);
  });
  after(async () => {
    await e2e.browser?.close();
    await e2e.server?.stop();
  });
  return e2e;
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

// The demo accounts the server creates in demo mode (server/src/demo/demo-users.ts).
const DEMO_PASSWORD = 'rilancio-demo';
const DEMO_EMAILS: Record<Role, string> = {
  admin: 'admin@demo.rilancio.eu',
  operator: 'operator@demo.rilancio.eu',
  marketing: 'marketing@demo.rilancio.eu',
  company: 'company@demo.rilancio.eu',
};
const SESSION_COOKIE = 'rilancio_session';
const sessions = new Map<string, Promise<string>>();

/** A session token for a role's demo account; one sign-in per role and server (sign-in is rate limited). */
export function sessionToken(baseUrl: string, role: Role, name = ''): Promise<string> {
  // A named session has its own request budget (the server limits requests per session and minute).
  const key = `${baseUrl} ${role} ${name}`;
  let token = sessions.get(key);
  if (!token) {
    token = (async () => {
      const signIn = () =>
        fetch(`${baseUrl}/api/v1/auth/sign-in`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: DEMO_EMAILS[role], password: DEMO_PASSWORD }),
        });
      let res = await signIn();
      if (res.status === 429) {
        // Sign-in is rate limited per IP: wait for the window the server names, once.
        const wait = Number(/retry in (\d+)/.exec(await res.text())?.[1] ?? '60');
        await new Promise((r) => setTimeout(r, (wait + 1) * 1000));
        res = await signIn();
      }
      if (!res.ok) throw new Error(`sign-in as ${role} → ${res.status} ${await res.text()}`);
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`));
      if (!cookie) throw new Error('sign-in set no session cookie');
      return cookie.slice(SESSION_COOKIE.length + 1).split(';')[0]!;
    })();
    token.catch(() => sessions.delete(key));
    sessions.set(key, token);
  }
  return token;
}

/** A browser context signed in as the role's demo account, its pages starting in the given language. */
export async function newContext(
  browser: Browser,
  baseUrl: string,
  lang: Lang,
  role: Role,
  opts: { session?: string } = {},
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: lang });
  await context.addCookies([
    {
      name: SESSION_COOKIE,
      value: await sessionToken(baseUrl, role, opts.session),
      url: baseUrl,
    },
  ]);
  await context.addInitScript((l) => {
    if (!localStorage.getItem('rilancio.e2e')) {
      localStorage.setItem('rilancio.locale', l);
      localStorage.setItem('rilancio.e2e', '1');
    }
  }, lang);
  return context;
}

/** Call the API as a role's demo account, to find the ids a journey needs in the demo data. */
export async function apiGet<T>(baseUrl: string, pathAndQuery: string, role: Role = 'admin'): Promise<T> {
  const res = await fetch(`${baseUrl}/api/v1${pathAndQuery}`, {
    headers: { cookie: `${SESSION_COOKIE}=${await sessionToken(baseUrl, role)}` },
  });
  if (!res.ok) throw new Error(`GET ${pathAndQuery} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(OUT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(OUT_DIR, `${name}.png`), fullPage: true });
}

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/** Serious and critical accessibility violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: AXE_SOURCE });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export function describeViolations(v: AxeViolation[]): string {
  return v
    .map(
      (x) =>
        `${x.impact} ${x.id}: ${x.help} → ${x.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    )
    .join('\n');
}

/** Wait until the SvelteKit app has rendered and finished navigating. */
export async function settled(page: Page): Promise<void> {
  await page.waitForSelector('main#main', { state: 'attached' });
  await page.waitForLoadState('networkidle');
}

/**
 * Picks a suggestion in an autocomplete (`#id`, its list `#id-list`) the way a keyboard user does: types
 * `text`, waits for a suggestion naming `expected` (the list settles as the words arrive), then ArrowDown
 * (nothing is pre-highlighted) and Enter.
 */
export async function pickSuggestion(page: Page, id: string, text: string, expected: RegExp): Promise<void> {
  const input = page.locator(`#${id}`);
  await input.fill(text);
  await page.locator(`#${id}-list [role="option"]`).filter({ hasText: expected }).first().waitFor();
  await input.press('ArrowDown');
  await input.press('Enter');
}
