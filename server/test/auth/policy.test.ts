import { describe, expect, it } from 'vitest';
import { allows, readScope, type OwnedKind, type Right } from '../../src/auth/policy.js';
import type { Principal, PrincipalRole } from '../../src/auth/principal.js';

/**
 * The policy written out by hand, as DOMAIN.md and the README state it, cell by cell: who may read, read
 * the personal data in, and change an object of their own desk or firm, and one of another. The route ×
 * principal × owner matrix (test/api/object-matrix.test.ts) then checks every route obeys this policy.
 */
const DESK_A = '00000000-0000-4000-8000-0000000000a1';
const DESK_B = '00000000-0000-4000-8000-0000000000b1';
const FIRM_F = '00000000-0000-4000-8000-0000000000f1';
const FIRM_G = '00000000-0000-4000-8000-0000000000f2';

const principal = (
  role: PrincipalRole,
  deskId: string | null = null,
  firmId: string | null = null,
): Principal => ({
  userId: '00000000-0000-4000-8000-0000000000u1',
  role,
  deskId,
  firmId,
  via: 'test',
});

// own = the object belongs to the principal's desk (and, for needs and firms, to its firm)
const own = { deskId: DESK_A, firmId: FIRM_F };
const foreign = { deskId: DESK_B, firmId: FIRM_G };

type Row = [PrincipalRole, OwnedKind, Right, boolean, boolean]; // role, kind, right, own?, foreign?
const TABLE: Row[] = [
  // operators: the network's records to read, their desk's to change; people's names only at their desk
  ['operator', 'profile', 'read', true, true],
  ['operator', 'profile', 'read_personal', true, false],
  ['operator', 'profile', 'write', true, false],
  ['operator', 'need', 'read', true, true],
  ['operator', 'need', 'write', true, false],
  ['operator', 'asset', 'write', true, false],
  ['operator', 'firm', 'write', true, false],
  ['operator', 'crisis_case', 'write', true, false],
  ['operator', 'opportunity', 'write', true, false],
  ['operator', 'decision', 'write', true, false],
  ['operator', 'outcome', 'write', true, false],
  ['operator', 'consent', 'write', true, false],
  ['operator', 'import_job', 'read', true, false],
  // partner keys: everything within their desk, nothing outside
  ['partner', 'profile', 'read', true, false],
  ['partner', 'profile', 'read_personal', true, false],
  ['partner', 'profile', 'write', true, false],
  ['partner', 'need', 'read', true, false],
  ['partner', 'need', 'write', true, false],
  ['partner', 'asset', 'read', true, false],
  ['partner', 'asset', 'write', true, false],
  ['partner', 'firm', 'read', true, false],
  ['partner', 'firm', 'write', true, false],
  ['partner', 'decision', 'write', false, false],
  // companies: their own firm and its needs; assets to look at; never people or desks' records
  ['company', 'need', 'read', true, false],
  ['company', 'need', 'write', true, false],
  ['company', 'firm', 'read', true, false],
  ['company', 'firm', 'write', true, false],
  ['company', 'asset', 'read', true, true],
  ['company', 'asset', 'write', false, false],
  ['company', 'profile', 'read', false, false],
  ['company', 'crisis_case', 'read', false, false],
  ['company', 'decision', 'write', false, false],
  // marketing: assets and firms of the network to manage; needs, crises, opportunities to read; no people
  ['marketing', 'asset', 'write', true, true],
  ['marketing', 'firm', 'write', true, true],
  ['marketing', 'need', 'read', true, true],
  ['marketing', 'need', 'write', false, false],
  ['marketing', 'crisis_case', 'write', false, false],
  ['marketing', 'profile', 'read', false, false],
  ['marketing', 'consent', 'write', false, false],
  // admin: everything
  ['admin', 'profile', 'read_personal', true, true],
  ['admin', 'decision', 'write', true, true],
  ['admin', 'import_job', 'read', true, true],
];

describe('the access policy, cell by cell', () => {
  it.each(TABLE)('%s · %s · %s: own %s, foreign %s', (role, kind, right, onOwn, onForeign) => {
    const p = principal(
      role,
      role === 'company' || role === 'marketing' || role === 'admin' ? null : DESK_A,
      role === 'company' ? FIRM_F : null,
    );
    const owner = (o: typeof own) => (kind === 'firm' ? { deskId: o.deskId, firmId: o.firmId } : o);
    expect(allows(p, right, kind, owner(own))).toBe(onOwn);
    expect(allows(p, right, kind, owner(foreign))).toBe(onForeign);
  });

  it('gives lists the same scope as single reads', () => {
    expect(readScope(principal('operator', DESK_A), 'profile')).toEqual({});
    expect(readScope(principal('partner', DESK_A), 'need')).toEqual({ deskId: DESK_A });
    expect(readScope(principal('company', null, FIRM_F), 'need')).toEqual({ firmId: FIRM_F });
    expect(readScope(principal('marketing'), 'profile')).toBeNull();
    // A desk-bound role without a desk reaches nothing rather than everything.
    expect(readScope(principal('partner', null), 'asset')).toBeNull();
    expect(allows(principal('operator', null), 'write', 'profile', { deskId: null })).toBe(false);
  });
});
