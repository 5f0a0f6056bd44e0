import { stdin, stdout } from 'node:process';
import { createInterface } from 'node:readline';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/client.js';
import { AppError } from '../errors.js';
import { createAdmin } from '../setup/first-admin.js';

/**
 * `npm run admin:create -- --email you@example.org [--name "Your Name"]` creates an administrator.
 * The password is asked twice without echo on a terminal; piped in on standard input otherwise
 * (`printf '%s\n' "$PASSWORD" | docker compose run --rm -T app npm run admin:create -- --email …`).
 */
const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};

function readHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    stdout.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    let text = '';
    const onData = (chunk: Buffer) => {
      for (const ch of chunk.toString('utf8')) {
        if (ch === '\r' || ch === '\n') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          stdout.write('\n');
          return resolve(text);
        }
        if (ch === '\u0003') process.exit(130);
        text = ch === '\u007f' ? text.slice(0, -1) : text + ch;
      }
    };
    stdin.on('data', onData);
  });
}

async function readPiped(): Promise<string> {
  const lines = createInterface({ input: stdin });
  for await (const line of lines) return line;
  return '';
}

async function askPassword(): Promise<string> {
  if (!stdin.isTTY) return readPiped();
  const first = await readHidden('Password (12+ characters): ');
  const again = await readHidden('Password again: ');
  if (first !== again) throw new Error('The two passwords differ');
  return first;
}

const email = arg('email');
if (!email) {
  console.error('Usage: npm run admin:create -- --email you@example.org [--name "Your Name"]');
  process.exit(2);
}
const password = await askPassword();
const config = loadConfig();
const database = await openDatabase(config.database);
try {
  await database.migrate();
  const admin = await createAdmin(database.db, { email, displayName: arg('name') ?? email, password });
  console.log(`Administrator ${admin.email} created${admin.firstAdmin ? ' (the first one)' : ''}.`);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`${error.message}${error.details.map((d) => `\n  ${d.path}: ${d.reason}`).join('')}`);
    process.exitCode = 1;
  } else throw error;
} finally {
  await database.close();
}
