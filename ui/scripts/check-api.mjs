// Fails when src/lib/api/schema.ts no longer matches server/openapi.json: it regenerates the types
// (as `npm run gen:api` does) into a temporary file, formats them the same way and compares.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const committed = 'src/lib/api/schema.ts';
const dir = mkdtempSync(join(tmpdir(), 'rilancio-api-'));
try {
  const raw = join(dir, 'schema.ts');
  execFileSync('npx', ['openapi-typescript', '../server/openapi.json', '--enum-values', '-o', raw], {
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  // Formatted as if it were the committed file, so the repository's prettier options apply.
  const formatted = execFileSync('npx', ['prettier', '--stdin-filepath', committed], {
    input: readFileSync(raw),
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
  const fresh = join(dir, 'fresh.ts');
  writeFileSync(fresh, formatted);
  try {
    execFileSync('diff', ['-u', committed, fresh], {
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (e) {
    process.stdout.write(
      String(e.stdout ?? '')
        .split('\n')
        .slice(0, 60)
        .join('\n'),
    );
    console.error(`\n${committed} is out of date with server/openapi.json: run \`npm run gen:api -w ui\`.`);
    process.exit(1);
  }
  console.log(`${committed} matches server/openapi.json.`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
