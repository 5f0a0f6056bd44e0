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

/**
 * The same for two listings of one asset. Kind, category, inventory number and status stay the kept
 * listing's; the two dates are one field, so a merge cannot leave an end before a start.
 */
export const ASSET_MERGE_FIELDS = [
  'title',
  'description',
  'municipality',
  'availability',
  'dates',
  'priceEur',
  'rentEurMonth',
  'condition',
  'brand',
  'model',
  'year',
  'coveredAreaM2',
  'landAreaM2',
  'heightM',
  'craneTonnage',
  'loadingBays',
  'powerKw',
  'powerKva',
  'quayAccess',
  'draftM',
  'slipway',
  'maritimeConcession',
  'distanceToPortKm',
  'ownerFirmId',
  'crisisCaseId',
] as const;

/** The same for two records of one firm; the country stays the kept record's. */
export const FIRM_MERGE_FIELDS = [
  'name',
  'vatNumber',
  'siret',
  'naceCode',
  'municipality',
  'sizeBand',
  'state',
] as const;
