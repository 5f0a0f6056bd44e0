import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/**
 * The README's production section, checked against the compose file it describes: the master key stays
 * with Meilisearch and the one-shot provisioning step, the app reads the scoped key from the file that
 * step writes, and the commands the README gives exist.
 */
const root = path.resolve(import.meta.dirname, '../../..');
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8')) as {
  services: Record<
    string,
    {
      environment?: Record<string, string>;
      command?: string[];
      volumes?: string[];
      depends_on?: Record<string, { condition: string }>;
      user?: string;
    }
  >;
  volumes: Record<string, unknown>;
};
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
    expect(compose.services.app!.environment).not.toHaveProperty('MEILI_API_KEY');
  });

  it('hands the app the key file the provisioning step writes, after it succeeded', () => {
    const step = compose.services['meili-key']!;
    const out = step.command![step.command!.indexOf('--out') + 1]!;
    const app = compose.services.app!;
    expect(app.environment!.MEILI_API_KEY_FILE).toBe(out);
    const volumeOf = (mounts: string[]) =>
      mounts.find((m) => m.split(':')[1] === path.dirname(out))?.split(':')[0];
    expect(volumeOf(step.volumes!)).toBeDefined();
    expect(volumeOf(app.volumes!)).toBe(volumeOf(step.volumes!));
    expect(compose.volumes).toHaveProperty(volumeOf(step.volumes!)!);
    expect(app.depends_on!['meili-key']).toEqual({ condition: 'service_completed_successfully' });
    expect(step.command).toContain('meili:provision');
    expect(scripts['meili:provision']).toBeDefined();
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
