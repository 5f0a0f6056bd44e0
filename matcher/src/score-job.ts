import { scoreAvailability } from './components/availability.js';
import { scoreDistance } from './components/distance.js';
import { scoreLanguages } from './components/languages.js';
import { occupationValue, scoreOccupation } from './components/occupation.js';
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

/**
 * The part of `scorePersonForJob`'s score that is neither skills nor distance, exactly (occupation,
 * languages, qualification, availability, supply chain, weighted). It costs a fraction of the full
 * score, so the indexes' search uses it to tighten a candidate's bound before scoring it in full; the
 * occupation's number comes without its reason, which only the full score shows.
 */
export function jobPartialScore(
  p: ScoringProfile,
  need: JobNeedInput,
  config: ScoringConfig = DEFAULT_CONFIG,
): number {
  const w = config.job;
  return (
    w.occupation * occupationValue(p, need.occupationUri, need.iscoGroup, config) +
    w.languages * scoreLanguages(p.languages, need.languages, config).value +
    w.qualification * scoreQualification(p.eqfLevel, need.minEqf, config).value +
    w.availability * scoreAvailability(p.availableFrom, need.startDate, config).value +
    w.supplyChain * scoreSupplyChain(p, need.supplyChain, need.naceDivision, config).value
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
