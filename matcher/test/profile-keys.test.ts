import { describe, expectTypeOf, it } from 'vitest';
import type { JobNeedInput, ScoringProfile } from '../src/index.js';

/**
 * Requirement A2: the scoring input has no field for name, age or birth date, gender,
 * nationality, photo, disability or contacts. Adding any key to ScoringProfile breaks this
 * test at compile time (tsc) and in vitest's type checking of expectTypeOf.
 */
type Allowed =
  | 'id'
  | 'code'
  | 'occupations'
  | 'skills'
  | 'languages'
  | 'eqfLevel'
  | 'drivingLicences'
  | 'home'
  | 'mobilityKm'
  | 'maxTravelMinutes'
  | 'weeklyFerryCommute'
  | 'availableFrom'
  | 'employmentStatus'
  | 'desiredPaths'
  | 'supplyChains'
  | 'naceDivisions'
  | 'crisisCaseId'
  | 'deskId';

type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;

// Fails to compile when the key sets differ in either direction.
const exact: Equals<keyof ScoringProfile, Allowed> = true;

type Forbidden =
  | 'name'
  | 'firstName'
  | 'lastName'
  | 'birthDate'
  | 'age'
  | 'gender'
  | 'sex'
  | 'nationality'
  | 'photo'
  | 'disability'
  | 'email'
  | 'phone'
  | 'address';

describe('ScoringProfile', () => {
  it('has exactly the allowlisted keys', () => {
    expectTypeOf<keyof ScoringProfile>().toEqualTypeOf<Allowed>();
    expectTypeOf(exact).toEqualTypeOf<true>();
  });

  it('has none of the protected or contact fields', () => {
    expectTypeOf<Extract<keyof ScoringProfile, Forbidden>>().toEqualTypeOf<never>();
    expectTypeOf<Extract<keyof JobNeedInput, Forbidden>>().toEqualTypeOf<never>();
  });
});
