/**
 * Who issues a desk document (offer pack, readiness card): the desk that owns the record and the person
 * printing it, for the sheet's header, and the document's reference. Shared so every sheet names its
 * issuer and dates itself the same way.
 */
import { eq } from 'drizzle-orm';
import type { Principal } from '../auth/principal.js';
import type { DbOrTx } from '../db/client.js';
import { desks, users } from '../db/schema.js';

export interface Issuer {
  desk: { name: string; regionName: string; code: string } | null;
  contact: { name: string; email: string } | null;
}

export async function issuerOf(db: DbOrTx, deskId: string, principal: Principal): Promise<Issuer> {
  const [desk] = await db
    .select({ name: desks.name, regionName: desks.regionName, code: desks.code })
    .from(desks)
    .where(eq(desks.id, deskId));
  const [contact] = principal.userId
    ? await db
        .select({ name: users.displayName, email: users.email })
        .from(users)
        .where(eq(users.id, principal.userId))
    : [];
  return { desk: desk ?? null, contact: contact ?? null };
}

/** The header rows every desk sheet carries: reference, date, desk, and the contact when there is one. */
export function issuerHeader(
  issuer: Issuer,
  words: { reference: string; date: string; desk: string; contact: string },
  reference: string,
  date: string,
): [string, string][] {
  const rows: [string, string][] = [
    [words.reference, reference],
    [words.date, date],
    [words.desk, deskLine(issuer)],
  ];
  if (issuer.contact) rows.push([words.contact, `${issuer.contact.name} · ${issuer.contact.email}`]);
  return rows;
}

export const deskLine = (issuer: Issuer) =>
  issuer.desk ? `${issuer.desk.name} (${issuer.desk.regionName})` : '';

/** A file name from a reference: lower case, letters, digits and dashes. */
export const referenceFileName = (prefix: string, reference: string) =>
  `${prefix}-${reference.toLowerCase().replace(/[^a-z0-9-]+/g, '-')}.pdf`;
