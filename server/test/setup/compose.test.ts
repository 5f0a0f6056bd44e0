import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { SERVER_NODE_FLAGS } from '../../src/node-flags.js';

/**
 * The README's production section, checked against the compose file it describes: the master key stays
 * with Meilisearch and the one-shot provisioning step, the app reads the scoped key from the file that
 * step writes, and the commands the README gives exist.
 */
const root = path.resolve(import.meta.dirname, '../../..');
// `merge`: the replicas share one definition through a YAML anchor and `<<:` (as compose reads it).
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as {
  services: Record<
    string,
    {
      image?: string;
      build?: string;
      environment?: Record<string, string>;
      command?: string[];
      volumes?: string[];
      ports?: string[];
      expose?: string[];
      depends_on?: Record<string, { condition: string }>;
      healthcheck?: unknown;
      user?: string;
    }
  >;
  volumes: Record<string, unknown>;
};
/** The app's replicas: the services that read the app's scoped Meilisearch key. */
const replicas = Object.keys(compose.services)
  .filter((name) => compose.services[name]!.environment?.MEILI_API_KEY_FILE !== undefined)
  .sort();
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const production = readme.slice(
  readme.indexOf('## Production with docker compose'),
  readme.indexOf('## Architecture'),
);
const scripts = JSON.parse(readFileSync(path.join(root, 'server/package.json'), 'utf8')).scripts as Record<
  string,
  string
>;

describe('production start as the README says', () => {
  it('gives the master key to Meilisearch and the provisioning step only', () => {
    const holders = Object.entries(compose.services)
      .filter(([, s]) => s.environment && 'MEILI_MASTER_KEY' in s.environment)
      .map(([name]) => name)
      .sort();
    expect(holders).toEqual(['meili-key', 'meilisearch']);
    for (const name of replicas)
      expect(compose.services[name]!.environment, name).not.toHaveProperty('MEILI_API_KEY');
  });

  it('hands the app the key file the provisioning step writes, after it succeeded', () => {
    const step = compose.services['meili-key']!;
    const out = step.command![step.command!.indexOf('--out') + 1]!;
    const volumeOf = (mounts: string[]) =>
      mounts.find((m) => m.split(':')[1] === path.dirname(out))?.split(':')[0];
    expect(volumeOf(step.volumes!)).toBeDefined();
    expect(compose.volumes).toHaveProperty(volumeOf(step.volumes!)!);
    for (const name of replicas) {
      const app = compose.services[name]!;
      expect(app.environment!.MEILI_API_KEY_FILE, name).toBe(out);
      expect(volumeOf(app.volumes!), name).toBe(volumeOf(step.volumes!));
      expect(app.depends_on!['meili-key'], name).toEqual({ condition: 'service_completed_successfully' });
    }
    expect(step.command).toContain('meili:provision');
    expect(scripts['meili:provision']).toBeDefined();
  });

  it('runs two app replicas behind one published port', () => {
    expect(replicas).toEqual(['app', 'app-2']);
    const [first, second] = replicas.map((name) => compose.services[name]!);
    // The same app: image, settings and health check (the second is the first through the YAML anchor).
    expect(second!.build).toBe(first!.build);
    expect(second!.environment).toEqual(first!.environment);
    expect(second!.healthcheck).toEqual(first!.healthcheck);
    // The second starts once the first is healthy (migrations and reference data loaded once).
    expect(second!.depends_on!.app).toEqual({ condition: 'service_healthy' });
    // Neither replica is published; the proxy is the one port, and the replicas trust just that hop.
    const published = Object.entries(compose.services).filter(([, s]) => (s.ports ?? []).length > 0);
    expect(published.map(([name]) => name)).toEqual(['proxy']);
    expect(published[0]![1].ports).toEqual(['3000:3000']);
    for (const name of replicas) {
      expect(compose.services[name]!.expose, name).toEqual(['3000']);
      expect(compose.services[name]!.environment!.TRUST_PROXY_HOPS, name).toBe('1');
    }
    const proxy = compose.services.proxy!;
    for (const name of replicas)
      expect(proxy.depends_on![name], name).toEqual({ condition: 'service_healthy' });
    const mount = proxy.volumes!.find((v) => v.endsWith(':/etc/caddy/Caddyfile:ro'))!;
    const caddyfile = readFileSync(path.join(root, mount.split(':')[0]!), 'utf8');
    const upstreams = /reverse_proxy\s+([^{\n]+)\{/.exec(caddyfile)![1]!.trim().split(/\s+/);
    expect(upstreams).toEqual(replicas.map((name) => `${name}:3000`));
  });

  it('names commands that exist', () => {
    expect(production).toContain('docker compose up -d');
    for (const script of ['admin:create']) {
      expect(production).toContain(`npm run ${script}`);
      expect(scripts[script], script).toBeDefined();
    }
    for (const variable of ['POSTGRES_PASSWORD', 'MEILI_MASTER_KEY', 'SESSION_SECRET', 'LEDGER_KEY'])
      expect(production, variable).toContain(variable);
  });
});

describe('the server’s Node flags', () => {
  it('are the same for `npm start` (and so the container) as for the benchmarks that start it', () => {
    expect(scripts.start).toBe(`node ${SERVER_NODE_FLAGS.join(' ')} --import tsx src/server.ts`);
  });
});
