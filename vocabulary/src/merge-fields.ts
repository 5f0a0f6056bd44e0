/**
 * What merging a person's two records decides field by field, in the order the merge screen shows
 * them: the server's merge plan (which value the kept record takes) and the screen (a choice where the
 * records differ) read this one list.
 */
export const PROFILE_MERGE_FIELDS = [
  'name',
  'email',
  'phone',
  'municipality',
  'eqfLevel',
  'mobilityKm',
  'maxTravelMinutes',
  'weeklyFerryCommute',
  'availableFrom',
  'employmentStatus',
  'crisisCaseId',
] as const;
