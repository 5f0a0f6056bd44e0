// The closed lists of values the forms offer, as the server's OpenAPI document declares them
// (`schema.ts` is generated with `--enum-values`): a value added on the server appears here with
// `npm run gen:api -w ui`, and its label is then missing from the catalogues until someone writes it.
export {
  pathsApiV1ProfilesPostRequestBodyContentApplicationJsonEmploymentStatusValues as EMPLOYMENT_STATUSES,
  pathsApiV1ProfilesPostRequestBodyContentApplicationJsonDesiredPathsValues as DESIRED_PATHS,
  pathsApiV1ProfilesPostRequestBodyContentApplicationJsonSupplyChainsValues as SUPPLY_CHAINS,
  pathsApiV1ProfilesPostRequestBodyContentApplicationJsonLanguagesLevelValues as CEFR_LEVELS,
  pathsApiV1ProfilesPostRequestBodyContentApplicationJsonLanguagesCodeValues as LANGUAGE_CODES,
  pathsApiV1ProfilesPostRequestBodyContentApplicationJsonSkillsSourceValues as SKILL_SOURCES,
  pathsApiV1NeedsPostRequestBodyContentApplicationJsonOneOf0ContractTypeAnyOf0Values as CONTRACT_TYPES,
  pathsApiV1NeedsPostRequestBodyContentApplicationJsonOneOf1AssetKindValues as ASSET_KINDS,
  pathsApiV1NeedsPostRequestBodyContentApplicationJsonOneOf1AssetCategoryAnyOf0Values as ASSET_CATEGORIES,
  pathsApiV1NeedsPostRequestBodyContentApplicationJsonOneOf1ModeValues as ACQUISITION_MODES,
  pathsApiV1OpportunitiesPostRequestBodyContentApplicationJsonKindValues as OPPORTUNITY_KINDS,
  pathsApiV1MatchesDecisionsPostRequestBodyContentApplicationJsonReasonCodeValues as DECISION_REASONS,
  pathsApiV1MatchesDecisionsPostRequestBodyContentApplicationJsonActionValues as DECISION_ACTIONS,
} from './schema';

/** EQF levels are the integers 1 to 8 (the schema declares a range, not a list). */
export const EQF_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8] as const;

// Assets and crisis dossiers (their forms).
export {
  pathsApiV1AssetsPostRequestBodyContentApplicationJsonKindValues as ASSET_FORM_KINDS,
  pathsApiV1AssetsPostRequestBodyContentApplicationJsonCategoryValues as ASSET_FORM_CATEGORIES,
  pathsApiV1AssetsPostRequestBodyContentApplicationJsonConditionAnyOf0Values as ASSET_CONDITIONS,
  pathsApiV1AssetsPostRequestBodyContentApplicationJsonAvailabilityValues as ASSET_AVAILABILITIES,
  pathsApiV1AssetsPostRequestBodyContentApplicationJsonStatusValues as ASSET_FORM_STATUSES,
  pathsApiV1CrisisCasesPostRequestBodyContentApplicationJsonProcedureValues as CRISIS_PROCEDURES,
  pathsApiV1CrisisCasesPostRequestBodyContentApplicationJsonStatusValues as CRISIS_STATUSES,
} from './schema';
