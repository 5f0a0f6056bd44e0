import { scoreAvailability } from './components/availability.js';
import { scoreDistance } from './components/distance.js';
import { scoreLanguages } from './components/languages.js';
import { scoreOccupation } from './components/occupation.js';
import { scoreQualification } from './components/qualification.js';
import { scoreSkills } from './components/skills.js';
import { scoreSupplyChain } from './components/supply-chain.js';
import { combine, result } from './combine.js';
import { DEFAULT_CONFIG, JOB_COMPONENTS, type ScoringConfig } from './config.js';
import type { Knowledge } from './knowledge.js';
import type { JobNeedInput, MatchResult, ScoringProfile } from './types.js';

/**
 * Person against a job need. The result's `id` is the profile id and `subjectId` the need id;
 * `scoreNeedForPerson` gives the same numbers the other way round.
 */
export function scorePersonForJob(
  p: ScoringProfile,
  need: JobNeedInput,
  k: Knowledge,
  config: ScoringConfig = DEFAULT_CONFIG,
): MatchResult {
  const skills = scoreSkills(p, need.essentialSkills, need.optionalSkills, k, config);
  const distance = scoreDistance(p.home, need.place, need.radiusKm, p, k.travel);
  const combined = combine(config.job, JOB_COMPONENTS, {
    skills,
    occupation: scoreOccupation(p, need.occupationUri, need.iscoGroup, config),
    distance,
    languages: scoreLanguages(p.languages, need.languages, config),
    qualification: scoreQualification(p.eqfLevel, need.minEqf, config),
    availability: scoreAvailability(p.availableFrom, need.startDate, config),
    supplyChain: scoreSupplyChain(p, need.supplyChain, need.naceDivision, config),
  });
  return result(
    p.id,
    need.id,
    combined,
    distance.exclusion ? [distance.exclusion] : [],
    config,
    skills.breakdown,
  );
}

/** The same pair seen from the person: `id` is the need, `subjectId` the person. */
export function scoreNeedForPerson(
  p: ScoringProfile,
  need: JobNeedInput,
  k: Knowledge,
  config: ScoringConfig = DEFAULT_CONFIG,
): MatchResult {
  const r = scorePersonForJob(p, need, k, config);
  return { ...r, id: need.id, subjectId: p.id };
}
