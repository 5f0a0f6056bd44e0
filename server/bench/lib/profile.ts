import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';

/**
 * Profiles this process's CPU while `during` runs and writes a .cpuprofile (Chrome DevTools, or any
 * reader of that format) to `file`; without a file it only runs `during`. Only the window of interest is
 * profiled, not the seeding and index builds before it.
 */
export async function profiled<T>(file: string | undefined, during: () => Promise<T>): Promise<T> {
  if (!file) return during();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  try {
    return await during();
  } finally {
    const { profile } = await session.post('Profiler.stop');
    writeFileSync(file, JSON.stringify(profile));
    session.disconnect();
  }
}
