import { hash, verify } from '@node-rs/argon2';

/** argon2id with the library's defaults (OWASP's minimum: m=19 MiB, t=2, p=1). */
export const hashPassword = (password: string) => hash(password);

// Compared against when the e-mail is unknown, so an attacker cannot tell unknown users by timing.
const DUMMY = hash('not-a-real-password-only-for-timing');

export async function verifyPassword(passwordHash: string | null, password: string): Promise<boolean> {
  if (!passwordHash) {
    await verify(await DUMMY, password).catch(() => false);
    return false;
  }
  return verify(passwordHash, password).catch(() => false);
}
