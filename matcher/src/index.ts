/** Public API of the pure matching library. See docs/scoring-spec.md for every rule. */
export type * from './types.js';
export {
  ENGINE_VERSION,
  DEFAULT_CONFIG,
  JOB_COMPONENTS,
  ROLE_COMPONENTS,
  ASSET_COMPONENTS,
  OPERATOR_COMPONENTS,
  weightsHash,
  type ScoringConfig,
  type SkillCredits,
} from './config.js';
export { sha256Hex, canonicalJson } from './hash.js';
export {
  buildKnowledge,
  EMPTY_KNOWLEDGE,
  type Knowledge,
  type KnowledgeRows,
  type SkillBroaderRow,
  type OccupationRow,
  type OccupationSkillRow,
} from './knowledge.js';
export { haversineKm, haversineRaw, boundingBox, EARTH_RADIUS_KM } from './geo.js';
export {
  parseFerryTable,
  FerryTableError,
  type FerryTable,
  type FerryLink,
  type Port,
} from './travel/ferry-table.js';
export { landmassOf, LANDMASSES, TERRAINS, type Landmass, type TerrainName } from './travel/landmass.js';
export {
  TravelModel,
  WEEKLY_FERRY_MAX_MINUTES,
  linkMinutes,
  expectedWaitMinutes,
  type TravelRoute,
  type TravelOptions,
} from './travel/model.js';
export { TravelMatrix, UNREACHABLE } from './travel/matrix.js';
export { mobilityMinutes, widestMinutes, type Mobility } from './components/distance.js';
export { jobPartialScore, scorePersonForJob, scoreNeedForPerson } from './score-job.js';
export { scorePersonForRole, rolesForPerson } from './score-role.js';
export { compareResults, rankResults } from './rank.js';
export { TopK } from './top-k.js';
export { SkillViewCache } from './components/skill-view-cache.js';
export { PoolEvidenceCache } from './components/pool-evidence-cache.js';
export { CandidateIndex, NeedIndex, type TopKOptions, type TopKResult } from './candidate-index.js';
export type { SearchStats } from './posting-store.js';
export {
  buildTeam,
  teamSteps,
  teamPool,
  teamPoolSteps,
  type TeamResult,
  type RoleCoverage,
  type TeamOptions,
} from './team-builder.js';
export {
  scoreAssetForNeed,
  assetsForNeed,
  needsForAsset,
  scoreOperatorForAsset,
  operatorsForAsset,
  assetExclusions,
  whoCanOperate,
  type OperatorSearchResult,
  type AssetSearchResult,
  type NearMiss,
} from './assets.js';
export { offerFor, budgetFor, costOf, takeModeOf, type Offer, type TakeMode } from './asset-offer.js';
export {
  operatorBasis,
  OPERATOR_OCCUPATIONS,
  type OperatorBasis,
  type OperatorOccupations,
} from './operator-basis.js';
export {
  explain,
  explainAll,
  formatDuration,
  componentTitle,
  reasonSentence,
  exclusionSentence,
  type Explanation,
  type ExplainOptions,
} from './explain.js';
export { TEMPLATES, COMPONENT_TITLES } from './templates.js';
export { valueLabel, formatDate, VOCABULARIES, type VocabularyName } from './value-labels.js';
