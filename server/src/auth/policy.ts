import { ForbiddenError, NotFoundError } from '../errors.js';
import type { Principal, PrincipalRole } from './principal.js';

/**
 * The one access policy for every desk- and firm-owned object. Routes declare which roles may call them
 * (auth/access.ts); this decides, for a principal and one object, whether they may read it, read the
 * personal data in it, or change it. Services ask it; nothing else decides ownership.
 *
 * Decisions, outcomes and consents are about a person: they are owned by that person's desk. A decision
 * with no person in it (an asset for an asset need) is owned by its subject's desk.
 */
export type OwnedKind =
  | 'profile'
  | 'need'
  | 'asset'
  | 'firm'
  | 'crisis_case'
  | 'opportunity'
  | 'decision'
  | 'outcome'
  | 'consent'
  | 'import_job';

export type Right = 'read' | 'read_personal' | 'write';

/** Who owns an object: its desk (null for network-wide records) and, where a firm owns it, the firm. */
export interface Owner {
  deskId: string | null;
  firmId?: string | null;
  /** Import jobs of principals without a desk belong to whoever started them. */
  createdBy?: string | null;
}

/** How far a role's right reaches: everything, its own desk, its own firm, its own jobs, or nothing. */
type Reach = 'all' | 'desk' | 'firm' | 'creator' | 'none';
type Rule = Record<Right, Reach>;

const NONE: Rule = { read: 'none', read_personal: 'none', write: 'none' };
const ALL: Rule = { read: 'all', read_personal: 'all', write: 'all' };
const DESK: Rule = { read: 'desk', read_personal: 'desk', write: 'desk' };
/** Network-wide reading, writing within one's desk (what an operator does with most records). */
const READ_ALL_WRITE_DESK: Rule = { read: 'all', read_personal: 'desk', write: 'desk' };
const READ_ALL: Rule = { read: 'all', read_personal: 'none', write: 'none' };

const PERSON_RECORD: Record<PrincipalRole, Rule> = {
  admin: ALL,
  operator: DESK,
  marketing: NONE,
  company: NONE,
  partner: NONE,
};

export const POLICY: Record<OwnedKind, Record<PrincipalRole, Rule>> = {
  // Operators see the network's profiles pseudonymised; names and contacts only at the person's own desk.
  profile: { admin: ALL, operator: READ_ALL_WRITE_DESK, marketing: NONE, company: NONE, partner: DESK },
  need: {
    admin: ALL,
    operator: READ_ALL_WRITE_DESK,
    marketing: READ_ALL,
    company: { read: 'firm', read_personal: 'none', write: 'firm' },
    partner: DESK,
  },
  asset: {
    admin: ALL,
    operator: READ_ALL_WRITE_DESK,
    // Marketing officers manage the network's assets; they belong to no desk.
    marketing: { read: 'all', read_personal: 'none', write: 'all' },
    company: READ_ALL,
    partner: DESK,
  },
  firm: {
    admin: ALL,
    operator: READ_ALL_WRITE_DESK,
    marketing: { read: 'all', read_personal: 'none', write: 'all' },
    company: { read: 'firm', read_personal: 'none', write: 'firm' },
    partner: DESK,
  },
  crisis_case: {
    admin: ALL,
    operator: READ_ALL_WRITE_DESK,
    marketing: READ_ALL,
    company: NONE,
    partner: NONE,
  },
  opportunity: {
    admin: ALL,
    operator: READ_ALL_WRITE_DESK,
    marketing: READ_ALL,
    company: NONE,
    partner: NONE,
  },
  decision: PERSON_RECORD,
  outcome: PERSON_RECORD,
  consent: PERSON_RECORD,
  import_job: {
    admin: ALL,
    operator: DESK,
    marketing: { read: 'creator', read_personal: 'creator', write: 'creator' },
    company: NONE,
    partner: DESK,
  },
};

function reaches(reach: Reach, principal: Principal, kind: OwnedKind, owner: Owner): boolean {
  switch (reach) {
    case 'all':
      return true;
    case 'desk':
      return principal.deskId !== null && owner.deskId === principal.deskId;
    case 'firm':
      return principal.firmId !== null && owner.firmId === principal.firmId;
    case 'creator':
      return principal.userId !== null && owner.createdBy === principal.userId && kind === 'import_job';
    case 'none':
      return false;
  }
}

/** May this principal exercise this right on this object? */
export function allows(principal: Principal, right: Right, kind: OwnedKind, owner: Owner): boolean {
  return reaches(POLICY[kind][principal.role][right], principal, kind, owner);
}

/**
 * Throws unless the principal has the right. An object the principal may not even read answers 404,
 * as if it did not exist (ids reveal nothing); one it may read but not change answers 403.
 */
export function authorize(
  principal: Principal,
  right: Right,
  kind: OwnedKind,
  owner: Owner,
  ref: {
    entity: string;
    id: string;
    /** The kind the id names, when not `kind` (a decision names a profile). */ kindOfId?: OwnedKind;
  },
): void {
  if (allows(principal, right, kind, owner)) return;
  if (allows(principal, 'read', ref.kindOfId ?? kind, owner) && (right !== 'read' || ref.kindOfId))
    throw new ForbiddenError(
      right === 'write'
        ? `Only the ${ownerWord(kind)} of this ${ref.entity} may change it`
        : `Only the ${ownerWord(kind)} of this ${ref.entity} may see its personal data`,
    );
  throw new NotFoundError(ref.entity, ref.id);
}

const ownerWord = (kind: OwnedKind) => (kind === 'need' || kind === 'firm' ? 'desk or firm' : 'desk');

/**
 * What a list may show this principal: everything (`{}`), one desk's or one firm's records, or nothing
 * (`null`). Lists filter in SQL with it, so pages and totals never include a foreign record; with
 * `read_personal`, where a list may match on personal data (a name typed in a desk's search box).
 */
export function readScope(
  principal: Principal,
  kind: OwnedKind,
  right: Exclude<Right, 'write'> = 'read',
): { deskId?: string; firmId?: string; createdBy?: string } | null {
  const reach = POLICY[kind][principal.role][right];
  switch (reach) {
    case 'all':
      return {};
    case 'desk':
      return principal.deskId ? { deskId: principal.deskId } : null;
    case 'firm':
      return principal.firmId ? { firmId: principal.firmId } : null;
    case 'creator':
      return principal.userId ? { createdBy: principal.userId } : null;
    case 'none':
      return null;
  }
}

/** The desk a new record is created in: a desk-bound principal's own desk, never someone else's. */
export function deskForNewRecord(
  principal: Principal,
  kind: OwnedKind,
  requested: string | null | undefined,
): string | null {
  const write = POLICY[kind][principal.role].write;
  if (write === 'all') return requested ?? principal.deskId ?? null;
  if (write === 'desk') {
    if (requested && requested !== principal.deskId)
      throw new ForbiddenError(`You create records in your own desk only`);
    if (!principal.deskId) throw new ForbiddenError('Your account belongs to no desk');
    return principal.deskId;
  }
  if (write === 'firm') return requested ?? null;
  throw new ForbiddenError();
}

/** Creating a record is writing it with the owner it will have: refused (403) outside the principal's reach. */
export function authorizeCreate(principal: Principal, kind: OwnedKind, owner: Owner, entity: string): void {
  if (!allows(principal, 'write', kind, owner))
    throw new ForbiddenError(`You may not create this ${entity} for that desk or firm`);
}

/**
 * Who may mark a profile's skill as `certified` (or take that mark away): the people who check the
 * certificate — desk staff and admins. A partner system's key feeds declared data; it keeps a
 * certification the desk recorded but cannot make or undo one (issue 17: the evidence the score uses).
 */
export const SKILL_CERTIFIERS: readonly PrincipalRole[] = ['admin', 'operator'];

export function mayCertifySkills(principal: Principal): boolean {
  return SKILL_CERTIFIERS.includes(principal.role);
}
